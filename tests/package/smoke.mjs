// Run from an empty folder where the packed tarball was installed: the README's example,
// in plain Node, must train XOR to 100 % and report its build; the exports (PyTorch, ONNX)
// work from the package, and its network file fits the shipped JSON Schema.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
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
assert.match(net.toPyTorch(), /^FEATURES = \["x1", "x2"\]$/m);
const back = mlp.loadONNX(net.toONNX());
assert.deepEqual(back.predict(x), net.predict(x));
back.dispose();
const schema = createRequire(import.meta.url)('mlp-playground/network.schema.json');
const saved = JSON.parse(net.serialize());
assert.equal(saved.format, schema.properties.format.const);
assert.equal(saved.version, schema.properties.version.const);
net.dispose();
const scalar = await loadCore({ simd: false });
assert.equal(scalar.simd, false);
console.log(`packed package OK: mlp-playground ${mlp.version}, simd=${mlp.simd}, XOR accuracy ${accuracy}`);
