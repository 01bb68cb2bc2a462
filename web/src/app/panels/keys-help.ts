// The list of keyboard shortcuts (opened by ? or the header's ⌨ button, closed by Escape,
// its button, or a click outside): a modal dialog over the element, in its language.
import { css, html, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import { SHORTCUTS } from '../keys.js';
import type { Panel } from './panel.js';

function render(h: PanelHost): TemplateResult {
  if (!h.ui.help) return html``;
  const m = h.m;
  const close = (): void => h.setUi({ help: false });
  return html`<div class="keys-backdrop" @click=${close}>
    <div class="keys-help" role="dialog" aria-modal="true" aria-labelledby="keys-h" @click=${(e: Event) => e.stopPropagation()}>
      <h2 id="keys-h">${m.t('keys.title')}</h2>
      <dl>
        ${SHORTCUTS.map((s) => html`<dt><kbd>${'word' in s.key ? m.t(s.key.word) : s.key.glyph}</kbd></dt><dd>${m.t(s.action)}</dd>`)}
      </dl>
      <p class="hint">${m.t('keys.note')}</p>
      <button @click=${close}>${m.t('keys.close')}</button>
    </div>
  </div>`;
}

const styles = css`
  .keys-backdrop {
    position: fixed;
    inset: 0;
    z-index: 20;
    background: rgb(0 0 0 / 0.35);
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 16px;
  }
  .keys-help {
    background: var(--panel);
    color: var(--text);
    border: 1px solid var(--border);
    border-radius: 10px;
    padding: 16px 20px;
    max-width: 420px;
    width: 100%;
  }
  .keys-help h2 {
    margin: 0 0 10px;
    font-size: 17px;
  }
  .keys-help dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 8px 16px;
    margin: 0 0 10px;
  }
  .keys-help dt,
  .keys-help dd {
    margin: 0;
  }
  kbd {
    display: inline-block;
    min-width: 1.6em;
    padding: 1px 6px;
    border: 1px solid var(--border);
    border-bottom-width: 2px;
    border-radius: 4px;
    font: 13px/1.4 ui-monospace, monospace;
    text-align: center;
  }
`;

export const keysHelpPanel: Panel = { id: 'keys-help', place: 'top', styles, render };
