// Grid results: the planes a grid call leaves in wasm memory (one per unit, each width ×
// height, row-major from the top row) copied out or viewed in place, with unit(layer,
// unit) to find one of them.
import type { Context } from './context.js';
import type { GridPlanes } from './raw.js';
import type { GridResult } from './types.js';
import { integer } from './validate.js';

export function gridResult(ctx: Context, planes: GridPlanes, layerSizes: number[], copy: boolean): GridResult {
  const { width, height } = planes;
  const plane = width * height;
  const total = layerSizes.reduce((a, b) => a + b, 0);
  const data = copy ? ctx.copyOut(planes.address, total * plane) : ctx.view(planes.address, total * plane);
  const starts: number[] = [];
  layerSizes.reduce((acc, s) => (starts.push(acc), acc + s), 0);
  return {
    width,
    height,
    layerSizes,
    data,
    unit(layer: number, unit: number): Float32Array {
      integer(layer, 'layer', 0, layerSizes.length - 1);
      integer(unit, 'unit', 0, layerSizes[layer]! - 1);
      const start = (starts[layer]! + unit) * plane;
      return data.subarray(start, start + plane);
    },
  };
}
