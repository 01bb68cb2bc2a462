// The network diagram: input features (click to toggle), hidden layers (+/− layers and
// neurons, activation per layer), outputs; every node shows its unit's output as a
// thumbnail, hovering or focusing it shows that unit in the main view; the weights are
// lines on a canvas behind the nodes, with their value on hover and an editor on click.
import { css, html, type TemplateResult } from 'lit';
import type { Feature } from '../../core/types.js';
import type { PanelHost } from '../host.js';
import { outputLayer } from '../problem.js';
import { maxUnits, SETTINGS } from '../settings.js';
import { DECIMAL, message, sixDigits } from '../text.js';
import { digitsNetworkBody, prepareDigits } from './digits-part.js';
import { denseLayersStyles, imageLayersStyles } from './layer-editor-styles.js';
import type { Panel } from './panel.js';
import { skipArcs, skipStyles, skipToggle, withSkips } from './skip-controls.js';
import { walkButton, walkSlot } from './walk-slot.js';

const S = SETTINGS;

/** Room left of the features column for their names. */
const LEFT = 52;
const HEADS = 66;
/** Room the weight / bias editor needs below its top edge (it must not be clipped). */
const EDITOR_HEIGHT = 175;

/** A unit by where it is (1-based layer and unit, as the reader counts them). */
function unitName(h: PanelHost, layer: number, unit: number): string {
  return layer <= h.state.hidden.length ? h.m.t('network.hiddenUnit', { layer, unit }) : h.m.t('network.outputUnit', { unit });
}

function render(h: PanelHost): TemplateResult {
  const m = h.m;
  const s = h.state;
  const shape = h.shape;
  const all = h.catalog.featuresFor(shape.dims);
  const ui = h.ui;
  const layout = h.layout;
  const node = layout.node;
  const hiddenCount = s.hidden.length;
  const out = outputLayer(shape, s.loss);
  const focus = ui.focusUnit;
  // A change of the layers' widths keeps only the skips that still fit (and says which went).
  const set = (patch: Parameters<PanelHost['applySettings']>[0]): void => h.applySettings(withSkips(h, patch));

  const toggleFeature = (f: Feature): void => {
    const on = s.features.includes(f);
    if (on && s.features.length === 1) {
      h.notify({ id: 'feature', kind: 'info', text: (m) => m.t('notice.oneFeature') });
      return;
    }
    h.dismiss('feature');
    set({ features: on ? s.features.filter((x) => x !== f) : [...s.features, f] });
  };
  // The activations follow the layers in reconcile(): a new layer takes the last one's.
  const addLayer = (): void => {
    if (hiddenCount >= S.hidden.maxItems!) return;
    set({ hidden: [...s.hidden, s.hidden[hiddenCount - 1] ?? 2] });
  };
  const removeLayer = (): void => {
    if (hiddenCount === 0) return;
    set({ hidden: s.hidden.slice(0, -1) });
  };
  const units = (l: number, delta: number): void => {
    const next = [...s.hidden];
    next[l] = Math.max(S.hidden.min!, Math.min(maxUnits(s), next[l]! + delta));
    if (next[l] !== s.hidden[l]) set({ hidden: next });
  };

  const params = h.parameters;
  const bias = (layer: number, unit: number): number | null => params?.biases[layer - 1]?.[unit] ?? null;
  const openBias = (layer: number, unit: number, x: number, y: number): void => {
    const b = bias(layer, unit);
    if (b === null) return;
    h.setUi({ editor: { kind: 'bias', layer: layer - 1, unit, input: 0, value: b, x, y, error: '' } });
  };
  const isFocus = (layer: number, unit: number): boolean => focus?.layer === layer && focus.unit === unit;
  // The layer "Step through one update" explains is outlined.
  const explained = (layer: number): string => (ui.walk?.layer === layer ? 'explained' : '');

  const onMove = (e: PointerEvent): void => {
    // While the walk is open the lines are its values (∂L/∂w, Δw), not weights to edit.
    if (ui.walk || (e.target as Element).tagName !== 'CANVAS' || !(e.target as Element).classList.contains('lines')) {
      if (ui.tooltip) h.setUi({ tooltip: null });
      h.hoverWeight(null);
      return;
    }
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const x = e.clientX - r.left - LEFT, y = e.clientY - r.top;
    const w = h.weightAt(x, y);
    h.hoverWeight(w);
    h.setUi({ tooltip: w ? { x: x + LEFT + 10, y: y - 28, text: m.t('network.weightTip', { value: m.fixed(w.value, 3) }) } : null });
  };
  const onClick = (e: MouseEvent): void => {
    if (ui.walk || (e.target as Element).tagName !== 'CANVAS') return;
    const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const x = e.clientX - r.left - LEFT, y = e.clientY - r.top;
    // The highlighted line is the one edited: a click's coordinates are whole pixels, the
    // pointer's were not, and in a dense diagram another line may be nearer to them.
    const hov = h.hoveredWeight;
    const fanIn = (l: number): number => (l === 0 ? s.features.length : (s.hidden[l - 1] ?? 0));
    const w = hov ? { ...hov, value: params?.weights[hov.layer]?.[hov.unit * fanIn(hov.layer) + hov.input] ?? hov.value } : h.weightAt(x, y);
    if (!w) return;
    h.setUi({ tooltip: null, editor: { kind: 'weight', layer: w.layer, unit: w.unit, input: w.input, value: w.value, x: Math.min(x + LEFT, layout.width + LEFT - 220), y: y + 8, error: '' } });
  };

  const colX = (c: number): number => LEFT + (layout.columns[c]?.[0]?.x ?? 0) + node / 2;
  // Column heads must not overlap their neighbours on narrow screens.
  const spacing = layout.columns.length > 1 ? layout.columns[1]![0]!.x - layout.columns[0]![0]!.x : 100;
  const headWidth = Math.max(48, Math.min(84, spacing - 6));
  const bodyHeight = layout.height;
  return html`
    <section class="panel network" role="group" aria-labelledby="net-h">
      <div class="diagram-head">
        <h2 id="net-h" style="margin:0">${m.t('network.heading')}</h2>
        <div class="row" role="group" aria-label=${m.t('network.layersGroup')}>
          <button aria-label=${m.t('network.addLayer')} @click=${addLayer} ?disabled=${hiddenCount >= S.hidden.maxItems!}>+</button>
          <button aria-label=${m.t('network.removeLayer')} @click=${removeLayer} ?disabled=${hiddenCount === 0}>−</button>
          <output aria-label=${m.t('setting.hidden')}>${m.t('network.hiddenCount', { n: hiddenCount })}</output>
        </div>
        ${s.dataset === 'digits' ? null : walkButton(h)}
        <!-- The hint is about the diagram's features, nodes and lines, which the digits have not. -->
        ${s.dataset === 'digits' ? null : html`<span class="hint">${m.t('network.hint')}</span>`}
      </div>
      ${s.dataset === 'digits' ? digitsNetworkBody(h, set) : html`<div class="diagram-scroll">
        <div class="diagram" style=${`width:${layout.width + LEFT}px`}>
          <div class="layer-heads" style=${`height:${HEADS}px`}>
            <div class="layer-head" style=${`left:${colX(0)}px`}><span>${m.t('setting.features')}</span><span>${m.t('network.featuresOf', { on: s.features.length, all: all.length })}</span></div>
            ${s.hidden.map(
              (n, l) => html`<div class="layer-head" style=${`left:${colX(l + 1)}px`} data-layer=${l + 1}>
                <div class="pm row" style="flex-wrap:nowrap;gap:2px">
                  <button aria-label=${m.t('network.addNeuron', { layer: l + 1 })} @click=${() => units(l, 1)} ?disabled=${n >= maxUnits(s)}>+</button>
                  <button aria-label=${m.t('network.removeNeuron', { layer: l + 1 })} @click=${() => units(l, -1)} ?disabled=${n <= S.hidden.min!}>−</button>
                </div>
                <span>${m.t('network.neurons', { n })}${skipToggle(h, l + 1)}</span>
                <select style=${`width:${headWidth}px`} aria-label=${m.t('network.activationOf', { layer: l + 1 })} @change=${(e: Event) => {
                  const acts = [...s.activations];
                  acts[l] = (e.target as HTMLSelectElement).value as (typeof acts)[number];
                  set({ activations: acts });
                }}>
                  ${h.catalog.hiddenActivations.map((a) => html`<option value=${a} ?selected=${a === s.activations[l]}>${m.name('activation', a)}</option>`)}
                </select>
              </div>`,
            )}
            <div class="layer-head" style=${`left:${colX(hiddenCount + 1)}px`}><span>${m.t('network.output')}</span><span>${m.t('network.outputUnits', { units: out.units, activation: m.name('activation', out.activation) })}</span></div>
          </div>
          <div class="diagram-body" style=${`position:relative;height:${Math.max(bodyHeight, EDITOR_HEIGHT + 10)}px`} @pointermove=${onMove}
            @pointerleave=${() => { h.setUi({ tooltip: null }); h.hoverWeight(null); }} @click=${onClick}>
            <!-- The lines' and the thumbnail atlas' canvases are view/diagram-canvas.ts' own (it may hand them to a worker). -->
            <div class="lines-host" style=${`left:${LEFT}px;width:${layout.width}px;height:${layout.height}px`}></div>
            <div class="thumbs-host" style=${`left:${LEFT}px;width:${layout.width}px;height:${layout.height}px`}></div>
            ${skipArcs(h, LEFT)}
            ${all.map((f, i) => {
              const p = layout.columns[0]![i]!;
              const on = s.features.includes(f);
              return html`
                <span class="node-label" style=${`left:0;width:${LEFT - 6}px;text-align:right;top:${p.y + node / 2 - 8}px`}>${h.catalog.featureLabel(f)}</span>
                <button class="node feature ${on ? '' : 'off'} ${isFocus(0, i) ? 'focused' : ''} ${explained(0)}" style=${`left:${LEFT + p.x}px;top:${p.y}px;width:${node}px;height:${node}px`}
                  aria-pressed=${on ? 'true' : 'false'} aria-label=${h.m.t('network.feature', { name: h.m.name('feature-spoken', f) })} title=${h.m.t('network.featureTitle', { name: h.m.name('feature-spoken', f), on })}
                  @click=${() => toggleFeature(f)} @pointerenter=${() => h.setFocus({ layer: 0, unit: i })} @pointerleave=${() => h.setFocus(null)}
                  @focus=${() => h.setFocus({ layer: 0, unit: i })} @blur=${() => h.setFocus(null)}>
                  <canvas class="thumb" data-key=${`f:${f}`}></canvas>
                </button>`;
            })}
            ${[...s.hidden, out.units].map((n, l) =>
              Array.from({ length: n }, (_, u) => {
                const layer = l + 1;
                const p = layout.columns[layer]?.[u];
                if (!p) return null;
                const b = bias(layer, u);
                const name = unitName(h, layer, u + 1);
                return html`<button class="node unit ${isFocus(layer, u) ? 'focused' : ''} ${explained(layer)}" style=${`left:${LEFT + p.x}px;top:${p.y}px;width:${node}px;height:${node}px`}
                  aria-label=${name} title=${b === null ? m.t('network.unitTitleNoBias', { name }) : m.t('network.unitTitle', { name, bias: m.fixed(b, 3) })}
                  data-layer=${layer} data-unit=${u}
                  @click=${(e: MouseEvent) => { e.stopPropagation(); openBias(layer, u, Math.min(LEFT + p.x + node + 6, layout.width + LEFT - 220), p.y); }}
                  @pointerenter=${() => h.setFocus({ layer, unit: u })} @pointerleave=${() => h.setFocus(null)}
                  @focus=${() => h.setFocus({ layer, unit: u })} @blur=${() => h.setFocus(null)}>
                </button>`;
              }),
            )}
            ${ui.tooltip ? html`<div class="tooltip" style=${`left:${ui.tooltip.x}px;top:${Math.max(0, ui.tooltip.y)}px`}>${ui.tooltip.text}</div>` : null}
            ${ui.editor ? renderEditor(h) : null}
          </div>
        </div>
      </div>`}
      ${s.dataset === 'digits' ? null : walkSlot(h)}
      <details class="about">
        <summary>${m.t('network.about')}</summary>
        <p>${m.t('network.aboutText')}</p>
      </details>
    </section>
  `;
}

function renderEditor(h: PanelHost): TemplateResult {
  const e = h.ui.editor!;
  const m = h.m;
  const unit = unitName(h, e.layer + 1, e.unit + 1);
  const what = e.kind === 'weight' ? m.t('editor.weightInto', { unit }) : m.t('editor.biasOf', { unit });
  // Every parameter of the unit is reachable from here (also by keyboard): its bias and
  // each incoming weight, named by where it comes from.
  const params = h.parameters;
  const inputNames =
    e.layer === 0
      ? h.state.features.map((f) => h.m.name('feature-spoken', f))
      : Array.from({ length: h.state.hidden[e.layer - 1] ?? 0 }, (_, i) => m.t('network.hiddenUnit', { layer: e.layer, unit: i + 1 }));
  const choose = (value: string): void => {
    if (!params) return;
    if (value === 'bias') {
      h.setUi({ editor: { ...e, kind: 'bias', input: 0, value: params.biases[e.layer]?.[e.unit] ?? 0, error: '' } });
    } else {
      const i = Number(value);
      const fanIn = inputNames.length;
      h.setUi({ editor: { ...e, kind: 'weight', input: i, value: params.weights[e.layer]?.[e.unit * fanIn + i] ?? 0, error: '' } });
    }
  };
  const apply = (input: HTMLInputElement): void => {
    const text = input.value.trim();
    const v = DECIMAL.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(v) || Math.abs(v) > 1e6) {
      h.setUi({ editor: { ...e, error: m.t('editor.invalid') } });
      return;
    }
    void h.applyEdit(v).catch((err: unknown) => h.setUi({ editor: { ...e, error: `${m.t('notice.editFailed')} (${message(err)})` } }));
  };
  const top = Math.max(0, Math.min(e.y, Math.max(h.layout.height, EDITOR_HEIGHT + 10) - EDITOR_HEIGHT));
  return html`<div class="editor" role="dialog" aria-label=${m.t(e.kind === 'weight' ? 'editor.editWeight' : 'editor.editBias')} style=${`left:${Math.max(0, e.x)}px;top:${top}px`} @click=${(ev: Event) => ev.stopPropagation()}
    @keydown=${(ev: KeyboardEvent) => {
      if (ev.key === 'Escape') h.setUi({ editor: null });
    }}>
    <select aria-label=${m.t('editor.parameter')} @change=${(ev: Event) => choose((ev.target as HTMLSelectElement).value)}>
      <option value="bias" ?selected=${e.kind === 'bias'}>${m.t('editor.bias')}</option>
      ${inputNames.map((n, i) => html`<option value=${String(i)} ?selected=${e.kind === 'weight' && e.input === i}>${m.t('editor.weightFrom', { name: n })}</option>`)}
    </select>
    <label class="label" for="edit-value">${what}</label>
    <input id="edit-value" type="text" inputmode="decimal" autocomplete="off" .value=${sixDigits(e.value)}
      aria-invalid=${e.error ? 'true' : 'false'}
      @keydown=${(ev: KeyboardEvent) => {
        if (ev.key === 'Enter') apply(ev.target as HTMLInputElement);
      }} />
    ${e.error ? html`<span class="error" role="alert">${e.error}</span>` : null}
    <div class="row">
      <button @click=${(ev: Event) => apply((ev.target as HTMLElement).closest('.editor')!.querySelector('input')!)}>${m.t('editor.apply')}</button>
      <button @click=${() => h.setUi({ editor: null })}>${m.t('editor.cancel')}</button>
    </div>
  </div>`;
}

const styles = css`
  ${skipStyles}
  .network {
    grid-area: network;
  }
  .diagram-head {
    display: flex;
    align-items: center;
    gap: 8px;
    flex-wrap: wrap;
    margin-bottom: 6px;
  }
  .diagram-scroll {
    overflow-x: auto;
    overflow-y: hidden;
    padding-bottom: 4px;
  }
  .diagram {
    position: relative;
  }
  .layer-heads {
    position: relative;
    height: 64px;
  }
  .layer-head {
    position: absolute;
    top: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 2px;
    font-size: 11px;
    color: var(--muted);
    transform: translateX(-50%);
    white-space: nowrap;
  }
  .layer-head .pm button {
    min-height: 22px;
    min-width: 24px;
    padding: 0 4px;
    line-height: 1;
  }
  .layer-head select {
    min-height: 22px;
    padding: 0 2px;
    font-size: 11px;
    max-width: 84px;
  }
  .lines-host,
  .thumbs-host {
    position: absolute;
    left: 0;
    top: 0;
  }
  .lines-host canvas,
  .thumbs-host canvas {
    display: block;
    width: 100%;
    height: 100%;
  }
  .node {
    position: absolute;
    padding: 0;
    min-height: 0;
    border-radius: 4px;
    border: 1px solid var(--border);
    overflow: hidden;
    background: var(--panel);
  }
  /* Weights under the atlas stay hoverable and clickable through it. */
  .thumbs-host {
    pointer-events: none;
  }
  /* A unit's thumbnail is its rectangle of the one canvas.thumbs under the nodes. */
  .node.unit {
    background: transparent;
  }
  .node canvas {
    display: block;
    width: 100%;
    height: 100%;
  }
  .node.off canvas {
    opacity: 0.25;
  }
  .node.explained {
    border: 2px solid var(--orange);
  }
  .node.focused {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  .node-label {
    position: absolute;
    font-size: 11px;
    color: var(--muted);
    white-space: nowrap;
    pointer-events: none;
  }
  .tooltip {
    position: absolute;
    pointer-events: none;
    background: var(--text);
    color: var(--panel);
    border-radius: 4px;
    padding: 2px 6px;
    font-size: 12px;
    white-space: nowrap;
    z-index: 3;
  }
  .editor {
    position: absolute;
    z-index: 4;
    background: var(--panel);
    border: 1px solid var(--accent);
    border-radius: 8px;
    padding: 8px;
    box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2);
    display: flex;
    flex-direction: column;
    gap: 6px;
    width: 220px;
  }
  .editor .error {
    color: var(--danger);
    font-size: 12px;
  }
  details.about {
    margin-top: 8px;
    color: var(--muted);
    font-size: 13px;
  }
  details.about summary {
    cursor: pointer;
    color: var(--text);
  }
  details.about p {
    margin: 6px 0 0;
    max-width: 70ch;
  }
`;

export const networkPanel: Panel = { id: 'network', part: 'network', place: 'column', styles: css`${styles}${imageLayersStyles}${denseLayersStyles}`, render, prepare: prepareDigits };
