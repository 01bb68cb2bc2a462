// The layer records the core keeps for a network, decoded into Network.layers.
import type { Context } from './context.js';
import type { RawNetwork } from './raw.js';
import type { LayerInfo } from './types.js';

export /** The layer records the core keeps for a network (RawNetwork.layersAddress), decoded once. */
function readLayers(ctx: Context, raw: RawNetwork): readonly LayerInfo[] {
  const words = ctx.catalog.layerWords;
  const n = raw.numLayers();
  const at = raw.layersAddress() >>> 2;
  const i32 = ctx.mod.HEAP32.slice(at, at + n * words);
  const layers: LayerInfo[] = [];
  const shape = (k: number): number[] => Array.from(i32.subarray(k + 1, k + 1 + i32[k]!));
  for (let l = 0; l < n; l++) {
    const r = l * words;
    const type = ctx.catalog.layerTypes[i32[r]!]!;
    const weightShape = shape(r + 14);
    layers.push(Object.freeze({
      type,
      activation: type === 'maxpool' ? null : ctx.catalog.activations[i32[r + 1]!]!,
      residual: i32[r + 2] === 1,
      inputShape: Object.freeze(shape(r + 4)) as number[],
      outputShape: Object.freeze(shape(r + 9)) as number[],
      parameterIndex: i32[r + 3]! < 0 ? null : i32[r + 3]!,
      weightShape: weightShape.length ? (Object.freeze(weightShape) as number[]) : null,
    }));
  }
  return Object.freeze(layers);
}
