// The stages of "Step through one update" and what each shows: forward (each unit's
// z = Σ w·x + b and a = σ(z)), the loss, backward (∂L/∂a, ∂L/∂z per unit, ∂L/∂w on the
// diagram's edges) and the update (w ← w − lr·g for the optimizer in use, before and after).
// Every number is read from the worker's WalkStep (the core's trace, gradients and
// previewStep); nothing is computed here but where to find it. Each shown number carries
// its exact value in data-v (for tests and screen readers' copy).
import { html, type TemplateResult } from 'lit';
import type { Parameters } from '../../../core/types.js';
import type { Messages } from '../../../i18n/messages.js';
import type { WalkStep } from '../../../worker/protocol.js';
import * as F from '../../formulas.js';

export type Stage =
  | { kind: 'forward'; layer: number }
  | { kind: 'loss' }
  | { kind: 'backward'; layer: number }
  | { kind: 'update'; layer: number };

/** Forward through every layer, the loss, backward from the output, then each layer's update. */
export function stagesOf(layers: number): Stage[] {
  const ls = Array.from({ length: layers }, (_, l) => l);
  return [
    ...ls.map((layer): Stage => ({ kind: 'forward', layer })),
    { kind: 'loss' },
    ...ls.reverse().map((layer): Stage => ({ kind: 'backward', layer })),
    ...Array.from({ length: layers }, (_, layer): Stage => ({ kind: 'update', layer })),
  ];
}

/** Units and inputs listed per layer before "… and n more" (the diagram shows them all). */
const MAX_UNITS = 6;
const MAX_TERMS = 3;
const MAX_PARAMS = 10;

const SUBS = '₀₁₂₃₄₅₆₇₈₉';
const SUPS: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** A number with 4 significant digits (a true minus sign), its exact value in data-v; in a product a negative one is bracketed. */
export function num(v: number, key?: string, factor = false): TemplateResult {
  const text = factor && v < 0 ? `(${fmt(v)})` : fmt(v);
  return html`<span class="num" data-v=${String(v)} data-k=${key ?? ''}>${text}</span>`;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(4))).replace('-', '−');
  const [mantissa, exponent] = v.toExponential(2).split('e') as [string, string];
  return `${mantissa.replace('-', '−')}×10${Number(exponent).toString().replace(/[-\d]/g, (d) => SUPS[d]!)}`;
}

/** σ of a layer as the formula writes it. */
function actName(activation: string): string {
  return activation === 'linear' ? 'z' : `${activation}(z)`;
}

export interface StageContext {
  m: Messages;
  step: WalkStep;
  /** Activations per layer (net.layers). */
  activations: string[];
  /** Names of the inputs (the features). */
  inputs: string[];
  /** Per layer: its output is x + a (a residual layer), so the next layer's input is no a of the trace alone. */
  residual: boolean[];
}

function layerName(c: StageContext, l: number): string {
  return l === c.activations.length - 1 ? c.m.t('walk.outputLayer') : c.m.t('walk.hiddenLayer', { n: l + 1 });
}

function more(c: StageContext, total: number, shown: number): TemplateResult | null {
  return total > shown ? html`<li class="more">${c.m.t('walk.more', { n: total - shown })}</li>` : null;
}

function fanIn(c: StageContext, l: number): number {
  return l === 0 ? c.step.x.length / c.step.points.length : c.step.trace.layers[l - 1]!.a.length / c.step.points.length;
}

/** The input value i of layer l for the first point: x or the previous layer's output. */
function input(c: StageContext, l: number, i: number): number {
  return l === 0 ? c.step.x[i]! : c.step.trace.layers[l - 1]!.a[i]!;
}

function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBS[Number(d)]!);
}

export function renderStage(c: StageContext, stage: Stage): TemplateResult {
  switch (stage.kind) {
    case 'forward':
      return forward(c, stage.layer);
    case 'loss':
      return loss(c);
    case 'backward':
      return backward(c, stage.layer);
    case 'update':
      return update(c, stage.layer);
  }
}

export function stageTitle(c: StageContext, stage: Stage): string {
  const m = c.m;
  if (stage.kind === 'loss') return m.t('walk.loss');
  const layer = layerName(c, stage.layer);
  return stage.kind === 'forward' ? m.t('walk.forward', { layer }) : stage.kind === 'backward' ? m.t('walk.backward', { layer }) : m.t('walk.update', { layer });
}

function forward(c: StageContext, l: number): TemplateResult {
  const p = c.step.preview.before;
  const t = c.step.trace.layers[l]!;
  const n = fanIn(c, l);
  const units = t.z.length / c.step.points.length;
  const act = c.activations[l]!;
  const w = p.weights[l]!, b = p.biases[l]!;
  // The terms are shown where the input is in the trace (after a residual layer it is x + a).
  const terms = l === 0 || !c.residual[l - 1] ? Math.min(n, MAX_TERMS) : 0;
  const rows = Array.from({ length: Math.min(units, MAX_UNITS) }, (_, j) => {
    const shownTerms = Array.from({ length: terms }, (_, i) => html`${i > 0 ? ' + ' : ''}${num(w[j * n + i]!, undefined, true)}·${num(input(c, l, i), undefined, true)}`);
    return html`<li data-unit=${j}>
      <span class="who">${c.m.t('walk.unit', { n: j + 1 })}</span>
      <span class="eq">z = ${terms === 0 ? 'Σ w·x + b' : html`${shownTerms}${n > terms ? ' + … + ' : ' + '}${num(b[j]!)}`} = ${num(t.z[j]!, `z:${l}:${j}`)}</span>
      <span class="eq">a = ${act === 'softmax' ? `softmax(z)${sub(j + 1)}` : actName(act)} = ${num(t.a[j]!, `a:${l}:${j}`)}</span>
    </li>`;
  });
  return html`<p class="formula">${F.forward}
      ${n > terms ? c.m.t('walk.terms', { n }) : null}</p>
    ${l === 0 ? html`<p class="inputs">${c.m.t('walk.inputs')} ${Array.from({ length: n }, (_, i) => html`${i > 0 ? ', ' : ''}${c.inputs[i] ?? `x${sub(i + 1)}`} = ${num(c.step.x[i]!, `x:${i}`)}`)}</p>` : null}
    <ul class="units">${rows}${more(c, units, MAX_UNITS)}</ul>`;
}

function loss(c: StageContext): TemplateResult {
  const m = c.m;
  const s = c.step;
  const out = s.trace.layers[s.trace.layers.length - 1]!;
  const k = out.a.length / s.points.length;
  const formula = F.loss[s.loss];
  const about = s.loss === 'mse' ? m.t('walk.lossMse') : s.loss === 'bce' ? m.t('walk.lossBce') : m.t('walk.lossCe');
  return html`<p class="formula">${formula}</p>
    <p>${about}</p>
    <ul class="units">
      ${Array.from({ length: Math.min(k, MAX_UNITS) }, (_, j) => html`<li><span class="who">${m.t('walk.unit', { n: j + 1 })}</span>
        <span class="eq">a = ${num(out.a[j]!)}, y = ${num(s.y[j]!)}</span></li>`)}
    </ul>
    <p class="result">L = ${num(s.gradients.loss, 'loss')}</p>`;
}

function backward(c: StageContext, l: number): TemplateResult {
  const g = c.step.gradients;
  const gl = g.layers![l]!;
  const n = fanIn(c, l);
  const units = gl.dz.length / c.step.points.length;
  const dw = g.weights[l]!;
  const rows = Array.from({ length: Math.min(units, MAX_UNITS) }, (_, j) => html`<li data-unit=${j}>
      <span class="who">${c.m.t('walk.unit', { n: j + 1 })}</span>
      <span class="eq">∂L/∂a = ${num(gl.da[j]!, `da:${l}:${j}`)}, ∂L/∂z = ${num(gl.dz[j]!, `dz:${l}:${j}`)}</span>
      <span class="eq">${Array.from({ length: Math.min(n, MAX_TERMS) }, (_, i) => html`${i > 0 ? ', ' : ''}∂L/∂w${sub(i + 1)} = ${num(dw[j * n + i]!, `dw:${l}:${j}:${i}`)}`)}${n > MAX_TERMS ? ', …' : ''}, ∂L/∂b = ${num(g.biases[l]![j]!, `db:${l}:${j}`)}</span>
    </li>`);
  return html`<p class="formula">${F.backward}</p>
    <p class="hint">${c.m.t('walk.edgesGradient')}</p>
    <ul class="units">${rows}${more(c, units, MAX_UNITS)}</ul>`;
}

/** The parameters of layer l in order: each unit's bias, then its weights. */
function params(units: number, n: number): { name: string; weight: boolean; index: number }[] {
  const out: { name: string; weight: boolean; index: number }[] = [];
  for (let j = 0; j < units; j++) {
    out.push({ name: `b${sub(j + 1)}`, weight: false, index: j });
    for (let i = 0; i < n; i++) out.push({ name: `w${sub(j + 1)},${sub(i + 1)}`, weight: true, index: j * n + i });
  }
  return out;
}

function update(c: StageContext, l: number): TemplateResult {
  const m = c.m;
  const s = c.step;
  const pv = s.preview;
  const o = s.optimizer;
  const units = pv.before.biases[l]!.length;
  const n = pv.before.weights[l]!.length / units;
  const at = (p: Parameters, q: { weight: boolean; index: number }): number => (q.weight ? p.weights[l]! : p.biases[l]!)[q.index]!;
  const list = params(units, n);
  const shown = list.slice(0, MAX_PARAMS);
  const extra: { head: string; of: Parameters }[] =
    o.type === 'momentum' && pv.velocity ? [{ head: 'v', of: pv.velocity.after }]
    : o.type === 'adam' && pv.mHat && pv.vHat ? [{ head: 'm̂', of: pv.mHat }, { head: 'v̂', of: pv.vHat }]
    : [];
  const rule = F.update[o.type];
  const settings =
    o.type === 'sgd' ? html`lr = ${num(pv.learningRate)}`
    : o.type === 'momentum' ? html`lr = ${num(pv.learningRate)}, μ = ${num(o.momentum)}`
    : html`lr = ${num(pv.learningRate)}, β₁ = ${num(o.beta1)}, β₂ = ${num(o.beta2)}, ε = ${num(o.eps)}, t = ${num(pv.step)}`;
  return html`<p class="formula">${rule}</p>
    <p>${m.t('walk.optimizer', { name: m.name('optimizer', o.type) })} ${settings}. ${m.t('walk.gradientUsed')}</p>
    ${pv.diverged ? html`<p class="warn" role="alert">${m.t('walk.diverged')}</p>` : null}
    <div class="table-scroll"><table>
      <thead><tr><th scope="col">${m.t('walk.parameter')}</th><th scope="col">${m.t('walk.before')}</th><th scope="col">g</th>${extra.map((e) => html`<th scope="col">${e.head}</th>`)}<th scope="col">${m.t('walk.after')}</th></tr></thead>
      <tbody>${shown.map((q) => html`<tr data-param=${`${q.weight ? 'w' : 'b'}:${l}:${q.index}`}><th scope="row">${q.name}</th><td>${num(at(pv.before, q), 'before')}</td><td>${num(at(pv.gradient, q), 'g')}</td>${extra.map((e) => html`<td>${num(at(e.of, q))}</td>`)}<td>${num(at(pv.after, q), 'after')}</td></tr>`)}</tbody>
    </table></div>
    ${list.length > shown.length ? html`<p class="hint">${m.t('walk.moreParams', { n: list.length - shown.length })}</p>` : null}
    <p class="hint">${m.t('walk.edgesDelta')}</p>`;
}
