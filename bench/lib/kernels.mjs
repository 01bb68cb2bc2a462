// The C++ kernel bench (bench/cpp/bench_kernels.cpp), built with scripts/cpp.sh and run
// natively and as wasm under Node, several times; its JSON lines become result entries
// (GFLOP/s).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stats } from './measure.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILD = process.env.MLP_BUILD_ROOT || `${ROOT}build`;

const FLAVOURS = {
  native: { build: 'native', cmd: () => [`${BUILD}/native/bench_kernels`] },
  'wasm-simd': {
    build: 'wasm-simd',
    cmd: () => [process.execPath, '--no-experimental-fetch', `${BUILD}/wasm-simd/bench_kernels.js`],
  },
};

/** Builds bench_kernels for one flavour, incrementally (the kernels may have changed since). */
export function buildKernelBench(flavour, log) {
  log(`kernels: building bench_kernels (${flavour})`);
  const b = spawnSync('bash', [`${ROOT}scripts/cpp.sh`, FLAVOURS[flavour].build, 'bench'], {
    env: { ...process.env, MLP_BUILD_ROOT: BUILD },
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (b.status !== 0) throw new Error(`building bench_kernels (${flavour}) failed:\n${b.stdout}\n${b.stderr}`);
}

/** One run of bench_kernels --quick (each kernel: median of 3 timed repetitions). */
function runOnce(flavour) {
  const [cmd, ...args] = FLAVOURS[flavour].cmd();
  const r = spawnSync(cmd, [...args, '--quick'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench_kernels (${flavour}) failed:\n${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));
}

/**
 * `runs` runs of each flavour, alternating (native, wasm, native, ...) so that load bursts
 * spread over both; per kernel the median of the runs' medians, the min of their minima and
 * the max of their maxima.
 */
export function runKernelBenches(flavours, runs, log) {
  for (const f of flavours) buildKernelBench(f, log);
  const byKey = new Map();
  for (let i = 0; i < runs; i++)
    for (const flavour of flavours) {
      log(`kernels: bench_kernels ${flavour}, run ${i + 1}/${runs}`);
      for (const k of runOnce(flavour)) {
        const key = `${flavour}|${k.kernel}|${k.variant}|${k.shape}`;
        if (!byKey.has(key)) byKey.set(key, { flavour, k, medians: [], min: Infinity, max: -Infinity });
        const e = byKey.get(key);
        e.medians.push(k.gflops_median);
        e.min = Math.min(e.min, k.gflops_min);
        e.max = Math.max(e.max, k.gflops_max);
      }
    }
  return [...byKey.values()].map(({ flavour, k, medians, min, max }) => ({
    workload: 'kernel',
    figure: `${k.kernel} ${k.shape}`,
    library: k.kernel === 'ceiling' ? 'hand-written GEMM' : 'mlp-playground',
    variant: `${flavour}/${k.variant}`,
    median: runs === 1 ? k.gflops_median : stats(medians).median,
    min,
    max,
    unit: 'GFLOP/s',
  }));
}
