// ConvNetJS 0.3.0 as a peer: layers built by hand (Net.makeLayers would insert an extra
// fully-connected layer before the regression loss), its Trainer with the workload's batch
// size, one Vol per example built once. It has no Adam: workload C runs 'windowgrad'
// (RMSProp: Adam without the momentum term, the closest of sgd/adagrad/adadelta/windowgrad).
import { createRequire } from 'node:module';
import { perPointGrids } from './grids.mjs';
import { layerSizes, rng, shuffle } from './workloads.mjs';

export function convnetLibrary() {
  const convnetjs = createRequire(import.meta.url)('convnetjs');
  return {
    library: 'convnetjs',
    variant: 'js',
    notes: {
      A: 'Trainer sgd, momentum 0, batch_size 10; regression layer: loss ½(y−t)², i.e. half the gradient of MSE',
      B: 'same as A',
      C: "Trainer 'windowgrad' (RMSProp, ro 0.95, eps 1e-6) instead of Adam (ConvNetJS 0.3.0 has no Adam), lr 0.01, batch_size 32; batches run across epoch ends",
      D: 'one forward per point (no batched inference in ConvNetJS)',
    },
    create(w, data, params) {
      const sizes = layerSizes(w);
      const dims = (depth) => ({ in_sx: 1, in_sy: 1, in_depth: depth });
      const layers = [new convnetjs.InputLayer({ out_sx: 1, out_sy: 1, out_depth: sizes[0] })];
      const unitLayers = [];  // the layer whose out_act holds each dense layer's activation
      w.layers.forEach((spec, l) => {
        const fc = new convnetjs.FullyConnLayer({ num_neurons: spec.units, ...dims(sizes[l]) });
        // The same initial weights as every library (PyTorch layout, like ConvNetJS's filters).
        for (let u = 0; u < spec.units; u++) {
          for (let k = 0; k < sizes[l]; k++) fc.filters[u].w[k] = params.weights[l][u * sizes[l] + k];
          fc.biases.w[u] = params.biases[l][u];
        }
        layers.push(fc);
        const act =
          spec.activation === 'tanh' ? new convnetjs.TanhLayer(dims(spec.units))
          : spec.activation === 'relu' ? new convnetjs.ReluLayer(dims(spec.units))
          : spec.activation === 'softmax' ? new convnetjs.SoftmaxLayer(dims(spec.units))
          : null;
        if (!act) throw new Error(`convnetjs: no ${spec.activation} layer`);
        layers.push(act);
        unitLayers.push(act);
      });
      if (w.loss === 'mse') layers.push(new convnetjs.RegressionLayer(dims(sizes[sizes.length - 1])));
      const net = new convnetjs.Net();
      net.layers = layers;
      const trainer = new convnetjs.Trainer(net, {
        method: w.optimizer.type === 'adam' ? 'windowgrad' : 'sgd',
        learning_rate: w.optimizer.learningRate,
        batch_size: w.batchSize,
        momentum: 0,
        l1_decay: 0,
        l2_decay: 0,
      });

      const vol = (x, offset, n) => {
        const v = new convnetjs.Vol(1, 1, n, 0);
        for (let k = 0; k < n; k++) v.w[k] = x[offset + k];
        return v;
      };
      const xs = Array.from({ length: data.n }, (_, i) => vol(data.x, i * data.inputs, data.inputs));
      // Regression wants an Array/Float64Array target; softmax wants the class index.
      const ts = Array.from({ length: data.n }, (_, i) =>
        w.loss === 'mse' ? Float64Array.from(data.y.subarray(i * data.outputs, (i + 1) * data.outputs)) : data.labels[i],
      );
      const order = Array.from({ length: data.n }, (_, i) => i);
      const random = rng(7);

      return {
        train(epochs) {
          for (let e = 0; e < epochs; e++) {
            shuffle(order, random);
            for (const i of order) trainer.train(xs[i], ts[i]);
          }
          return epochs;
        },
        ...perPointGrids({
          sizes,
          point: (x, i) => vol(x, i * data.inputs, data.inputs),
          forward: (input) => net.forward(input, false).w,
          layer: (l) => unitLayers[l].out_act.w,
        }),
      };
    },
  };
}
