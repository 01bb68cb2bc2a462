// `node bench/compare.mjs`: compare mode's worker choice, measured. N networks (2 and 4) of
// workload A (the playground's default) and B (six 8-unit layers, six features) train in
// lockstep ticks as the element runs them: each tick trains every network the same number
// of epochs (as many as the slowest fits in 12 ms), then evaluates its loss and a 128x128
// grid (a compare card). Either one worker per network (ticked in parallel) or one worker
// training all of them in turn. Reports lockstep epochs/s (per network; all are at the same
// epoch) and ticks/s, medians of interleaved rounds, into bench/results/compare.json.
//   options: --rounds N (default 5)  --seconds S per round (default 2)
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DIST } from './lib/mlp.mjs';
import { buildData, networkConfig, WORKLOADS } from './lib/workloads.mjs';

const BUDGET_MS = 12;
const GRID = 128;

if (!isMainThread) {
  // A worker: its networks (one or several), each with its resident training data.
  const { loadCore } = await import(DIST.href);
  const core = await loadCore({ simd: true });
  const nets = workerData.workloads.map((id, i) => {
    const w = WORKLOADS[id];
    const data = buildData(core, w);
    const net = core.createNetwork(networkConfig(w, 1 + i));
    const td = core.createTrainingData(data.x, data.y, { inputs: data.inputs, outputs: data.outputs });
    return { w, net, td };
  });
  parentPort.on('message', ({ epochs }) => {
    const t0 = performance.now();
    let sink = 0;
    for (const { w, net, td } of nets) {
      net.trainEpoch(td, { batchSize: w.batchSize, epochs });
      sink += net.evaluate(td).loss;
      sink += net.evaluateGrid({ width: GRID, height: GRID, features: w.features }, { units: 'outputs', copy: false }).data[0];
    }
    parentPort.postMessage({ ms: performance.now() - t0, sink });
  });
  parentPort.postMessage({ ready: true });
} else {
  const { values: opts } = parseArgs({ options: { rounds: { type: 'string' }, seconds: { type: 'string' } } });
  const ROUNDS = Number(opts.rounds ?? 5);
  const SECONDS = Number(opts.seconds ?? 2);

  /** Starts workers, each with its list of workloads; resolves when all are ready. */
  async function start(groups) {
    const workers = groups.map((workloads) => new Worker(new URL(import.meta.url), { workerData: { workloads } }));
    await Promise.all(workers.map((w) => new Promise((ok) => w.once('message', ok))));
    const tick = (w, epochs) => new Promise((ok) => { w.once('message', ok); w.postMessage({ epochs }); });
    return { workers, tick };
  }

  /** Lockstep ticks for `seconds`: epochs per network per second, ticks per second. */
  async function run(groups, seconds) {
    const { workers, tick } = await start(groups);
    // Warm-up (JIT, wasm tier-up), then measure.
    for (let i = 0; i < 20; i++) await Promise.all(workers.map((w) => tick(w, 1)));
    let msPerEpoch = 0, epochs = 0, ticks = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      const n = msPerEpoch > 0 ? Math.max(1, Math.floor(BUDGET_MS / msPerEpoch)) : 1;
      const answers = await Promise.all(workers.map((w) => tick(w, n)));
      msPerEpoch = Math.max(...answers.map((a) => a.ms / n));
      epochs += n;
      ticks++;
    }
    const s = (performance.now() - t0) / 1000;
    await Promise.all(workers.map((w) => w.terminate()));
    return { epochsPerSecond: epochs / s, ticksPerSecond: ticks / s };
  }

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cases = [];
  for (const id of ['A', 'B']) for (const n of [2, 4]) {
    const nets = Array.from({ length: n }, () => id);
    cases.push({ workload: id, networks: n, mode: 'worker per network', groups: nets.map((x) => [x]) });
    cases.push({ workload: id, networks: n, mode: 'one worker', groups: [nets] });
  }
  const samples = new Map(cases.map((c) => [c, []]));
  // Rounds interleave the cases, so a busy moment of the machine hits them all alike.
  for (let r = 0; r < ROUNDS; r++) for (const c of cases) samples.get(c).push(await run(c.groups, SECONDS));
  const rows = cases.map((c) => ({
    workload: c.workload, networks: c.networks, mode: c.mode,
    epochsPerSecond: median(samples.get(c).map((x) => x.epochsPerSecond)),
    ticksPerSecond: median(samples.get(c).map((x) => x.ticksPerSecond)),
  }));
  console.log(`lockstep epochs/s per network (median of ${ROUNDS} rounds of ${SECONDS} s; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})`);
  console.log('workload  networks  worker per network   one worker   ratio');
  for (const id of ['A', 'B']) for (const n of [2, 4]) {
    const per = rows.find((x) => x.workload === id && x.networks === n && x.mode === 'worker per network');
    const one = rows.find((x) => x.workload === id && x.networks === n && x.mode === 'one worker');
    console.log(`${id.padEnd(9)} ${String(n).padEnd(9)} ${per.epochsPerSecond.toFixed(0).padStart(18)} ${one.epochsPerSecond.toFixed(0).padStart(12)} ${(per.epochsPerSecond / one.epochsPerSecond).toFixed(2).padStart(7)}`);
  }
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/compare.json', import.meta.url), JSON.stringify({ date: new Date().toISOString(), cpus: os.cpus().length, load: os.loadavg(), rounds: ROUNDS, seconds: SECONDS, rows }, null, 2));
}
