// The header: the playground's name and what it is for, a slot for the page's own link,
// and the colour scheme.
import { css, html, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import { SETTINGS, type Theme } from '../settings.js';
import type { Panel } from './panel.js';

function render(h: PanelHost): TemplateResult {
  return html`<header class="top">
    <h1>mlp-playground</h1>
    <p>Train a neural network in your browser and watch linear layers and nonlinearities bend the decision boundary.</p>
    <slot name="header"></slot>
    <label class="row">
      <span class="label">${h.m.t(SETTINGS.theme.label)}</span>
      <select aria-label="Colour scheme" @change=${(e: Event) => h.applySettings({ theme: (e.target as HTMLSelectElement).value as Theme })}>
        ${SETTINGS.theme.choices!(h.catalog).map((t) => html`<option value=${t} ?selected=${t === h.state.theme}>${h.m.name('theme', t)}</option>`)}
      </select>
    </label>
  </header>`;
}

const styles = css`
  header.top {
    display: flex;
    align-items: center;
    gap: 12px;
    flex-wrap: wrap;
    padding: 4px 0 8px;
  }
  header.top h1 {
    font-size: 20px;
    margin: 0;
    font-weight: 600;
  }
  header.top p {
    margin: 0;
    color: var(--muted);
    flex: 1 1 300px;
  }
  ::slotted([slot='header']) {
    color: var(--accent);
    font-weight: 600;
  }
`;

export const headerPanel: Panel = { id: 'header', part: 'header', place: 'top', styles, render };
