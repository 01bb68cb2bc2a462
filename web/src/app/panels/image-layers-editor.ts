// The digits' image-layer editor in the network panel: the conv2d / maxpool layers before
// the dense ones (the `conv` setting), each with its channels, kernel, stride, padding and
// activation and the shape it makes of a 28×28 digit; add a convolution or a 2×2 max-pool,
// remove one. A change whose shapes do not fit is not made: a notice says which layer and why.
import { html, type TemplateResult } from 'lit';
import type { Activation } from '../../core/types.js';
import type { PanelHost } from '../host.js';
import { CONV_KERNELS, CONV_STRIDES, type ImageLayer, imageShapes, MAX_IMAGE_LAYERS, problemText } from '../image-layers.js';

/** The channel counts the control offers (the hash takes any in 1..32). */
const CHANNELS = [1, 2, 4, 8, 16, 32] as const;
const NEW_CONV: ImageLayer = { type: 'conv2d', channels: 8, kernel: 3, stride: 1, padding: 'same', activation: 'relu' };

/** Applies new image layers if they fit a digit; else a notice with the reason. */
function change(h: PanelHost, conv: ImageLayer[]): void {
  const fit = imageShapes(conv);
  if ('kind' in fit) {
    const said = problemText(fit).said;
    h.notify({ id: 'image-layers', kind: 'warning', text: (m) => m.t('image.refused', { reason: said(m) }) });
    return;
  }
  h.dismiss('image-layers');
  h.applySettings({ conv });
}

export function imageLayersEditor(h: PanelHost): TemplateResult {
  const m = h.m;
  const conv = h.state.conv;
  const fit = imageShapes(conv);
  const shapes = 'kind' in fit ? [] : fit.shapes;
  const edit = (i: number, patch: Partial<ImageLayer>): void => change(h, conv.map((l, j) => (j === i ? ({ ...l, ...patch } as ImageLayer) : l)));
  const value = (e: Event): string => (e.target as HTMLSelectElement).value;
  const select = <T extends string | number>(label: string, options: readonly T[], current: T, name: (o: T) => string, pick: (v: string) => void): TemplateResult =>
    html`<select aria-label=${label} @change=${(e: Event) => pick(value(e))}>
      ${options.map((o) => html`<option value=${String(o)} ?selected=${o === current}>${name(o)}</option>`)}
    </select>`;
  const acts = h.catalog.hiddenActivations.filter((a) => a !== 'softmax');
  return html`<div class="image-layers" role="group" aria-label=${m.t('image.heading')}>
    <h3>${m.t('image.heading')}</h3>
    ${conv.length === 0 ? html`<p class="hint">${m.t('image.none')}</p>` : null}
    <ol>
      ${conv.map((l, i) => {
        const layer = i + 1;
        const [c, , side] = shapes[i] ?? [0, 0, 0];
        return html`<li data-image-layer=${layer}>
          ${l.type === 'maxpool'
            ? html`<span>${m.t('image.pool', { layer })}</span>`
            : html`<span>${m.t('image.conv', { layer })}</span>
                ${select(m.t('image.channels', { layer }), CHANNELS.includes(l.channels as never) ? CHANNELS : [...CHANNELS, l.channels].sort((a, b) => a - b), l.channels, String, (v) => edit(i, { channels: Number(v) }))}
                ${select(m.t('image.kernel', { layer }), CONV_KERNELS, l.kernel, (k) => `${k}×${k}`, (v) => edit(i, { kernel: Number(v) as 3 | 5 }))}
                ${select(m.t('image.stride', { layer }), CONV_STRIDES, l.stride ?? 1, (s) => `s${s}`, (v) => edit(i, { stride: Number(v) as 1 | 2 }))}
                ${select(m.t('image.padding', { layer }), ['same', 'valid'] as const, l.padding ?? 'valid', String, (v) => edit(i, { padding: v as 'same' | 'valid' }))}
                ${select(m.t('image.activation', { layer }), acts, l.activation, (a) => m.name('activation', a), (v) => edit(i, { activation: v as Activation }))}`}
          <output>${m.t('image.output', { c, side })}</output>
          <button aria-label=${m.t('image.remove', { layer })} @click=${() => change(h, conv.filter((_, j) => j !== i))}>−</button>
        </li>`;
      })}
    </ol>
    <div class="row">
      <button ?disabled=${conv.length >= MAX_IMAGE_LAYERS} @click=${() => change(h, [...conv, { ...NEW_CONV }])}>${m.t('image.addConv')}</button>
      <button ?disabled=${conv.length >= MAX_IMAGE_LAYERS} @click=${() => change(h, [...conv, { type: 'maxpool', size: 2 }])}>${m.t('image.addPool')}</button>
    </div>
  </div>`;
}
