// The static site: one full-page <mlp-playground> whose settings live in the URL hash, and
// the page's own header links (the lessons, the language switch) in the element's header
// slot. Settings changes replace the hash (no history entry per click); editing the hash
// (or following a link) applies it. The language is the site's one setting (i18n/lang.ts):
// a switch sets <html lang>, which the element follows live, keeping its network.
import { html, render } from 'lit';
import { MlpPlayground } from './app/playground.js';
import { htmlLang, initialLang, keepLang, type Lang, linkLang } from './i18n/lang.js';
import { languageSwitch } from './i18n/switch.js';
import { loadLang, type Messages } from './i18n/messages.js';
import { prefetchCore } from './prefetch-core.js';

prefetchCore();

// Referencing the class keeps the module (the package is marked side-effect free).
if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);

let lang: Lang = initialLang(location.search, navigator.language, location.hash);
document.documentElement.lang = htmlLang(lang);
// A link's language (?lang=, or lang= in the hash, which the settings rewrite) is kept.
if (linkLang(location.search, location.hash)) keepLang(lang);

const el = document.querySelector('mlp-playground');

function drawHeader(m: Messages): void {
  if (!el) return;
  document.title = m.t('site.title');
  // index.html's own English link is for a page without script: replaced on the first draw.
  let slot = el.querySelector<HTMLElement>('[slot="header"][data-drawn]');
  if (!slot) {
    slot = document.createElement('div');
    slot.slot = 'header';
    slot.dataset.drawn = '';
    el.replaceChildren(slot);
  }
  render(
    html`<a class="learn" href="./learn/index.html">${m.t('site.learnLink')}</a>
      <a class="challenges" href="./challenges.html">${m.t('challenge.pageLink')}</a>
      ${languageSwitch(m, lang, (l) => void setLang(l))}`,
    slot,
  );
}

async function setLang(l: Lang): Promise<void> {
  if (l === lang) return;
  const m = await loadLang(l);
  lang = l;
  keepLang(l);
  drawHeader(m);
}

void loadLang(lang).then(drawHeader, () => loadLang('en').then(drawHeader));

if (el) {
  el.config = location.hash.slice(1);
  let written = location.hash.slice(1);
  el.addEventListener('change', (e) => {
    const hash = (e as CustomEvent<{ hash: string }>).detail.hash;
    written = hash;
    history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`);
  });
  window.addEventListener('hashchange', () => {
    const hash = location.hash.slice(1);
    if (hash !== written) {
      written = hash;
      el.config = hash;
    }
  });
}
