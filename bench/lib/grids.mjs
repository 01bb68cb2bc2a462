// gridAll and grid of a peer that evaluates one point at a time (ConvNetJS, brain.js): each
// grid size's points converted to the library's input once, then one forward per point.
// Each library runs in its own process (bench/lib/child.mjs), so the loops below only ever
// see one library's callbacks.

/**
 * `point(gridX, i)` builds the library's input for grid point i;
 * `forward(input)` runs one point and returns its outputs; `layer(l)` is dense layer l's
 * activations (0-based) after the latest forward. `sizes` are the layer widths, inputs first.
 */
export function perPointGrids({ sizes, point, forward, layer }) {
  const layers = sizes.length - 1;
  const units = sizes.slice(1).reduce((a, b) => a + b, 0);
  const outs = sizes[layers];
  const cache = new Map();  // per grid size
  const gridPoints = (g, gridX) => {
    const key = `${g.width}x${g.height}`;
    if (!cache.has(key)) cache.set(key, Array.from({ length: g.width * g.height }, (_, i) => point(gridX, i)));
    return cache.get(key);
  };
  return {
    // Every unit of every dense layer copied out per point (unit-major planes, as the
    // playground draws them).
    gridAll(count, g, gridX) {
      const pts = gridPoints(g, gridX);
      const plane = pts.length;
      const out = new Float32Array(units * plane);
      for (let c = 0; c < count; c++)
        for (let p = 0; p < plane; p++) {
          forward(pts[p]);
          let u = 0;
          for (let l = 0; l < layers; l++) {
            const a = layer(l);
            for (let k = 0; k < a.length; k++) out[(u + k) * plane + p] = a[k];
            u += a.length;
          }
        }
      return count + out[0] * 0;
    },
    grid(count, g, gridX) {
      const pts = gridPoints(g, gridX);
      const out = new Float32Array(outs * pts.length);
      for (let c = 0; c < count; c++)
        for (let p = 0; p < pts.length; p++) {
          const a = forward(pts[p]);
          for (let k = 0; k < outs; k++) out[p * outs + k] = a[k];
        }
      return count + out[0] * 0;
    },
  };
}
