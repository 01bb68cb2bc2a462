// Run from an empty folder where the packed tarball was installed: the README's example,
// in plain Node, must train XOR to 100 % and report its build; `mlp-playground/digits`
// loads its asset from the package, shares the core's MlpError, and the core entry
// imports nothing of it (only the wasm glue).
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
net.dispose();
const scalar = await loadCore({ simd: false });
assert.equal(scalar.simd, false);

const { train, test } = await loadDigits({ samples: 1000, size: 14 });
assert.equal(train.size, 800);
assert.equal(test.size, 200);
assert.deepEqual(train.shape, [1, 14, 14]);
assert.equal(DigitsError, MlpError, 'one MlpError class for both entries');
await assert.rejects(loadDigits({ size: 7 }), (e) => e instanceof MlpError && e.field === 'size');
const lib = `${createRequire(import.meta.url).resolve('mlp-playground').replace(/index\.js$/, '')}`;
const core = readFileSync(`${lib}index.js`, 'utf8');
const imports = [...core.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)["']([^"']+)["']/g)].map((m) => m[1]);
assert.deepEqual([...new Set(imports)].sort(), ['./wasm/mlp-scalar.mjs', './wasm/mlp-simd.mjs'], `index.js imports ${imports}`);
assert.doesNotMatch(core, /digits/, 'the core entry mentions the digits');
console.log(`packed package OK: mlp-playground ${mlp.version}, simd=${mlp.simd}, XOR accuracy ${accuracy}, digits ${train.size}+${test.size}`);
