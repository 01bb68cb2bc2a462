// Lesson 10's view: one SGD step on one point written out with its real numbers (computed
// by lesson-presets/descent.ts handStep from the core): forward, each unit's z = Σ w·x + b
// and a = σ(z); the loss; backward, ∂L/∂z per unit by the chain rule; and every
// parameter's w, ∂L/∂w and w − η·∂L/∂w. Text only: the numbers are exact, not drawn.
import { html, type TemplateResult } from 'lit';
import type { HandStep, ParamStep } from '../../lesson-presets/descent.js';
import { fmt } from './matrix.js';

export interface HandStepWords {
  forward: string;
  loss: string;
  backward: string;
  update: string;
  parameter: string;
  value: string;
  gradient: string;
  before: string;
  after: string;
  lossAfter: string;
}

const sub = (n: number): string => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);
const num = (v: number): string => fmt(v, 4);
const par = (v: number): string => (v < 0 ? `(${num(v)})` : num(v));

/** The name of unit u of layer l (1-based in the text); the output layer's single unit is ŷ. */
function unit(s: HandStep, l: number, u: number, what: 'z' | 'a'): TemplateResult {
  const out = l === s.layers.length - 1;
  if (out && what === 'a' && s.layers[l]!.length === 1) return html`<var>ŷ</var>`;
  return out ? html`<var>${what}</var>${sub(u + 1)}<sup>out</sup>` : html`<var>${what}</var>${sub(u + 1)}`;
}

/** Layer 1's weights and biases are w and b, layer 2's v and c; indexed by unit, or by input for a single unit. */
function paramName(s: HandStep, p: ParamStep): TemplateResult {
  const units = s.layers[p.layer]!.length, inputs = p.layer === 0 ? s.inputs.length : s.layers[p.layer - 1]!.length;
  const [w, b] = (['wb', 'vc', 'uq'] as const)[Math.min(p.layer, 2)]!;
  if (p.input < 0) return html`<var>${b}</var>${units > 1 ? sub(p.unit + 1) : ''}`;
  const index = units === 1 ? sub(p.input + 1) : inputs === 1 ? sub(p.unit + 1) : `${sub(p.unit + 1)}${sub(p.input + 1)}`;
  return html`<var>${w}</var>${index}`;
}

export function renderHandStep(s: HandStep, activations: readonly string[], w: HandStepWords): TemplateResult {
  const last = s.layers.length - 1;
  const forward = s.layers.map((units, l) => {
    const input = (i: number) => par(l === 0 ? s.inputs[i]! : s.layers[l - 1]![i]!.a);
    return units.map((u, k) => {
      const terms = s.params.filter((p) => p.layer === l && p.unit === k);
      const sum = terms.map((p, j) => p.input < 0 ? html` + ${par(p.before)}` : html`${j > 0 ? ' + ' : ''}${par(p.before)}·${input(p.input)}`);
      const act = activations[l] ?? '';
      return html`<li><span>${unit(s, l, k, 'z')} = ${sum} = <b data-z>${num(u.z)}</b></span>
        <span>${unit(s, l, k, 'a')} = ${act}(${num(u.z)}) = <b>${num(u.a)}</b></span></li>`;
    });
  });
  const out = s.layers[last]![0]!;
  const backward = s.layers.slice(0, last).map((units, l) => units.map((u, k) => {
    const next = s.params.find((p) => p.layer === l + 1 && p.unit === 0 && p.input === k)!;
    return html`<li>∂<var>L</var>/∂${unit(s, l, k, 'z')} = ∂<var>L</var>/∂<var>ŷ</var> · ${paramName(s, next)} · σ′(${unit(s, l, k, 'z')}) = ${par(out.dz)}·${par(next.before)}·${num(u.slope)} = <b>${num(u.dzByHand)}</b></li>`;
  }));
  return html`
    <h4>${w.forward}</h4>
    <p class="given"><var>x</var> = ${num(s.inputs[0]!)}, &nbsp; <var>y</var> = ${num(s.target)}</p>
    <ol class="terms">${forward}</ol>
    <h4>${w.loss}</h4>
    <p class="terms"><var>L</var> = (<var>ŷ</var> − <var>y</var>)² = (${num(s.output)} − ${par(s.target)})² = <b data-loss>${num(s.loss)}</b></p>
    <h4>${w.backward}</h4>
    <ol class="terms">
      <li>∂<var>L</var>/∂<var>ŷ</var> = 2(<var>ŷ</var> − <var>y</var>) = <b>${num(out.dz)}</b></li>
      ${backward}
    </ol>
    <h4>${w.update} <small>(η = ${num(s.learningRate)})</small></h4>
    <div class="scroll"><table class="runs step">
      <thead><tr><th>${w.parameter}</th><th>${w.value}</th><th>${w.gradient}</th><th>${w.after}</th></tr></thead>
      <tbody>${s.params.map((p) => html`<tr><td>${paramName(s, p)}</td><td>${num(p.before)}</td><td data-grad>${num(p.grad)}</td><td data-after>${num(p.after)}</td></tr>`)}</tbody>
    </table></div>
    <p>${w.lossAfter} <b data-loss-after>${num(s.lossAfter)}</b> (${w.before} ${num(s.loss)})</p>
  `;
}
