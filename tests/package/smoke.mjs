// Run from an empty folder where the packed tarball was installed: the README's example,
// in plain Node, must train XOR to 100 % and report its build; the exports (PyTorch, ONNX)
// work from the package, and its network file fits the shipped JSON Schema;
// `mlp-playground/digits` loads its asset from the package (a small CNN trains on it), shares
// the core's MlpError, and the core entry imports nothing of it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadCore, MlpError } from 'mlp-playground';
import { loadDigits, MlpError as DigitsError } from 'mlp-playground/digits';

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

const { train, test } = await loadDigits({ samples: 1000, size: 14 });
assert.equal(train.size, 800);
assert.equal(test.size, 200);
assert.deepEqual(train.shape, [1, 14, 14]);
assert.equal(DigitsError, MlpError, 'one MlpError class for both entries');
// The README's CNN on those digits: its layers as built, and one step of training.
const cnn = mlp.createNetwork({ inputs: 196, inputShape: train.shape, loss: 'softmax-ce', layers: [
  { type: 'conv2d', channels: 4, kernel: 3, padding: 'same', activation: 'relu' }, { type: 'maxpool' }, { units: 10, activation: 'softmax' }] });
assert.deepEqual(cnn.layers.map((l) => l.outputShape), [[4, 14, 14], [4, 7, 7], [10]]);
const oneHot = new Float32Array(32 * 10).map((_, i) => (i % 10 === train.y[Math.floor(i / 10)] ? 1 : 0));
assert.ok(Number.isFinite(cnn.trainBatch(train.x.subarray(0, 32 * 196), oneHot)));
assert.match(cnn.toPyTorch(), /nn\.Conv2d\(1, 4, 3, stride=1, padding=1\)/);
cnn.dispose();
await assert.rejects(loadDigits({ size: 7 }), (e) => e instanceof MlpError && e.field === 'size');
// Every module the core entry can load (static and dynamic imports, followed): none is the
// digits module, none names the asset.
const lib = `${createRequire(import.meta.url).resolve('mlp-playground').replace(/index\.js$/, '')}`;
const reached = new Set();
const follow = (file) => {
  if (reached.has(file)) return;
  reached.add(file);
  const text = readFileSync(`${lib}${file}`, 'utf8');
  assert.doesNotMatch(text, /digits\.(js|bin)|\/digits['"]/, `${file}, loaded by the core entry, refers to the digits`);
  // Quoted with ' " or ` (the minified bundles write import(`./x.js`)).
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)(["'`])\.\/([^"'`]+)\1/g)) follow(m[2]);
};
follow('index.js');
assert.ok(reached.has('wasm/mlp-simd.mjs'), `the scan follows imports (reached ${[...reached]})`);
console.log(`packed package OK: mlp-playground ${mlp.version}, simd=${mlp.simd}, XOR accuracy ${accuracy}, digits ${train.size}+${test.size}`);
