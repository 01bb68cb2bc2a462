// The embedding example page (embed.html): the package's element entry, and the page's own
// words in the site's language (the elements follow <html lang>; each instance reads its own
// attributes and owns its own worker).
import { render } from 'lit';
import { MlpPlayground } from './element.js';
import { htmlLang, initialLang, keepLang, type Lang } from './i18n/lang.js';
import { loadLang, type Messages, type PlainKey } from './i18n/messages.js';
import { languageSwitch } from './i18n/switch.js';

// Referencing the class keeps the module (package.json marks only dist/lib/element.js as
// having side effects, so a bare `import './element.js'` could be dropped from the build).
if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);

/** The page's text, by element id (embed.html holds the English for a page without script). */
const TEXT: Record<string, PlainKey> = { 't-heading': 'embed.heading', 't-intro': 'embed.intro', 't-relu': 'embed.relu' };

let lang: Lang = initialLang(location.search, navigator.language, location.hash);
document.documentElement.lang = htmlLang(lang);

function draw(m: Messages): void {
  document.title = m.t('embed.title');
  for (const [id, key] of Object.entries(TEXT)) {
    const el = document.getElementById(id);
    if (el) el.textContent = m.t(key);
  }
  const langs = document.getElementById('langs');
  if (langs) render(languageSwitch(m, lang, (l) => void setLang(l)), langs);
}

async function setLang(l: Lang): Promise<void> {
  const m = await loadLang(l);
  lang = l;
  keepLang(l);
  draw(m);
}

void loadLang(lang).then(draw, () => loadLang('en').then(draw));
