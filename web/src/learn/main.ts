// The Learn section's pages (web/learn/*.html): the page around a lesson — header with the
// language switch, the lesson (or the list of lessons), previous / next — rendered with
// lit-html into the light DOM. The <mlp-playground> elements in a lesson are created once;
// switching the language re-renders only the text around them.
import { html, render, type TemplateResult } from 'lit';
import { MlpPlayground } from '../element.js';
import { palette } from '../view/colors.js';
import { type LessonCore, loadLessonCore } from './core.js';
import { htmlLang, initialLang, keepLang, type Lang, LANGS, UI } from './i18n.js';
import { type Lesson, type LessonContext, type Mounted, tryThis } from './lesson.js';
import { LESSONS } from './pages/index.js';
import './learn.css';

// Referencing the class keeps the element's module in the build (see web/src/embed.ts).
if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);

const slug = document.body.dataset.lesson ?? 'index';
const lesson = LESSONS.find((l) => l.slug === slug) ?? null;
let lang: Lang = initialLang(location.search, navigator.language);
document.documentElement.lang = htmlLang(lang);
const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
let core: LessonCore | null = null;
const context = (): LessonContext => ({ lang, palette: palette(dark?.matches ?? false), core });

const LANG_NAMES: Record<Lang, string> = { en: 'English', zh: '中文' };

function header(): TemplateResult {
  const ui = UI[lang];
  return html`<header class="bar">
    <a class="brand" href="./index.html"><span>${ui.site}</span> · ${ui.learn}</a>
    <nav aria-label=${ui.site}><a href="../index.html">${ui.playground}</a></nav>
    <div class="langs" role="group" aria-label=${ui.language}>
      ${LANGS.map((l) => html`<button type="button" lang=${htmlLang(l)} aria-pressed=${l === lang ? 'true' : 'false'} @click=${() => setLang(l)}>${LANG_NAMES[l]}</button>`)}
    </div>
  </header>`;
}

function index(): TemplateResult {
  const ui = UI[lang];
  return html`<main class="index">
    <h1>${ui.learn}</h1>
    <p class="lead">${ui.intro}</p>
    <ol class="lessons">
      ${LESSONS.map((l) => html`<li><a href=${`./${l.slug}.html`}><span class="n">${l.number}</span><span class="t">${l.text[lang].title}</span></a><p>${l.text[lang].summary}</p></li>`)}
    </ol>
  </main>`;
}

function lessonPage(l: Lesson): TemplateResult {
  const ui = UI[lang];
  const t = l.text[lang];
  const i = LESSONS.indexOf(l);
  const prev = LESSONS[i - 1], next = LESSONS[i + 1];
  return html`<main>
      <article class="lesson" data-lesson=${l.slug}>
        <p class="kicker">${ui.lesson(l.number)}</p>
        <h1>${t.title}</h1>
        ${l.body(t)}
        ${tryThis(ui.tryThis, t.tryBody)}
        <p class="controls-note">${ui.controls}</p>
      </article>
    </main>
    <nav class="pager" aria-label=${ui.lessons}>
      ${prev ? html`<a rel="prev" href=${`./${prev.slug}.html`}>← ${ui.previous}: ${prev.text[lang].title}</a>` : html`<a href="./index.html">← ${ui.lessons}</a>`}
      ${next ? html`<a rel="next" href=${`./${next.slug}.html`}>${ui.next}: ${next.text[lang].title} →</a>` : html`<a href="./index.html">${ui.lessons} →</a>`}
    </nav>`;
}

const root = document.getElementById('learn')!;
let mounted: Mounted | null = null;

function draw(): void {
  document.title = lesson ? `${lesson.text[lang].title} — ${UI[lang].site}` : `${UI[lang].learn} — ${UI[lang].site}`;
  render(html`${header()}${lesson ? lessonPage(lesson) : index()}`, root);
}

function setLang(l: Lang): void {
  if (l === lang) return;
  lang = l;
  keepLang(l);
  draw();
  mounted?.refresh();
}

draw();
if (lesson?.mount) {
  mounted = lesson.mount(root.querySelector('article.lesson')!, context);
  void loadLessonCore().then((c) => {
    core = c;
    mounted?.refresh();
  });
}
dark?.addEventListener('change', () => mounted?.refresh());
