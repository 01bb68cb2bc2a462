// Residual ("skip") connections in the layer editor: a toggle per hidden layer from the
// second on (allowed only between equally wide layers: a notice says why otherwise, and
// nothing changes), the skip arcs drawn over the diagram, and the rule that a change of
// widths keeps only the skips that still fit, with a notice naming those dropped.
import { css, html, svg, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import type { PlaygroundState } from '../settings.js';
import { fitSkips, skipProblem, toggleSkip } from '../skips.js';

/** The toggle of hidden layer `layer` (1-based); none for the first, whose input is the features. */
export function skipToggle(h: PanelHost, layer: number): TemplateResult | null {
  if (layer < 2) return null;
  const s = h.state;
  const on = s.skips.includes(layer);
  const click = (): void => {
    const problem = on ? null : skipProblem(s.hidden, layer);
    if (problem === 'width') {
      const units = s.hidden[layer - 1]!, before = s.hidden[layer - 2]!;
      h.notify({ id: 'skip', kind: 'warning', text: (m) => m.t('notice.skipWidth', { layer: m.int(layer), units: m.int(units), before: m.int(before) }) });
      return;
    }
    if (problem === 'first') {
      h.notify({ id: 'skip', kind: 'warning', text: (m) => m.t('notice.skipFirst') });
      return;
    }
    h.dismiss('skip');
    h.applySettings({ skips: toggleSkip(s.skips, layer) });
  };
  return html`<button class="skip" aria-pressed=${on ? 'true' : 'false'} aria-label=${h.m.t('network.skipOf', { layer })} title=${h.m.t('network.skipOf', { layer })} @click=${click}>${h.m.t('network.skip')}</button>`;
}

/** A patch of the layers with the skips that still fit; a notice when some had to go. */
export function withSkips(h: PanelHost, patch: Partial<PlaygroundState>): Partial<PlaygroundState> {
  if (!patch.hidden) return patch;
  const kept = fitSkips(patch.hidden, h.state.skips);
  const dropped = h.state.skips.filter((l) => !kept.includes(l));
  if (dropped.length > 0) h.notify({ id: 'skip', kind: 'info', text: (m) => m.t('notice.skipsDropped', { layers: dropped.map((l) => m.int(l)).join(', ') }) });
  return { ...patch, skips: kept };
}

/** The arcs of the skips, under the two columns each joins (CSS pixels of the diagram's body). */
export function skipArcs(h: PanelHost, left: number): TemplateResult | null {
  const { skips } = h.state;
  const layout = h.layout;
  if (skips.length === 0) return null;
  const half = layout.node / 2;
  const paths = skips.flatMap((l) => {
    const from = layout.columns[l - 1], to = layout.columns[l];
    if (!from?.length || !to?.length) return [];
    const x1 = left + from[0]!.x + half, x2 = left + to[0]!.x + half;
    const y = Math.max(from[from.length - 1]!.y, to[to.length - 1]!.y) + layout.node + 2;
    return [svg`<path d=${`M ${x1} ${y} Q ${(x1 + x2) / 2} ${y + 22} ${x2} ${y}`} /><path class="head" d=${`M ${x2 - 6} ${y + 5} L ${x2} ${y} L ${x2 - 1} ${y + 7}`} />`];
  });
  return html`<svg class="skip-arcs" aria-hidden="true" width=${layout.width + left} height=${layout.height + 24}>${paths}</svg>`;
}

export const skipStyles = css`
  .skip {
    margin-left: 4px;
    padding: 0 5px;
    min-height: 0;
    font-size: 11px;
    line-height: 18px;
  }
  .skip-arcs {
    position: absolute;
    left: 0;
    top: 0;
    pointer-events: none;
    overflow: visible;
  }
  .skip-arcs path {
    fill: none;
    stroke: var(--accent);
    stroke-width: 2;
    stroke-dasharray: 5 3;
  }
  .skip-arcs path.head {
    stroke-dasharray: none;
  }
`;
