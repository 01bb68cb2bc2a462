// The Digits mode's place among the panels: with `dataset=digits` it loads the digits chunk
// (app/digits/mode.ts, fetched only then) and hands <mlp-digits-mode> the host, the network's
// config and which digits; nothing is rendered, and nothing loaded, for any other dataset.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import { digitsSpecOf, networkConfig } from '../setup.js';
import type { Panel } from './panel.js';

let loading: Promise<unknown> | null = null;

function render(h: PanelHost): TemplateResult {
  if (h.state.dataset !== 'digits') return html`${nothing}`;
  loading ??= import('../digits/mode.js');
  return html`<mlp-digits-mode .host=${h} .config=${networkConfig(h.state, h.catalog)} .spec=${digitsSpecOf(h.state)}></mlp-digits-mode>`;
}

const styles = css`
  mlp-digits-mode {
    grid-column: 1 / -1;
  }
`;

export const digitsPanel: Panel = { id: 'digits', place: 'column', styles, render };
