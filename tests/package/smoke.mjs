// Run from an empty folder where the packed tarball was installed: the README's example,
// in plain Node, must train XOR to 100 % and report its build.
import assert from 'node:assert/strict';
import { loadCore, MlpError } from 'mlp-playground';

const mlp = await loadCore();
const net = mlp.createNetwork({
  inputs: 2,
  layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
  optimizer: { type: 'adam', learningRate: 0.03 },
});
const x = new Float32Array([-1, -1, -1, 1, 1, -1, 1, 1]);
const y = new Float32Array([1, -1, -1, 1]);
net.trainEpoch({ x, y }, { batchSize: 4, epochs: 300 });
const { accuracy } = net.evaluate({ x, y });
assert.equal(accuracy, 1, `XOR accuracy ${accuracy}`);
assert.throws(() => net.trainBatch(new Float32Array(3), y), (e) => e instanceof MlpError && /x: length 3/.test(e.message));
net.dispose();
const scalar = await loadCore({ simd: false });
assert.equal(scalar.simd, false);
console.log(`packed package OK: mlp-playground ${mlp.version}, simd=${mlp.simd}, XOR accuracy ${accuracy}`);
