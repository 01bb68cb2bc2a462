// The Learn section's pages (web/learn/*.html): the page around a lesson — header with the
// language switch, the lesson (or the list of lessons), previous / next — rendered with
// lit-html into the light DOM. The <mlp-playground> elements in a lesson are created once;
// switching the language re-renders only the text around them.
import { html, render, type TemplateResult } from 'lit';
import { MlpPlayground } from '../element.js';
import { palette } from '../view/colors.js';
import { type LessonCore, loadLessonCore } from './core.js';
import { htmlLang, initialLang, keepLang, type Lang } from '../i18n/lang.js';
import { languageSwitch } from '../i18n/switch.js';
import { loadLang, type Messages, messages } from '../i18n/messages.js';
import { type Lesson, type LessonContext, type Mounted, tryThis } from './lesson.js';
import { LESSONS } from './pages/index.js';
import './learn.css';

// Referencing the class keeps the element's module in the build (see web/src/embed.ts).
if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);

const slug = document.body.dataset.lesson ?? 'index';
const lesson = LESSONS.find((l) => l.slug === slug) ?? null;
let lang: Lang = initialLang(location.search, navigator.language, location.hash);
document.documentElement.lang = htmlLang(lang);
const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
let core: LessonCore | null = null;
const context = (): LessonContext => ({ lang, palette: palette(dark?.matches ?? false), core });

function header(m: Messages): TemplateResult {
  return html`<header class="bar">
    <a class="brand" href="./index.html"><span>${m.t('learn.site')}</span> · ${m.t('learn.learn')}</a>
    <nav aria-label=${m.t('learn.site')}><a href="../index.html">${m.t('learn.playground')}</a> <a href="../challenges.html">${m.t('challenge.page')}</a></nav>
    ${languageSwitch(m, lang, (l) => void setLang(l))}
  </header>`;
}

function index(m: Messages): TemplateResult {
  return html`<main class="index">
    <h1>${m.t('learn.learn')}</h1>
    <p class="lead">${m.t('learn.intro')}</p>
    <ol class="lessons">
      ${LESSONS.map((l) => html`<li><a href=${`./${l.slug}.html`}><span class="n">${l.number}</span><span class="t">${l.text[lang].title}</span></a><p>${l.text[lang].summary}</p></li>`)}
    </ol>
  </main>`;
}

function lessonPage(m: Messages, l: Lesson): TemplateResult {
  const t = l.text[lang];
  const i = LESSONS.indexOf(l);
  const prev = LESSONS[i - 1], next = LESSONS[i + 1];
  return html`<main>
      <article class="lesson" data-lesson=${l.slug}>
        <p class="kicker">${m.t('learn.lesson', { n: l.number })}</p>
        <h1>${t.title}</h1>
        ${l.body(t)}
        ${tryThis(m.t('learn.tryThis'), t.tryBody)}
        <p class="controls-note">${m.t('learn.controls')}</p>
      </article>
    </main>
    <nav class="pager" aria-label=${m.t('learn.lessons')}>
      ${prev ? html`<a rel="prev" href=${`./${prev.slug}.html`}>← ${m.t('learn.previous')}: ${prev.text[lang].title}</a>` : html`<a href="./index.html">← ${m.t('learn.lessons')}</a>`}
      ${next ? html`<a rel="next" href=${`./${next.slug}.html`}>${m.t('learn.next')}: ${next.text[lang].title} →</a>` : html`<a href="./index.html">${m.t('learn.lessons')} →</a>`}
    </nav>`;
}

const root = document.getElementById('learn')!;
let mounted: Mounted | null = null;

function draw(): void {
  const m = messages(lang);
  document.title = lesson ? `${lesson.text[lang].title} — ${m.t('learn.site')}` : `${m.t('learn.learn')} — ${m.t('learn.site')}`;
  render(html`${header(m)}${lesson ? lessonPage(m, lesson) : index(m)}`, root);
}

// The page's words wait for their catalog (Chinese is a chunk of its own); the lessons'
// elements follow <html lang>, set by keepLang.
async function setLang(l: Lang): Promise<void> {
  if (l === lang) return;
  await loadLang(l);
  lang = l;
  keepLang(l);
  draw();
  mounted?.refresh();
}

await loadLang(lang).catch(() => (lang = 'en'));
document.documentElement.lang = htmlLang(lang);
draw();
if (lesson?.mount) {
  mounted = lesson.mount(root.querySelector('article.lesson')!, context);
  void loadLessonCore().then((c) => {
    core = c;
    mounted?.refresh();
  });
}
dark?.addEventListener('change', () => mounted?.refresh());
