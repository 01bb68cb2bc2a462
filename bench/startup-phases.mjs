// Where mlp-playground's start-up in Node goes (issue 16: at most 5 ms from importing the
// library to the end of the first trained batch). Each run is a fresh process that times,
// in order: importing dist/lib/index.js, loadCore() (the .wasm read and compiled, the glue
// imported, the module instantiated with Embind's registrations, and — unless lazy — the
// exporters' chunk), createNetwork + createTrainingData, and the first trainEpoch (V8
// compiles each wasm function on its first call). A second kind of run times the
// pieces of loadCore alone: reading the file, WebAssembly.compile, the glue's import.
// `--lite`: the site's lite module (web/src/core/wasm/mlp-simd-lite.*, not in the package)
// through the library's loadCore, with lazy exporters as the site's worker loads it.
//   node bench/startup-phases.mjs [--runs 9] [--lazy] [--lite]
// Prints the median and min of each phase over the runs.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 9;
const lite = args.includes('--lite');
const lazy = args.includes('--lazy') || lite;
const LITE = new URL('../web/src/core/wasm/', import.meta.url);

if (args[0] === '--child') {
  const mode = args[1];
  const lib = new URL('../dist/lib/', import.meta.url);
  const liteRun = args.includes('--lite');
  const wasmFile = liteRun ? new URL('mlp-simd-lite.wasm', LITE) : new URL('wasm/mlp-simd.wasm', lib);
  const glueFile = liteRun ? new URL('mlp-simd-lite.mjs', LITE) : new URL('wasm/mlp-simd.mjs', lib);
  const t = [performance.now()];
  if (mode === 'pieces') {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(wasmFile);
    t.push(performance.now());
    await WebAssembly.compile(bytes);
    t.push(performance.now());
    await import(glueFile.href);
    t.push(performance.now());
    await import(new URL('export.js', lib).href);
    t.push(performance.now());
    console.log(JSON.stringify({ read: t[1] - t[0], compile: t[2] - t[1], glue: t[3] - t[2], exporters: t[4] - t[3] }));
  } else {
    const { loadCore } = await import(new URL('index.js', lib).href);
    t.push(performance.now());
    // The lite module goes through loadCore's internal option (web/src/core/lite.ts).
    const liteOption = liteRun ? { lite: { url: wasmFile, factory: async () => (await import(glueFile.href)).default } } : {};
    const core = await loadCore({ simd: true, lazyExporters: mode === 'lazy', ...liteOption });
    if (liteRun && !core.lite) throw new Error('the lite module did not load');
    t.push(performance.now());
    const net = core.createNetwork({
      inputs: 2,
      layers: [{ units: 4, activation: 'tanh' }, { units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
      optimizer: { type: 'sgd', learningRate: 0.03 },
    });
    const x = new Float32Array(20).map((_, i) => ((i * 7919) % 13) - 6);
    const y = new Float32Array(10).map((_, i) => (i % 2 ? 1 : -1));
    const data = core.createTrainingData(x, y, { inputs: 2, outputs: 1 });
    t.push(performance.now());
    net.trainEpoch(data, { batchSize: 10 });
    t.push(performance.now());
    console.log(JSON.stringify({ import: t[1] - t[0], loadCore: t[2] - t[1], create: t[3] - t[2], firstBatch: t[4] - t[3], total: t[4] - t[0] }));
  }
} else {
  const self = fileURLToPath(import.meta.url);
  const rows = { whole: [], pieces: [] };
  for (let r = 0; r < runs; r++) {
    const extra = lite ? ['--lite'] : [];
    rows.whole.push(JSON.parse(execFileSync(process.execPath, [self, '--child', lazy ? 'lazy' : 'eager', ...extra], { encoding: 'utf8' })));
    rows.pieces.push(JSON.parse(execFileSync(process.execPath, [self, '--child', 'pieces', ...extra], { encoding: 'utf8' })));
  }
  const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
  for (const [kind, list] of Object.entries(rows)) {
    console.log(`${kind}${lite ? ' [lite module]' : ''}${kind === 'whole' ? (lazy ? ' (lazyExporters: true)' : ' (loadCore())') : ''}, ${runs} runs: median (min) ms`);
    for (const key of Object.keys(list[0])) {
      const v = list.map((o) => o[key]);
      console.log(`  ${key.padEnd(11)} ${median(v).toFixed(2).padStart(8)} (${Math.min(...v).toFixed(2)})`);
    }
  }
}
