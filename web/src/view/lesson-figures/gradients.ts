// Lesson 8's view: how hard each loss pushes an output that is wrong. The size of ∂L/∂z
// against the output's pre-activation z for a target of 1: cross-entropy on a sigmoid keeps
// pushing (|σ(z) − 1| → 1), squared error on a sigmoid or tanh goes quiet exactly where the
// output is most wrong (z ≪ 0), because the activation's slope vanishes there.
import { lossGradient, type OutputLoss } from '../../lesson-presets/analysis.js';
import { css, type Palette } from '../colors.js';
import { Plot } from './plot.js';

export const GRADIENT_CURVES: readonly OutputLoss[] = ['bce-sigmoid', 'mse-sigmoid', 'mse-tanh'];

export function curveColour(kind: OutputLoss, p: Palette): string {
  return kind === 'bce-sigmoid' ? p.curve : kind === 'mse-sigmoid' ? css(p.classes[0]!) : css(p.classes[3]!);
}

/** |∂L/∂z| over z ∈ [-zMax, zMax] for a target of 1, one polyline per loss. */
export function gradientCurves(zMax = 8, n = 321): { z: Float64Array; curves: Map<OutputLoss, Float64Array> } {
  const z = Float64Array.from({ length: n }, (_, i) => -zMax + (2 * zMax * i) / (n - 1));
  const curves = new Map(GRADIENT_CURVES.map((k) => [k, z.map((v) => Math.abs(lossGradient(k, v, 1)))] as const));
  return { z, curves };
}

export function drawGradients(canvas: HTMLCanvasElement, p: Palette): void {
  const { z, curves } = gradientCurves();
  const plot = new Plot(canvas, { x: [z[0]!, z[z.length - 1]!], y: [-0.1, 2.5] });
  plot.clear(p.background);
  plot.axes(p, { x: 'z', y: '|∂L/∂z|' });
  for (const [k, g] of curves) plot.line(z, g, curveColour(k, p), k === 'bce-sigmoid' ? 3 : 2.2, k === 'mse-tanh' ? [6, 4] : []);
}
