// TensorFlow.js 4.22 as a peer: tfjs-core with the `cpu` backend and with the `wasm`
// backend (XNNPACK, SIMD on, single-threaded build), used the fastest way its docs allow:
// a hand-written step `optimizer.minimize` inside `tf.tidy` per batch (tfjs-layers'
// model.fit runs the same minimize per batch plus callbacks and an await per batch),
// fused matMul+bias(+activation) where that is faster, batched calls for grids.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { layerSizes, rng, shuffle } from './workloads.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = process.env.MLP_BUILD_ROOT || `${ROOT}build`;
export const BUNDLE = `${BUILD}/bench/tfjs.cjs`;
const ENTRY = `${ROOT}bench/peers/tfjs-entry.mjs`;
export const WASM_DIR = `${ROOT}node_modules/@tensorflow/tfjs-backend-wasm/dist/`;

const mtime = (p) => {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
};

/** Bundles bench/peers/tfjs-entry.mjs (rolldown, already installed with Vite) unless up to date. */
export async function ensureBundle() {
  const m = mtime(BUNDLE);
  if (m > mtime(ENTRY) && m > mtime(`${ROOT}package-lock.json`)) return BUNDLE;
  const { build } = await import('rolldown');
  await build({
    input: ENTRY,
    platform: 'node',
    // ESM builds of the tfjs packages (one copy of tfjs-core), kept whole: the backends
    // register themselves as side effects.
    resolve: { mainFields: ['module', 'main'] },
    treeshake: { moduleSideEffects: true },
    // CommonJS so that the Emscripten glue of the wasm backend finds __dirname.
    output: { file: BUNDLE, format: 'cjs' },
    logLevel: 'silent',
  });
  return BUNDLE;
}

/** Loads the bundle and configures the wasm backend: SIMD, no threads (one thread). */
export function loadTf() {
  const { tf, wasm } = createRequire(import.meta.url)(BUNDLE);
  // Without this the engine picks the threaded build (Node has SharedArrayBuffer) and a
  // worker pool; the plain SIMD build runs XNNPACK on the calling thread only.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setThreadsCount(1);
  wasm.setWasmPaths(WASM_DIR);
  // "Disables correctness checks in favor of performance" (and the Node.js banner).
  tf.enableProdMode();
  return { tf, wasm };
}

function transpose(w, rows, cols) {
  const t = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
  return t;
}

/** Initialises one backend and checks the wasm one runs SIMD without threads. */
export async function initBackend(tf, backend) {
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
  await tf.ready();
  if (backend === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    if (!simd || threads) throw new Error(`TF.js wasm: expected SIMD on, threads off; got simd=${simd} threads=${threads}`);
  }
}

/** One backend per process (see bench/lib/child.mjs for why). */
export function tfjsLibrary(tf, backend) {
  return {
    library: 'tfjs',
    variant: backend,
    notes: {
      A: 'tf.train.sgd(0.03).minimize(meanSquaredError) in tf.tidy per batch of 10; each epoch shuffled by one tf.gather, batches by tf.slice',
      B: 'same as A; all-unit grid: one batched forward over the 100×100 feature tensor returning every layer\'s activation, each downloaded with dataSync (input features precomputed once, not per grid)',
      C: 'tf.train.adam(0.01) (its epsilon 1e-7 vs 1e-8), softmaxCrossEntropy on logits, batch 32 (last batch 24)',
      D: 'batched predict (softmax of the logits) over the precomputed 65 536 × 2 grid tensor, downloaded with dataSync',
    },
    create(w, data, params) {
      const sizes = layerSizes(w);
      const L = w.layers.length;
      const vars = [];
      for (let l = 0; l < L; l++) {
        const [fin, fout] = [sizes[l], sizes[l + 1]];
        // PyTorch layout [out, in] -> TF's [in, out]: the same initial weights as everyone.
        vars.push({
          W: tf.variable(tf.tensor2d(transpose(params.weights[l], fout, fin), [fin, fout])),
          b: tf.variable(tf.tensor1d(params.biases[l])),
        });
      }
      const X = tf.tensor2d(data.x, [data.n, data.inputs]);
      const Y = tf.tensor2d(data.y, [data.n, data.outputs]);
      const optimizer =
        w.optimizer.type === 'adam' ? tf.train.adam(w.optimizer.learningRate) : tf.train.sgd(w.optimizer.learningRate);
      const softmaxOut = w.layers[L - 1].activation === 'softmax';

      // Forward pass; collects every layer's activation when `all`. The last layer returns
      // logits when softmax (the loss fuses softmax and cross-entropy).
      const forward = (x, fused, all) => {
        let h = x;
        const acts = [];
        for (let l = 0; l < L; l++) {
          const act = w.layers[l].activation;
          const { W, b } = vars[l];
          // Fused matMul takes relu (not tanh) as its activation.
          if (fused) h = tf.fused.matMul({ a: h, b: W, bias: b, activation: act === 'relu' ? 'relu' : 'linear' });
          else {
            h = tf.add(tf.matMul(h, W), b);
            if (act === 'relu') h = tf.relu(h);
          }
          if (act === 'tanh') h = tf.tanh(h);
          if (all) acts.push(act === 'softmax' ? tf.softmax(h) : h);
        }
        return all ? acts : h;
      };
      const lossFn = (yb, out) =>
        softmaxOut ? tf.losses.softmaxCrossEntropy(yb, out) : tf.losses.meanSquaredError(yb, out);

      const order = Int32Array.from({ length: data.n }, (_, i) => i);
      const random = rng(7);
      const bs = w.batchSize;
      const train = (fused) => (epochs) => {
        for (let e = 0; e < epochs; e++) {
          shuffle(order, random);
          tf.tidy(() => {
            const idx = tf.tensor1d(order, 'int32');
            const xs = tf.gather(X, idx), ys = tf.gather(Y, idx);
            for (let i = 0; i < data.n; i += bs) {
              const m = Math.min(bs, data.n - i);
              tf.tidy(() => {
                const xb = tf.slice(xs, [i, 0], [m, data.inputs]), yb = tf.slice(ys, [i, 0], [m, data.outputs]);
                optimizer.minimize(() => lossFn(yb, forward(xb, fused, false)), false);
              });
            }
          });
        }
        vars[0].W.dataSync();  // both backends run synchronously; this is a cheap fence anyway
        return epochs;
      };

      const grids = new Map();
      const gridTensor = (g, gridX) => {
        const key = `${g.width}x${g.height}`;
        if (!grids.has(key)) grids.set(key, tf.tensor2d(gridX, [g.width * g.height, data.inputs]));
        return grids.get(key);
      };
      // Every layer's activations over the grid ("a model whose outputs are every layer"),
      // downloaded: the all-unit grid is what the playground draws.
      const gridAll = (fused) => (count, g, gridX) => {
        const G = gridTensor(g, gridX);
        let sink = 0;
        for (let i = 0; i < count; i++) {
          const acts = tf.tidy(() => forward(G, fused, true));
          for (const a of acts) sink += a.dataSync()[0];
          tf.dispose(acts);
        }
        return count + sink * 0;
      };
      // Outputs only, as one batched predict or in row chunks (whichever is faster here).
      const grid = (fused, chunk) => (count, g, gridX) => {
        const G = gridTensor(g, gridX);
        const rows = g.width * g.height;
        let sink = 0;
        for (let i = 0; i < count; i++) {
          for (let r = 0; r < rows; r += chunk) {
            const m = Math.min(chunk, rows - r);
            const out = tf.tidy(() => {
              const x = chunk >= rows ? G : tf.slice(G, [r, 0], [m, data.inputs]);
              const h = forward(x, fused, false);
              return softmaxOut ? tf.softmax(h) : h;
            });
            sink += out.dataSync()[0];
            out.dispose();
          }
        }
        return count + sink * 0;
      };
      return {
        // Candidates: the bench measures each during warm-up and keeps the fastest.
        train: { fused: train(true), unfused: train(false) },
        gridAll: { fused: gridAll(true), unfused: gridAll(false) },
        grid: {
          'fused, one batch': grid(true, Infinity),
          'fused, 4096-row chunks': grid(true, 4096),
        },
      };
    },
  };
}
