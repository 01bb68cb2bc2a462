// The input features (x1, x2, x1², ...) as plain arithmetic on the main thread: the
// features column and a hovered feature (app/painter.ts), the lessons' forward pass
// (lesson-presets/forward.ts). A leaf beside the layers that use it. The core defines the
// same map (cpp/src/dataset.cpp); tests/web/lesson-forward.test.ts compares the two.
import type { Feature } from './core/types.js';

/** Features that exist for 1-D data (no x2). */
export const FEATURES_1D: readonly Feature[] = ['x1', 'x1sq', 'sinx1'];

export function featurePlane(f: Feature, w: number, h: number, xRange: [number, number], yRange: [number, number]): Float32Array {
  const out = new Float32Array(w * h);
  for (let r = 0; r < h; r++) {
    // Row 0 is the top (y max), sampled at cell centres, as the core's grids.
    const x2 = h === 1 ? 0 : yRange[1] - ((r + 0.5) / h) * (yRange[1] - yRange[0]);
    for (let c = 0; c < w; c++) {
      const x1 = xRange[0] + ((c + 0.5) / w) * (xRange[1] - xRange[0]);
      out[r * w + c] = featureValue(f, x1, x2);
    }
  }
  return out;
}

/** One feature of one point (x2 is ignored by the x1 features, and 0 for 1-D data). */
export function featureValue(f: Feature, x1: number, x2: number): number {
  switch (f) {
    case 'x1': return x1;
    case 'x2': return x2;
    case 'x1sq': return x1 * x1;
    case 'x2sq': return x2 * x2;
    case 'x1x2': return x1 * x2;
    case 'sinx1': return Math.sin(x1);
    case 'sinx2': return Math.sin(x2);
  }
}
