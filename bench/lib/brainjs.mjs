// brain.js 1.6.1 as a peer: NeuralNetwork.train with many iterations per call (its fast
// path), run() per point for grids. What differs, and cannot be configured: it updates after
// every example (no minibatches), applies one activation to every layer including the
// output (no softmax, no cross-entropy), and its `momentum` option must be in (0, 1).
import { createRequire } from 'node:module';
import { perPointGrids } from './grids.mjs';
import { layerSizes } from './workloads.mjs';

export function brainLibrary() {
  const brain = createRequire(import.meta.url)('brain.js');
  return {
    library: 'brain.js',
    variant: 'js',
    notes: {
      A: 'online SGD (an update per example; no minibatches), lr 0.03, momentum 1e-9 (0 is rejected); error = target − output (MSE); no shuffling between epochs',
      B: 'same as A',
      C: "praxis 'adam' lr 0.01, online (an update per example); ReLU on the output layer too, error = target − output on one-hot targets (no softmax / cross-entropy)",
      D: 'run() per point (toFunction() inlines every path of the network: exponential in depth, unusable at 64×64×64); 3 ReLU outputs, no softmax',
    },
    create(w, data, params) {
      const sizes = layerSizes(w);
      const hidden = w.layers.slice(0, -1);
      const activation = hidden[0].activation;
      if (w.layers.some((l) => l.activation !== activation && l.activation !== 'softmax'))
        throw new Error('brain.js: one activation for every layer');
      const adam = w.optimizer.type === 'adam';
      const trainOptions = {
        errorThresh: 1e-12,  // never stop early: run exactly the iterations asked for
        learningRate: w.optimizer.learningRate,
        momentum: 1e-9,
        log: false,
        ...(adam ? { praxis: 'adam' } : {}),
      };
      const net = new brain.NeuralNetwork({ hiddenLayers: hidden.map((l) => l.units), activation, ...trainOptions });
      // Sizes known up front: initialise now and load the common initial weights (its
      // weights[l][unit][input] is PyTorch's layout).
      net.sizes = sizes;
      net.initialize();
      for (let l = 1; l < sizes.length; l++)
        for (let u = 0; u < sizes[l]; u++) {
          for (let k = 0; k < sizes[l - 1]; k++) net.weights[l][u][k] = params.weights[l - 1][u * sizes[l - 1] + k];
          net.biases[l][u] = params.biases[l - 1][u];
        }
      const examples = Array.from({ length: data.n }, (_, i) => ({
        input: Array.from(data.x.subarray(i * data.inputs, (i + 1) * data.inputs)),
        output: Array.from(data.y.subarray(i * data.outputs, (i + 1) * data.outputs)),
      }));

      return {
        train(epochs) {
          const status = net.train(examples, { ...trainOptions, iterations: epochs });
          if (status.iterations !== epochs) throw new Error(`brain.js stopped after ${status.iterations} of ${epochs} iterations`);
          return epochs;
        },
        // run() per point; every layer's activations are in net.outputs.
        ...perPointGrids({
          sizes,
          point: (x, i) => Array.from(x.subarray(i * data.inputs, (i + 1) * data.inputs)),
          forward: (input) => net.run(input),
          layer: (l) => net.outputs[l + 1],
        }),
      };
    },
  };
}
