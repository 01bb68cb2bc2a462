// Where mlp-playground's start-up in Node goes (issue 16: at most 5 ms from importing the
// library to the end of the first trained batch). Each run is a fresh process that times,
// in order: importing dist/lib/index.js, loadCore() (the .wasm read and compiled, the glue
// imported, the module instantiated with Embind's registrations, and — unless lazy — the
// exporters' chunk), createNetwork + createTrainingData, and the first trainEpoch (V8
// compiles each wasm function on its first call). A second kind of run times the
// pieces of loadCore alone: reading the file, WebAssembly.compile, the glue's import, the
// instantiation (Embind's registrations run in it) and the exporters' import.
// `--lite`: the site's lite module (web/src/core/wasm/mlp-simd-lite.*, not in the package)
// through the library's loadCore, with lazy exporters as the site's worker loads it.
// `--lite-dir DIR`: the lite files from DIR instead (another build's, for a comparison).
//   node bench/startup-phases.mjs [--runs 9] [--lazy] [--lite] [--lite-dir DIR] [--lib <dist/lib of another build>]
// Prints the median and min of each phase over the runs, in wall-clock milliseconds and in
// CPU milliseconds of the process (process.cpuUsage: every thread, V8's compile threads too),
// which a loaded machine inflates much less than the wall clock.
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

function cpuMs() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 9;
const liteDir = args.includes('--lite-dir') ? args[args.indexOf('--lite-dir') + 1] : null;
const lite = args.includes('--lite') || Boolean(liteDir);
const lazy = args.includes('--lazy') || lite;
const libArg = args.includes('--lib') ? args[args.indexOf('--lib') + 1] : null;
const LITE = liteDir ? pathToFileURL(`${liteDir.replace(/\/$/, '')}/`) : new URL('../web/src/core/wasm/', import.meta.url);

if (args[0] === '--child') {
  const mode = args[1];
  const libPath = args.slice(2).find((a, i, all) => a !== '--lite' && a !== '--lite-dir' && all[i - 1] !== '--lite-dir');
  const lib = libPath ? pathToFileURL(`${libPath.replace(/\/$/, '')}/`) : new URL('../dist/lib/', import.meta.url);
  const liteRun = args.includes('--lite');
  const wasmFile = liteRun ? new URL('mlp-simd-lite.wasm', LITE) : new URL('wasm/mlp-simd.wasm', lib);
  const glueFile = liteRun ? new URL('mlp-simd-lite.mjs', LITE) : new URL('wasm/mlp-simd.mjs', lib);
  const t = [performance.now()];
  const c = [cpuMs()];
  const mark = () => {
    t.push(performance.now());
    c.push(cpuMs());
  };
  const phases = (names) => {
    const out = {};
    names.forEach((n, i) => {
      out[n] = t[i + 1] - t[i];
      out[`${n} cpu`] = c[i + 1] - c[i];
    });
    return out;
  };
  if (mode === 'pieces') {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(wasmFile);
    mark();
    const module = await WebAssembly.compile(bytes);
    mark();
    const factory = (await import(glueFile.href)).default;
    mark();
    const mod = await factory({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
        return {};
      },
    });
    mod.vocabulary();
    mark();
    await import(new URL('export.js', lib).href);
    mark();
    console.log(JSON.stringify(phases(['read', 'compile', 'glue', 'instantiate', 'exporters'])));
  } else {
    const { loadCore } = await import(new URL('index.js', lib).href);
    mark();
    // The lite module goes through loadCore's internal option (web/src/core/lite.ts).
    const liteOption = liteRun ? { lite: { url: wasmFile, factory: async () => (await import(glueFile.href)).default } } : {};
    const core = await loadCore({ simd: true, lazyExporters: mode === 'lazy', ...liteOption });
    if (liteRun && !core.lite) throw new Error('the lite module did not load');
    mark();
    const net = core.createNetwork({
      inputs: 2,
      layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
      optimizer: { type: 'sgd', learningRate: 0.03 },
    });
    const x = new Float32Array(20).map((_, i) => ((i * 7919) % 13) - 6);
    const y = new Float32Array(10).map((_, i) => (i % 2 ? 1 : -1));
    const data = core.createTrainingData(x, y, { inputs: 2, outputs: 1 });
    mark();
    net.trainEpoch(data, { batchSize: 10 });
    mark();
    console.log(JSON.stringify({ ...phases(['import', 'loadCore', 'create', 'firstBatch']), total: t[4] - t[0], 'total cpu': c[4] - c[0] }));
  }
} else {
  const self = fileURLToPath(import.meta.url);
  const rows = { whole: [], pieces: [] };
  for (let r = 0; r < runs; r++) {
    const extra = [...(libArg ? [libArg] : []), ...(lite ? ['--lite'] : []), ...(liteDir ? ['--lite-dir', liteDir] : [])];
    rows.whole.push(JSON.parse(execFileSync(process.execPath, [self, '--child', lazy ? 'lazy' : 'eager', ...extra], { encoding: 'utf8' })));
    rows.pieces.push(JSON.parse(execFileSync(process.execPath, [self, '--child', 'pieces', ...extra], { encoding: 'utf8' })));
  }
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  for (const [kind, list] of Object.entries(rows)) {
    console.log(`${kind}${lite ? ' [lite module]' : ''}${kind === 'whole' ? (lazy ? ' (lazyExporters: true)' : ' (loadCore())') : ''}, ${runs} runs: median (min) ms`);
    for (const key of Object.keys(list[0])) {
      const v = list.map((o) => o[key]);
      console.log(`  ${key.padEnd(16)} ${median(v).toFixed(2).padStart(8)} (${Math.min(...v).toFixed(2)})`);
    }
  }
}
