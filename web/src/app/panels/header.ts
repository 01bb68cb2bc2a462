// The header: the playground's name and what it is for, a slot for the page's own link,
// and the colour scheme.
import { css, html, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import { SETTINGS, type Theme } from '../settings.js';
import type { Panel } from './panel.js';

function render(h: PanelHost): TemplateResult {
  const m = h.m;
  return html`<header class="top">
    <h1>${m.t('header.title')}</h1>
    <p>${m.t('header.tagline')}</p>
    <slot name="header"></slot>
    <button class="keys" aria-label=${m.t('toolbar.keys')} title=${`${m.t('toolbar.keys')} (?)`} aria-keyshortcuts="?" @click=${() => h.setUi({ help: true })}>⌨</button>
    <label class="row">
      <span class="label">${m.t(SETTINGS.theme.label)}</span>
      <select aria-label=${m.t('header.colourScheme')} @change=${(e: Event) => h.applySettings({ theme: (e.target as HTMLSelectElement).value as Theme })}>
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
