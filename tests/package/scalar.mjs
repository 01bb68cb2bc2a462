// The scalar build as the companion package mlp-playground-scalar, from the folder where
// scripts/pack-smoke.sh installed the packed tarballs:
//   node scalar.mjs missing         only mlp-playground installed: SIMD loads; simd: false
//                                   rejects with an MlpError naming the package to install
//   node --no-enable-sse4-1 scalar.mjs missing-auto
//                                   an engine without wasm SIMD (V8 without SSE4.1), no
//                                   companion: the default loadCore() rejects the same way
//   node scalar.mjs installed       both installed: simd: false loads the companion's build,
//                                   which trains to the SIMD build's numbers (simd.json)
//   node --no-enable-sse4-1 scalar.mjs auto-fallback
//                                   no wasm SIMD: the default ('auto') picks the companion,
//                                   same numbers as simd.json
// The numbers: a seeded network's losses over 20 steps of Adam (batches of 10 spiral points) and its final parameters;
// each build follows PyTorch's trajectories to 1e-5 (tests/web/golden.test.ts), so the two
// agree to 2e-5 (relative above 1).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCore, MlpError, simdSupported } from 'mlp-playground';

const mode = process.argv[2];

async function rejectsClearly(options) {
  await assert.rejects(loadCore(options), (e) => {
    assert.ok(e instanceof MlpError, `an MlpError, got ${e}`);
    assert.equal(e.field, 'simd');
    assert.match(e.message, /separate package mlp-playground-scalar/);
    assert.match(e.message, /npm install mlp-playground-scalar/);
    return true;
  });
}

function train(mlp) {
  const net = mlp.createNetwork({
    inputs: 2,
    layers: [{ units: 6, activation: 'tanh' }, { units: 4, activation: 'relu' }, { units: 1, activation: 'tanh' }],
    optimizer: { type: 'adam', learningRate: 0.02 },
    seed: 7,
  });
  // 20 steps of trainBatch on consecutive batches of 10 points (classes ±1 for tanh).
  const { train: points } = mlp.generateDataset({ name: 'spiral', seed: 3 });
  const losses = [];
  for (let s = 0; s < 20; s++) {
    const x = points.x.subarray(s * 20, (s + 1) * 20);
    const y = points.y.subarray(s * 10, (s + 1) * 10).map((c) => (c > 0 ? 1 : -1));
    losses.push(net.trainBatch(x, y));
  }
  const { weights, biases } = net.getParameters();
  const parameters = [...weights, ...biases].flatMap((a) => Array.from(a));
  net.dispose();
  return { losses, parameters };
}

function agree(got, want) {
  const close = (a, b) => Math.abs(a - b) <= 2e-5 * Math.max(1, Math.abs(b));
  assert.equal(got.losses.length, want.losses.length);
  assert.equal(got.parameters.length, want.parameters.length);
  got.losses.forEach((l, i) => assert.ok(close(l, want.losses[i]), `loss ${i}: ${l} vs ${want.losses[i]}`));
  got.parameters.forEach((p, i) => assert.ok(close(p, want.parameters[i]), `parameter ${i}: ${p} vs ${want.parameters[i]}`));
}

if (mode === 'missing') {
  assert.equal(simdSupported(), true);
  assert.equal((await loadCore()).simd, true);
  await rejectsClearly({ simd: false });
} else if (mode === 'missing-auto') {
  assert.equal(simdSupported(), false, 'run with node --no-enable-sse4-1');
  await rejectsClearly({});
  await rejectsClearly({ simd: 'auto' });
} else if (mode === 'installed') {
  const simd = await loadCore({ simd: true });
  const scalar = await loadCore({ simd: false });
  assert.equal(simd.simd, true);
  assert.equal(scalar.simd, false);
  assert.equal(scalar.version, simd.version);
  const want = train(simd);
  agree(train(scalar), want);
  writeFileSync('simd.json', JSON.stringify(want));
} else if (mode === 'auto-fallback') {
  assert.equal(simdSupported(), false, 'run with node --no-enable-sse4-1');
  const auto = await loadCore();
  assert.equal(auto.simd, false);
  agree(train(auto), JSON.parse(readFileSync('simd.json', 'utf8')));
} else {
  throw new Error(`mode: missing | missing-auto | installed | auto-fallback, got ${mode}`);
}
console.log(`scalar companion (${mode}) OK`);
