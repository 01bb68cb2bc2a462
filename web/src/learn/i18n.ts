// The Learn section's language: English or Chinese, chosen by `?lang=` (a shared link wins),
// else the reader's last choice (localStorage), else the browser's language. The choice
// is remembered and <html lang> follows it.
export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];
const KEY = 'mlp-playground:lang';

export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en';
}

function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;  // storage blocked (privacy settings, sandboxed frames)
  }
}

/** The language to start in. */
export function initialLang(search: string, navigatorLanguage: string | undefined): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (asked === 'en' || asked === 'zh') return asked;
  const kept = stored();
  if (kept === 'en' || kept === 'zh') return kept;
  return navigatorLanguage?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Remembers the choice and shows it in the address (replaceState: no history entry). */
export function keepLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // Not remembered; the URL still carries it.
  }
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(history.state, '', url);
  document.documentElement.lang = htmlLang(lang);
}

/** Words of the page around the lessons. */
export const UI = {
  en: {
    site: 'mlp-playground',
    learn: 'Learn',
    playground: 'Playground',
    language: 'Language',
    lessons: 'Lessons',
    previous: 'Previous',
    next: 'Next',
    lesson: (n: number) => `Lesson ${n}`,
    tryThis: 'Try this',
    intro: 'Nine short lessons on what a neural network can and cannot do, each beside live networks that train in your browser. Every claim on these pages is also checked by an automated test that trains the same networks.',
    controls: 'The playgrounds’ controls: Play / Pause, Step (one epoch) and Reset (new initial weights) at the top; each one trains in its own worker.',
  },
  zh: {
    site: 'mlp-playground',
    learn: '学习',
    playground: '演练场',
    language: '语言',
    lessons: '课程',
    previous: '上一课',
    next: '下一课',
    lesson: (n: number) => `第 ${n} 课`,
    tryThis: '动手试试',
    intro: '九节短课，讲神经网络能做什么、不能做什么。每节课旁边都有在浏览器里实时训练的网络；页面上的每一个结论，也都有一个自动化测试用同样的网络训练并加以验证。',
    controls: '每个演练场上方是它的控制按钮：Play / Pause（开始/暂停）、Step（训练一轮）和 Reset（重新初始化权重）；每个演练场都在自己的 Worker 线程里训练。',
  },
} as const satisfies Record<Lang, unknown>;
