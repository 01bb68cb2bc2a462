// Digits bench worker (E, F): trains one library on the training digits the way the Node
// bench's child processes do (calibrate, warm up, keep the fastest formulation, then timed
// slices; median), with nothing else on the page. Posts { examplesPerSecond, ... }.
import { calibrate, rate, stats, warmUp } from '/bench/lib/measure.mjs';
import { loadDigitsData, mlpLibrary } from '/bench/lib/mlp.mjs';
import { tfjsLibrary } from '/bench/lib/tfjs-model.mjs';
import { initialParams, NOT_YET, WORKLOADS } from '/bench/lib/workloads.mjs';

async function load(library) {
  if (library === 'mlp-playground') return mlpLibrary(true);
  const { tf, wasm } = await import('/build/bench/tfjs-browser.mjs');
  const backend = library.replace('tfjs-', '');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasm.setThreadsCount(1);
  wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  tf.enableProdMode();
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to initialise`);
  await tf.ready();
  const info = backend === 'wasm' ? { simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), threads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT') } : {};
  return { ...tfjsLibrary(tf, backend), info };
}

self.onmessage = async (e) => {
  const { workload, library, slices = '5', slice = '0.4', warm = '1.2' } = e.data;
  try {
    const w = WORKLOADS[workload];
    if (library === 'mlp-playground' && NOT_YET[workload]) throw new Error(`not yet: ${NOT_YET[workload]}`);
    const lib = await load(library);
    const core = library === 'mlp-playground' ? lib.core : (await mlpLibrary(true)).core;
    const data = await loadDigitsData(w);
    const inst = lib.create(w, data, initialParams(core, w));
    const ways = typeof inst.train === 'function' ? { only: inst.train } : inst.train;
    const tried = [];
    let best = null;
    for (const [name, run] of Object.entries(ways)) {
      self.postMessage({ type: 'progress', text: `warming up ${name}` });
      try {
        const count = calibrate(run, Number(slice));
        warmUp(run, count, Number(warm) / Object.keys(ways).length);
        const r = rate(run, count) * data.n;
        tried.push(`${name} ${r.toFixed(0)}`);
        if (!best || r > best.r) best = { name, run, count, r };
      } catch (err) {
        tried.push(`${name} fails (${String(err?.message ?? err).split('\n')[0]})`);
      }
    }
    if (!best) throw new Error(`every formulation failed: ${tried.join('; ')}`);
    const rates = [];
    for (let i = 0; i < Number(slices); i++) rates.push(rate(best.run, best.count) * data.n);
    self.postMessage({ type: 'result', workload, library, examplesPerSecond: stats(rates).median, rates, formulation: best.name, tried, info: lib.info ?? {} });
  } catch (err) {
    self.postMessage({ type: 'result', error: String(err?.stack ?? err) });
  }
};
