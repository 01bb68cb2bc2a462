// Lesson 8's view: how hard each loss pushes an output that is wrong. The size of ∂L/∂z
// against the output's pre-activation z for a target of 1: cross-entropy on a sigmoid keeps
// pushing (|σ(z) − 1| → 1), squared error on a sigmoid or tanh goes quiet exactly where the
// output is most wrong (z ≪ 0), because the activation's slope vanishes there.
// The curves themselves are computed by lesson-presets/analysis.ts (gradientCurves): this
// file only draws them.
import type { GradientCurves, OutputLoss } from '../../lesson-presets/analysis.js';
import { css, type Palette } from '../colors.js';
import { Plot } from './plot.js';

export function curveColour(kind: OutputLoss, p: Palette): string {
  return kind === 'bce-sigmoid' ? p.curve : kind === 'mse-sigmoid' ? css(p.classes[0]!) : css(p.classes[3]!);
}

export function drawGradients(canvas: HTMLCanvasElement, p: Palette, { z, curves }: GradientCurves): void {
  const plot = new Plot(canvas, { x: [z[0]!, z[z.length - 1]!], y: [-0.1, 2.5] });
  plot.clear(p.background);
  plot.axes(p, { x: 'z', y: '|∂L/∂z|' });
  for (const [k, g] of curves) plot.line(z, g, curveColour(k, p), k === 'bce-sigmoid' ? 3 : 2.2, k === 'mse-tanh' ? [6, 4] : []);
}
