// One library in its own process, driven by bench/run.mjs over IPC: the parent asks for one
// timed run at a time, so only one process measures at any moment (one thread busy), while
// each library keeps its own V8 heap and JIT state. (Sharing a process skews results: TF.js
// alternating its cpu and wasm backends in one process runs both about half as fast.)
import { brainLibrary } from './brainjs.mjs';
import { convnetLibrary } from './convnetjs.mjs';
import { calibrate, rate, warmUp } from './measure.mjs';
import { mlpLibrary } from './mlp.mjs';
import { fmt } from './report.mjs';
import { initBackend, loadTf, tfjsLibrary } from './tfjs.mjs';
import { FIGURES, gridInputs, WORKLOADS } from './workloads.mjs';

const [library, variant] = process.argv.slice(2);

async function load() {
  if (library === 'mlp-playground') return mlpLibrary(variant === 'simd');
  if (library === 'tfjs') {
    const { tf } = loadTf();
    await initBackend(tf, variant);
    return tfjsLibrary(tf, variant);
  }
  if (library === 'convnetjs') return convnetLibrary();
  if (library === 'brain.js') return brainLibrary();
  throw new Error(`unknown library ${library}`);
}

const lib = await load();
let settings, data, params;
const instances = {};
const prepared = new Map();  // figure index -> { run, count }
const notes = { ...lib.notes };

// Calibrates, warms up and, where the library offers several ways (TF.js), keeps the fastest.
function prepare(f) {
  const inst = (instances[f.net] ??= lib.create(WORKLOADS[f.net], data[f.net], params[f.net]));
  const gridX = f.grid ? gridInputs(f.grid.width, f.grid.height, WORKLOADS[f.net].features) : null;
  const bind = (fn) => (count) => fn(count, f.grid, gridX);
  const impl = inst[f.kind];
  const ways = typeof impl === 'function' ? { only: impl } : impl;
  let best = null;
  const tried = [];
  for (const [name, fn] of Object.entries(ways)) {
    const run = bind(fn);
    let count, r;
    try {
      count = calibrate(run, settings.slice);
      warmUp(run, count, settings.warm / Object.keys(ways).length);
      r = rate(run, count);
    } catch (e) {
      // A formulation this backend cannot run (TF.js wasm cannot train tf.conv2d): noted.
      if (Object.keys(ways).length === 1) throw e;
      tried.push(`${name} fails (${String(e?.message ?? e).split('\n')[0]})`);
      continue;
    }
    tried.push(`${name} ${fmt(r * f.work)}`);
    if (!best || r > best.r) best = { name, run, count, r };
  }
  if (!best) throw new Error(`every formulation failed: ${tried.join('; ')}`);
  if (tried.length > 1) {
    const what = f.kind === 'train' ? 'training' : f.kind === 'gridAll' ? 'all-unit grid' : 'grid';
    notes[`${f.workload} ${what}, formulation`] = `**${best.name}** (fastest in warm-up, ${f.unit}: ${tried.join('; ')})`;
  }
  return best;
}

process.on('message', (msg) => {
  try {
    if (msg.type === 'init') {
      ({ settings, data, params } = msg);
      process.send({ type: 'ready' });
    } else if (msg.type === 'measure') {
      const f = { ...FIGURES[msg.figure] };
      f.work = f.kind === 'train' ? data[f.net].n : f.kind === 'grid' ? f.grid.width * f.grid.height : 1;
      if (!prepared.has(msg.figure)) prepared.set(msg.figure, prepare(f));
      const { run, count } = prepared.get(msg.figure);
      process.send({ type: 'result', value: rate(run, count) * f.work, notes });
    } else if (msg.type === 'exit') {
      process.exit(0);
    }
  } catch (e) {
    process.send({ type: 'error', message: e?.stack ?? String(e) });
  }
});
process.send({ type: 'loaded' });
