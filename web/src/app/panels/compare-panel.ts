// Compare mode's cards, side by side above the columns: per network its colour and line
// style (as in the loss chart), what it changes from the first, its boundary (or fit) and
// its readouts. Only the template (compare-cards.ts, a chunk fetched when the settings first
// compare networks) and its styles: the extra networks are trained and painted by
// compare/compare-set.ts. Nothing is rendered, or fetched, without compare mode.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import type { PlaygroundState } from '../settings.js';
import { lazyPart } from './lazy.js';
import type { Panel } from './panel.js';

const cards = lazyPart(() => import('./compare-cards.js'));

function render(h: PanelHost): TemplateResult {
  if (h.state.compare.length === 0) return html`${nothing}`;
  return cards.render(h, (m) => m.compareCards(h)) ?? html`${nothing}`;
}


const styles = css`
  .compare {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
    gap: 10px;
    margin: 0 0 10px;
  }
  .compare .card {
    background: var(--panel);
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 8px;
    min-width: 0;
  }
  .compare h3 {
    margin: 0 0 4px;
    font-size: 14px;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .compare .dash {
    color: var(--muted);
    font-weight: normal;
    font-size: 12px;
  }
  .compare .diffs {
    margin: 0 0 6px;
    padding: 0 0 0 16px;
    min-height: 1.4em;
    font-size: 13px;
  }
  .compare canvas {
    display: block;
    width: 100%;
    aspect-ratio: 1;
    border-radius: 4px;
  }
  .compare dl {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 2px 8px;
    margin: 6px 0 0;
    font-size: 12px;
  }
  .compare dt {
    color: var(--muted);
  }
  .compare dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
`;

export const comparePanel: Panel = { id: 'compare', place: 'top', styles, render, prepare: (state: PlaygroundState) => cards.prepare(state.compare.length > 0) };
