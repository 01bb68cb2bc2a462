// "Step through one update": the button under the network diagram that opens the walk, the
// walk's place there, and picking its training point on the main view. The walk itself
// (its stages and their numbers) is a chunk of its own, loaded on the first open with its
// English messages (walk/walk-view.ts, which defines <mlp-step-walk>; i18n/en-teaching.ts):
// the first load does not carry it.
import { html, type TemplateResult } from 'lit';
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
