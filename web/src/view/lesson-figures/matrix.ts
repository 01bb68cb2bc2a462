// Lesson 2's view: the single affine map a stack of linear layers collapses to, as text.
// The product of the layers' shapes, the resulting W and b (live, from the parameters),
// and the network's output written with them. A pure lit template: numbers in, markup out.
import { html, type TemplateResult } from 'lit';
import type { AffineMap } from '../../lesson-presets/analysis.js';

const SUB = ['₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'];
export const sub = (n: number): string => String(n).split('').map((d) => SUB[Number(d)]).join('');

export function fmt(v: number, digits = 3): string {
  const s = v.toFixed(digits);
  return (s.startsWith('-') ? '−' + s.slice(1) : s).replace(/^−(0\.0+)$/, '$1');
}

/** W_L · … · W_1 = W with each factor's shape. `shapes` are [rows, cols] per layer, first layer first. */
export function renderProduct(shapes: [number, number][]): TemplateResult {
  const factors = [...shapes.keys()].reverse();
  const [rows] = shapes[shapes.length - 1]!;
  const cols = shapes[0]![1];
  return html`<span class="product">${factors.map(
    (l, i) => html`${i ? html`<span class="op">·</span>` : null}<span class="factor"><var>W</var>${sub(l + 1)}<small>${shapes[l]![0]}×${shapes[l]![1]}</small></span>`,
  )}<span class="op">=</span><span class="factor"><var>W</var><small>${rows}×${cols}</small></span></span>`;
}

/** A matrix in brackets (row-major values). */
export function renderMatrix(values: ArrayLike<number>, rows: number, cols: number, label: string): TemplateResult {
  const cells = Array.from({ length: rows * cols }, (_, i) => html`<span>${fmt(values[i]!)}</span>`);
  return html`<span class="matrix" role="math" aria-label=${label} style=${`grid-template-columns: repeat(${cols}, auto)`}>${cells}</span>`;
}

/** The output of a network whose hidden layers are linear: act(W x + b) written out. */
export function renderAffine(m: AffineMap, activation: string, inputs: string[]): TemplateResult {
  const terms = inputs.map((name, j) => {
    const w = m.weight[j]!;
    return html`${j === 0 ? (w < 0 ? '−' : '') : w < 0 ? ' − ' : ' + '}${fmt(Math.abs(w))}<var>${name}</var>`;
  });
  const b = m.bias[0]!;
  return html`<span class="affine">${activation}(${terms}${b < 0 ? ' − ' : ' + '}${fmt(Math.abs(b))})</span>`;
}
