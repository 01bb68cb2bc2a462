// <mlp-digits-shapes>: the digits mode's network diagram, each stage as the shape it makes
// (28×28 → 32 ReLU → 10 softmax; conv 8 @ 28×28 → pool 8 @ 14×14 → …), read from the
// built network's net.layers (shapes.ts). In the digits chunk; the network panel places it.
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import type { LayerInfo } from '../../core/types.js';
import type { Messages } from '../../i18n/messages.js';
import { sizeText, stages } from './shapes.js';

export class DigitsShapes extends LitElement {
  static override properties = { layers: { attribute: false }, m: { attribute: false } };
  declare layers: readonly LayerInfo[] | null;
  declare m: Messages;

  override render(): TemplateResult {
    const m = this.m;
    if (!m || !this.layers?.length) return html`${nothing}`;
    const kind = { input: 'digits.stageInput', dense: 'digits.stageDense', conv2d: 'digits.stageConv', maxpool: 'digits.stagePool' } as const;
    const all = stages(this.layers);
    return html`<ol class="stages" aria-label=${m.t('digits.shapes')}>
      ${all.map((s, i) => html`<li data-stage=${s.kind}>
        <span class="box ${s.shape.length === 3 ? 'image' : 'vector'}" style=${`--size:${Math.min(64, 14 + 2 * Math.sqrt(s.shape.reduce((a, b) => a * b, 1)) / (s.shape.length === 3 ? 1 : 1.5))}px`} aria-hidden="true"></span>
        <span class="what">${m.t(kind[s.kind])}</span>
        <span class="size">${sizeText(s, (n) => m.int(n))}</span>
        ${s.activation && s.kind !== 'maxpool' ? html`<span class="act">${m.name('activation', s.activation)}</span>` : nothing}
        ${i < all.length - 1 ? html`<span class="arrow" aria-hidden="true">→</span>` : nothing}
      </li>`)}
    </ol>`;
  }

  static override styles = css`
    :host { display: block; }
    ol.stages { list-style: none; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 4px; margin: 8px 0; padding: 0; }
    li { display: grid; grid-template-columns: auto auto; grid-template-rows: auto auto auto; column-gap: 6px; align-items: center; position: relative; padding-right: 18px; }
    .box { grid-row: 1 / 4; width: var(--size); height: var(--size); border: 2px solid currentColor; border-radius: 3px; opacity: 0.75; }
    .box.vector { width: 10px; }
    .box.image { background: repeating-linear-gradient(0deg, transparent 0 5px, color-mix(in srgb, currentColor 20%, transparent) 5px 6px); }
    .what { font-weight: 600; font-size: 13px; }
    .size, .act { font-size: 12px; font-variant-numeric: tabular-nums; }
    .arrow { position: absolute; right: 0; top: 50%; transform: translateY(-50%); }
  `;
}

/** Defines <mlp-digits-shapes> (called by mode.ts: the package declares no side effects, so a bare import would be dropped). */
export function defineDigitsShapes(): void {
  if (!customElements.get('mlp-digits-shapes')) customElements.define('mlp-digits-shapes', DigitsShapes);
}
