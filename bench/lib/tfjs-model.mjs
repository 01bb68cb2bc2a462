// TensorFlow.js 4.22 as a peer, the part that runs anywhere (Node child processes and the
// browser bench's worker): networks of workloads A-F built from the shared initial weights,
// trained the fastest way its docs allow -- a hand-written step `optimizer.minimize`
// inside `tf.tidy` per batch (tfjs-layers' model.fit runs the same minimize per batch plus
// callbacks and an await per batch), fused matMul+bias(+activation) where that is faster,
// batched calls for grids. Loading and bundling TF.js is bench/lib/tfjs.mjs (Node).
import { layerShapes, rng, shuffle } from './workloads.mjs';

function transpose(w, rows, cols) {
  const t = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c];
  return t;
}

/** PyTorch conv weight [out, in, k, k] -> TF.js filter [k, k, in, out]. */
export function convFilter(w, out, inC, k) {
  const f = new Float32Array(w.length);
  for (let o = 0; o < out; o++)
    for (let c = 0; c < inC; c++)
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) f[((i * k + j) * inC + c) * out + o] = w[((o * inC + c) * k + i) * k + j];
  return f;
}

/**
 * PyTorch dense weight [out, C·H·W] after nn.Flatten (C×H×W order) -> TF.js [H·W·C, out]
 * for a flattened NHWC tensor: the same function of the same pixels.
 */
export function flattenedDense(w, out, [C, H, W]) {
  const fin = C * H * W;
  const t = new Float32Array(w.length);
  for (let o = 0; o < out; o++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++) for (let x = 0; x < W; x++) t[((h * W + x) * C + c) * out + o] = w[o * fin + (c * H + h) * W + x];
  return t;
}

/**
 * a·w + b whose gradient uses explicit transposes, so that every matMul of the backward
 * pass is untransposed: tfjs-backend-wasm sends a matMul with a transpose flag to a plain
 * loop instead of XNNPACK (the 784-wide layer of E trains ~2× faster this way).
 */
function denseOp(tf) {
  return tf.customGrad((a, w, b, save) => {
    save([a, w]);
    return {
      value: tf.add(tf.matMul(a, w), b),
      gradFunc: (dy, [a0, w0]) => [tf.matMul(dy, tf.transpose(w0)), tf.matMul(tf.transpose(a0), dy), tf.sum(dy, 0)],
    };
  });
}

/**
 * conv2d, stride 1, 'same' padding, as one matMul over image patches (im2col): the k·k
 * shifted views of the padded input concatenated along channels, [n·H·W, k·k·C] times the
 * filter reshaped [k·k·C, out]. Built from slice/concat/matMul only, so it trains on every
 * backend (tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel). `dense` given: the
 * matMul is that op (explicit transposes), else a fused matMul + bias + relu.
 */
export function im2colConv(tf, x, filter, bias, k, dense) {
  const [n, H, W, C] = x.shape;
  const p = Math.floor(k / 2);
  const padded = tf.pad(x, [[0, 0], [p, k - 1 - p], [p, k - 1 - p], [0, 0]]);
  const views = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) views.push(tf.slice(padded, [0, i, j, 0], [n, H, W, C]));
  const patches = tf.reshape(tf.concat(views, 3), [n * H * W, k * k * C]);
  const f = tf.reshape(filter, [k * k * C, filter.shape[3]]);
  const y = dense ? tf.relu(dense(patches, f, bias)) : tf.fused.matMul({ a: patches, b: f, bias, activation: 'relu' });
  return tf.reshape(y, [n, H, W, filter.shape[3]]);
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
      'A-C, E training': 'dense layers as fused matMul + bias (+ relu), unfused matMul + add, or matMul + add with a tf.customGrad gradient of explicit transposes (tfjs-backend-wasm runs a matMul with a transpose flag, as autodiff makes them, in a plain loop instead of XNNPACK)',
      D: 'batched predict (softmax of the logits) over the precomputed 65 536 × 2 grid tensor, downloaded with dataSync',
      E: 'tf.train.adam(1e-3), softmaxCrossEntropy on logits, batch 32 over the 8,000 digits, each batch a tf.gather of its shuffled indices (a timed unit: one batch)',
      F: 'NHWC; conv2d (stride 1, same) + relu, maxPool 2, flatten (the dense weight permuted from C×H×W to H×W×C order), adam(1e-3), batch 32; conv as tf.conv2d (fused bias + relu; the wasm backend cannot train it: no Conv2DBackpropFilter kernel in 4.22) or im2col (k·k shifted slices concatenated, one matMul; plain, or with explicit transposes in its gradient)',
    },
    create(w, data, params) {
      const convNet = w.layers.some((l) => l.type);
      const shapes = layerShapes(w);
      const vars = [];
      let p = 0;
      shapes.forEach(({ layer, input }) => {
        if (layer.type === 'maxpool') return vars.push(null);
        const weight = params.weights[p], bias = params.biases[p];
        p++;
        if (layer.type === 'conv2d') {
          const [inC] = input;
          const filter = convFilter(weight, layer.channels, inC, layer.kernel);
          vars.push({ W: tf.variable(tf.tensor4d(filter, [layer.kernel, layer.kernel, inC, layer.channels])), b: tf.variable(tf.tensor1d(bias)) });
        } else {
          const fin = input.reduce((a, b) => a * b, 1);
          // PyTorch layout [out, in] -> TF's [in, out]: the same initial weights as everyone.
          const t = input.length === 3 ? flattenedDense(weight, layer.units, input) : transpose(weight, layer.units, fin);
          vars.push({ W: tf.variable(tf.tensor2d(t, [fin, layer.units])), b: tf.variable(tf.tensor1d(bias)) });
        }
      });
      const X = tf.tensor2d(data.x, [data.n, data.inputs]);
      const Y = tf.tensor2d(data.y, [data.n, data.outputs]);
      const optimizer =
        w.optimizer.type === 'adam' ? tf.train.adam(w.optimizer.learningRate) : tf.train.sgd(w.optimizer.learningRate);
      const softmaxOut = w.layers[w.layers.length - 1].activation === 'softmax';

      // Dense forward pass; collects every layer's activation when `all`. The last layer
      // returns logits when softmax (the loss fuses softmax and cross-entropy).
      const dense = denseOp(tf);
      const denseForward = (x, fused, all) => {
        let h = x;
        const acts = [];
        w.layers.forEach((l, i) => {
          const act = l.activation;
          const { W, b } = vars[i];
          // Fused matMul takes relu (not tanh) as its activation.
          if (fused === 'transposes') {
            h = dense(h, W, b);
            if (act === 'relu') h = tf.relu(h);
          } else if (fused) h = tf.fused.matMul({ a: h, b: W, bias: b, activation: act === 'relu' ? 'relu' : 'linear' });
          else {
            h = tf.add(tf.matMul(h, W), b);
            if (act === 'relu') h = tf.relu(h);
          }
          if (act === 'tanh') h = tf.tanh(h);
          if (all) acts.push(act === 'softmax' ? tf.softmax(h) : h);
        });
        return all ? acts : h;
      };
      // Image forward pass (F): conv as tf.conv2d (fused with bias and relu) or im2col.
      const convForward = (x, conv) => {
        const [c0, h0, w0] = w.inputShape;
        let h = tf.reshape(x, [x.shape[0], h0, w0, c0]);  // C = 1: C×H×W and H×W×C agree
        shapes.forEach(({ layer }, i) => {
          if (layer.type === 'conv2d') {
            if (layer.padding !== 'same' || (layer.stride ?? 1) !== 1 || layer.activation !== 'relu') throw new Error('tfjs bench: conv2d supports stride 1, same, relu');
            const { W, b } = vars[i];
            h = conv === 'conv2d'
              ? tf.fused.conv2d({ x: h, filter: W, strides: 1, pad: 'same', bias: b, activation: 'relu' })
              : im2colConv(tf, h, W, b, layer.kernel, conv === 'im2col, transposes' ? dense : null);
          } else if (layer.type === 'maxpool') h = tf.maxPool(h, layer.size, layer.size, 'valid');
          else {
            if (h.shape.length === 4) h = tf.reshape(h, [h.shape[0], -1]);
            const { W, b } = vars[i];
            if (layer.activation !== 'softmax') throw new Error('tfjs bench: a dense layer after conv must be the softmax output');
            h = conv === 'im2col, transposes' ? dense(h, W, b) : tf.fused.matMul({ a: h, b: W, bias: b });
          }
        });
        return h;
      };
      const lossFn = (yb, out) =>
        softmaxOut ? tf.losses.softmaxCrossEntropy(yb, out) : tf.losses.meanSquaredError(yb, out);

      // Training walks a cursor through shuffled epochs; a timed unit is an epoch, or
      // `w.unitBatches` batches where an epoch is too long to time (E, F). A-C shuffle each
      // epoch with one tf.gather and tf.slice the batches; the digits gather each batch by
      // its indices instead: on the wasm backend tf.slice reads the whole source tensor out
      // of the heap first (15 ms a batch from the 8,000 × 784 digits, against 2 for gather).
      const order = Int32Array.from({ length: data.n }, (_, i) => i);
      const random = rng(7);
      const bs = w.batchSize;
      const epochBatches = Math.ceil(data.n / bs);
      const unitBatches = w.unitBatches ?? epochBatches;
      const gatherBatches = Boolean(w.digits);
      let pos = 0, xs = null, ys = null;
      const train = (forward) => (units) => {
        for (let u = 0; u < units * unitBatches; u++) {
          if (pos === 0) {
            shuffle(order, random);
            tf.dispose([xs, ys].filter(Boolean));
            [xs, ys] = gatherBatches ? [null, null] : tf.tidy(() => {
              const idx = tf.tensor1d(order, 'int32');
              return [tf.gather(X, idx), tf.gather(Y, idx)];
            });
          }
          const m = Math.min(bs, data.n - pos);
          tf.tidy(() => {
            let xb, yb;
            if (gatherBatches) {
              const idx = tf.tensor1d(order.subarray(pos, pos + m), 'int32');
              [xb, yb] = [tf.gather(X, idx), tf.gather(Y, idx)];
            } else [xb, yb] = [tf.slice(xs, [pos, 0], [m, data.inputs]), tf.slice(ys, [pos, 0], [m, data.outputs])];
            optimizer.minimize(() => lossFn(yb, forward(xb)), false);
          });
          pos += m;
          if (pos >= data.n) pos = 0;
        }
        vars.find(Boolean).W.dataSync();  // both backends run synchronously; this is a cheap fence anyway
        return (units * unitBatches) / epochBatches;  // epochs done
      };

      if (convNet) {
        return {
          // Candidates: the bench measures each during warm-up and keeps the fastest.
          train: Object.fromEntries(['conv2d', 'im2col', 'im2col, transposes'].map((c) => [c, train((x) => convForward(x, c))])),
        };
      }

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
          const acts = tf.tidy(() => denseForward(G, fused, true));
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
              const h = denseForward(x, fused, false);
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
        train: {
          fused: train((x) => denseForward(x, true, false)),
          unfused: train((x) => denseForward(x, false, false)),
          'explicit transposes': train((x) => denseForward(x, 'transposes', false)),
        },
        gridAll: { fused: gridAll(true), unfused: gridAll(false) },
        grid: {
          'fused, one batch': grid(true, Infinity),
          'fused, 4096-row chunks': grid(true, 4096),
        },
      };
    },
  };
}
