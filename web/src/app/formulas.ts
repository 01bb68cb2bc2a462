// The formulas "Step through one update" shows, as MathML (no images): one forward unit, the
// losses (PyTorch's, mean reduction), backpropagation through a unit, and the optimizers'
// update rules as the core's update.cpp takes them. Notation only: the same in every language.
import { html, mathml, type TemplateResult } from 'lit';
import type { Loss, OptimizerType } from '../core/types.js';

// Pieces inside a <math> are MathML templates (lit's mathml tag), so they get its namespace.
const dLd = (v: string): TemplateResult => mathml`<mfrac><mrow><mo>∂</mo><mi>L</mi></mrow><mrow><mo>∂</mo><mi>${v}</mi></mrow></mfrac>`;
const hat = (v: string): TemplateResult => mathml`<mover><mi>${v}</mi><mo>^</mo></mover>`;
const beta = (k: number): TemplateResult => mathml`<msub><mi>β</mi><mn>${k}</mn></msub>`;
/** (1/N) Σ over the N values (points × outputs for mse, points otherwise). */
const mean = mathml`<mfrac><mn>1</mn><mi>N</mi></mfrac><mo>∑</mo>`;

export const forward = html`<math><mi>z</mi><mo>=</mo><mo>∑</mo><mi>w</mi><mo>·</mo><mi>x</mi><mo>+</mo><mi>b</mi></math>,
  <math><mi>a</mi><mo>=</mo><mi>σ</mi><mo>(</mo><mi>z</mi><mo>)</mo></math>`;

export const loss: Record<Loss, TemplateResult> = {
  mse: html`<math><mi>L</mi><mo>=</mo>${mean}<msup><mrow><mo>(</mo><mi>a</mi><mo>−</mo><mi>y</mi><mo>)</mo></mrow><mn>2</mn></msup></math>`,
  bce: html`<math><mi>L</mi><mo>=</mo><mo>−</mo>${mean}<mo>[</mo><mi>y</mi><mo>·</mo><mi>log</mi><mi>a</mi><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo><mi>y</mi><mo>)</mo><mo>·</mo><mi>log</mi><mo>(</mo><mn>1</mn><mo>−</mo><mi>a</mi><mo>)</mo><mo>]</mo></math>`,
  'softmax-ce': html`<math><mi>L</mi><mo>=</mo><mo>−</mo>${mean}<mi>log</mi><msub><mi>a</mi><mi>y</mi></msub></math>`,
};

export const backward = html`<math>${dLd('z')}<mo>=</mo>${dLd('a')}<mo>·</mo><mi>σ′</mi><mo>(</mo><mi>z</mi><mo>)</mo></math>,
  <math>${dLd('w')}<mo>=</mo>${dLd('z')}<mo>·</mo><mi>x</mi></math>`;

export const update: Record<OptimizerType, TemplateResult> = {
  sgd: html`<math><mi>w</mi><mo>←</mo><mi>w</mi><mo>−</mo><mi>lr</mi><mo>·</mo><mi>g</mi></math>`,
  momentum: html`<math><mi>v</mi><mo>←</mo><mi>μ</mi><mi>v</mi><mo>+</mo><mi>g</mi></math>,
    <math><mi>w</mi><mo>←</mo><mi>w</mi><mo>−</mo><mi>lr</mi><mo>·</mo><mi>v</mi></math>`,
  adam: html`<math><mi>m</mi><mo>←</mo>${beta(1)}<mi>m</mi><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo>${beta(1)}<mo>)</mo><mi>g</mi></math>,
    <math><mi>v</mi><mo>←</mo>${beta(2)}<mi>v</mi><mo>+</mo><mo>(</mo><mn>1</mn><mo>−</mo>${beta(2)}<mo>)</mo><msup><mi>g</mi><mn>2</mn></msup></math>,
    <math>${hat('m')}<mo>=</mo><mi>m</mi><mo>/</mo><mo>(</mo><mn>1</mn><mo>−</mo><msubsup><mi>β</mi><mn>1</mn><mi>t</mi></msubsup><mo>)</mo></math>,
    <math>${hat('v')}<mo>=</mo><mi>v</mi><mo>/</mo><mo>(</mo><mn>1</mn><mo>−</mo><msubsup><mi>β</mi><mn>2</mn><mi>t</mi></msubsup><mo>)</mo></math>,
    <math><mi>w</mi><mo>←</mo><mi>w</mi><mo>−</mo><mi>lr</mi><mo>·</mo>${hat('m')}<mo>/</mo><mo>(</mo><msqrt>${hat('v')}</msqrt><mo>+</mo><mi>ε</mi><mo>)</mo></math>`,
};
