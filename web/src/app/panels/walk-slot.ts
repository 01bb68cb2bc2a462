// "Step through one update": the button under the network diagram that opens the walk, the
// walk's place there, and picking its training point on the main view. The walk itself
// (its stages and their numbers) is a chunk of its own, loaded on the first open with its
// English messages (walk/walk-view.ts, which defines <mlp-step-walk>; i18n/en-teaching.ts):
// the first load does not carry it.
import { css, html, type TemplateResult } from 'lit';
import { loadTeachingMessages } from '../../i18n/messages.js';
import type { PanelHost } from '../host.js';

let loading: Promise<unknown> | null = null;
let loaded = false;

function load(h: PanelHost): void {
  loading ??= Promise.all([import('./walk/walk-view.js'), loadTeachingMessages()]).then(([w]) => {
    w.defineStepWalk();
    loaded = true;
  });
  // Re-render once it is defined (an empty patch changes nothing else).
  void loading.then(() => h.setUi({}));
}

/** Opens the walk: training pauses (the walk explains the network as it is now). */
export function openWalk(h: PanelHost): void {
  if (h.ui.walk) return;
  h.pause();
  load(h);
  h.setUi({ walk: { points: [], layer: null, edges: null }, editor: null, tooltip: null });
}

export function walkButton(h: PanelHost): TemplateResult {
  return html`<button class="walk-open" aria-expanded=${h.ui.walk ? 'true' : 'false'} ?disabled=${!h.built}
    @click=${() => openWalk(h)}>${h.m.t('walk.open')}</button>`;
}

export function walkSlot(h: PanelHost): TemplateResult | null {
  if (!h.ui.walk) return null;
  if (!loaded) {
    load(h);
    return html`<p class="hint" role="status">${h.m.t('walk.loading')}</p>`;
  }
  return html`<mlp-step-walk .host=${h} .walk=${h.ui.walk} .m=${h.m} .built=${h.built} .parameters=${h.parameters}></mlp-step-walk>`;
}

/**
 * A press on the main view while the walk is open: the training point nearest to it (within
 * 24 CSS pixels) becomes the walk's. Returns whether it took the press.
 */
export function pickWalkPoint(h: PanelHost, e: PointerEvent): boolean {
  const walk = h.ui.walk;
  const train = h.built?.train;
  const at = h.pointAt(e.clientX, e.clientY);
  if (!walk || !train || !at) return false;
  let best = -1;
  let bestD = 24 / at.pixelsPerUnit;
  for (let i = 0; i < train.size; i++) {
    const px = train.dims === 2 ? train.x[2 * i]! : train.x[i]!;
    const py = train.dims === 2 ? train.x[2 * i + 1]! : train.y[i]!;
    const d = Math.hypot(px - at.x, py - at.y);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  }
  if (best >= 0) h.setUi({ walk: { ...walk, points: [best] } });
  return true;
}

/** The walk's styles (in the element's shadow root, with the network panel's: the chunk brings none). */
export const walkStyles = css`
  mlp-step-walk {
    display: block;
    margin-top: 8px;
  }
  mlp-step-walk .walk {
    border: 1px solid var(--accent);
    border-radius: 8px;
    padding: 8px 10px;
    background: var(--panel);
    color: var(--text);
    font-size: 14px;
  }
  mlp-step-walk .walk:focus {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  mlp-step-walk .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  mlp-step-walk h3,
  mlp-step-walk h4 {
    margin: 0;
    font-size: 15px;
  }
  mlp-step-walk h4 {
    margin: 6px 0 4px;
  }
  mlp-step-walk .count {
    color: var(--muted);
    font-weight: normal;
  }
  mlp-step-walk button.apply {
    background: var(--accent);
    color: var(--accent-text);
    border-color: var(--accent);
  }
  mlp-step-walk .which {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin: 6px 0;
  }
  mlp-step-walk .formula {
    margin: 4px 0;
    overflow-x: auto;
  }
  mlp-step-walk math {
    font-size: 1.05em;
  }
  mlp-step-walk ul.units {
    list-style: none;
    margin: 4px 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  mlp-step-walk ul.units li {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    border-top: 1px solid var(--border);
    padding-top: 3px;
  }
  mlp-step-walk .who {
    color: var(--muted);
    min-width: 4.5em;
  }
  mlp-step-walk .eq,
  mlp-step-walk .result,
  mlp-step-walk .inputs,
  mlp-step-walk td,
  mlp-step-walk .num {
    font-variant-numeric: tabular-nums;
  }
  mlp-step-walk .eq {
    overflow-wrap: anywhere;
  }
  mlp-step-walk .result {
    font-weight: 600;
  }
  mlp-step-walk .table-scroll {
    overflow-x: auto;
  }
  mlp-step-walk table {
    border-collapse: collapse;
    font-size: 13px;
  }
  mlp-step-walk th,
  mlp-step-walk td {
    padding: 2px 6px;
    text-align: right;
    border-bottom: 1px solid var(--border);
    white-space: nowrap;
  }
  mlp-step-walk .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 8px;
  }
  mlp-step-walk .hint {
    color: var(--muted);
    font-size: 12px;
    margin: 4px 0 0;
  }
  mlp-step-walk .warn {
    color: var(--danger);
  }
`;
