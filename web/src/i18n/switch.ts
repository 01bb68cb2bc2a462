// The language switch the site's pages share (the playground, the embedding example, the
// Learn pages): one button per language, named in its own language, the current one pressed.
import { html, type TemplateResult } from 'lit';
import { htmlLang, type Lang, LANGS } from './lang.js';
import type { Messages } from './messages.js';

export function languageSwitch(m: Messages, current: Lang, pick: (l: Lang) => void): TemplateResult {
  return html`<span class="langs" role="group" aria-label=${m.t('site.language')}>
    ${LANGS.map((l) => html`<button type="button" lang=${htmlLang(l)} aria-pressed=${l === current ? 'true' : 'false'} @click=${() => pick(l)}>${m.t(`lang.${l}`)}</button>`)}
  </span>`;
}
