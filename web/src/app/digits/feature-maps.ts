// Each conv channel's feature map for one digit: the core's trace of the network (net.trace,
// the activations a of every layer, C×H×W as nn.Conv2d writes them), cut per channel and
// scaled to [0, 1] per map (its own min to max: ReLU maps start at 0, tanh maps below it),
// so a map shows where its kernel answers on this digit. Part of the digits chunk.
import type { Network } from '../../core/index.js';

export interface FeatureMaps {
  /** The layer's position in net.layers (0-based). */
  layer: number;
  channels: number;
  side: number;
  /** channels × side², each map scaled to [0, 1]. */
  maps: Float32Array;
}

/** Every conv2d layer's feature maps for the digit x (one image of net.inputs values). */
export function featureMaps(net: Network, x: Float32Array): FeatureMaps[] {
  const info = net.layers;
  if (!info.some((l) => l.type === 'conv2d')) return [];
  const trace = net.trace(x);
  const out: FeatureMaps[] = [];
  info.forEach((l, i) => {
    if (l.type !== 'conv2d') return;
    const [channels, side] = [l.outputShape[0]!, l.outputShape[1]!];
    const a = trace.layers[i]!.a;
    const area = side * side;
    const maps = new Float32Array(channels * area);
    for (let c = 0; c < channels; c++) {
      let lo = Infinity, hi = -Infinity;
      for (let k = 0; k < area; k++) {
        const v = a[c * area + k]!;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      // A constant map (a dead ReLU channel) shows blank rather than divide by zero.
      const span = hi > lo ? hi - lo : 0;
      for (let k = 0; k < area; k++) maps[c * area + k] = span > 0 ? (a[c * area + k]! - lo) / span : 0;
    }
    out.push({ layer: i, channels, side, maps });
  });
  return out;
}
