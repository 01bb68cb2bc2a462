// mlp-playground through its public API only, the documented fast path: resident
// TrainingData + trainEpoch({ batchSize, epochs }) for training, evaluateGrid in one call
// for grids. The all-unit grid is counted as the playground's worker asks for it: the
// default options (copy: true, a buffer it can transfer) and only the planes the page
// reads (inputs: false: it draws the features from featureGrid); the outputs-only grid
// (D) in the render-loop mode (copy: false).
import { digitsData, networkConfig } from './workloads.mjs';

export const DIST = new URL('../../dist/lib/index.js', import.meta.url);
/** `mlp-playground/digits` as built: the digits of workloads E and F. */
export const DIGITS_MODULE = new URL('../../dist/lib/digits.js', import.meta.url);

/** The training digits of E and F (network-ready), loaded through mlp-playground/digits. */
export async function loadDigitsData(w) {
  const { loadDigits } = await import(DIGITS_MODULE.href);
  return digitsData(await loadDigits(w.digits));
}

export async function mlpLibrary(simd, lazyExporters = false) {
  const { loadCore } = await import(DIST.href);
  const core = await loadCore({ simd, lazyExporters });
  if (core.simd !== simd) throw new Error(`asked for simd=${simd}, got a core with simd=${core.simd}`);
  return {
    library: 'mlp-playground',
    variant: simd ? 'simd' : 'scalar',
    core,
    notes: {},
    create(w, data) {
      const net = core.createNetwork(networkConfig(w));
      const td = core.createTrainingData(data.x, data.y, { inputs: data.inputs, outputs: data.outputs });
      const gridSpec = (g) => ({ width: g.width, height: g.height, features: w.features });
      return {
        // One call for all the epochs of a measurement: the per-call cost is part of the API.
        train(epochs) {
          const r = net.trainEpoch(td, { batchSize: w.batchSize, epochs });
          if (r.diverged) throw new Error(`mlp-playground diverged on workload ${w.id}`);
          return r.epochs;
        },
        gridAll(count, g) {
          let sink = 0;
          for (let i = 0; i < count; i++) sink += net.evaluateGrid(gridSpec(g), { inputs: false }).data[0];
          return count + sink * 0;
        },
        grid(count, g) {
          let sink = 0;
          for (let i = 0; i < count; i++) sink += net.evaluateGrid(gridSpec(g), { units: 'outputs', copy: false }).data[0];
          return count + sink * 0;
        },
      };
    },
  };
}
