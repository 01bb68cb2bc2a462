// Prints the kernel benchmark (bench/kernels.sh output) as a markdown table: GFLOP/s per
// kernel and shape for each build, and dense forward at the C/D shape as a share of the
// best GEMM micro-kernel (the ceiling) of the same build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const builds = ['native', 'wasm-simd', 'wasm-scalar'];
const rows = new Map();
const ceiling = {};
for (const b of builds) {
  const lines = readFileSync(join(dir, `kernels-${b}.jsonl`), 'utf8').split('\n').filter(Boolean);
  for (const r of lines.map((l) => JSON.parse(l))) {
    if (r.kernel === 'ceiling') {
      if (!ceiling[b] || r.gflops_median > ceiling[b].gflops_median) ceiling[b] = r;
      continue;
    }
    const key = `${r.kernel} ${r.variant} ${r.shape}`;
    if (!rows.has(key)) rows.set(key, {});
    rows.get(key)[b] = r.gflops_median;
  }
}
console.log(`| kernel | variant | shape (MxKxN) | ${builds.join(' | ')} |`);
console.log(`|---|---|---|${builds.map(() => '---:').join('|')}|`);
for (const [key, v] of rows) {
  const [kernel, variant, shape] = key.split(' ');
  console.log(`| ${kernel} | ${variant} | ${shape} | ${builds.map((b) => (v[b] ?? NaN).toFixed(1)).join(' | ')} |`);
}
console.log(`| ceiling (best GEMM tile) | ${builds.map((b) => ceiling[b]?.variant).join(' / ')} | 64x64x256 | ${builds.map((b) => ceiling[b]?.gflops_median.toFixed(1)).join(' | ')} |`);
for (const b of builds) {
  const fwd = rows.get('dense_forward wasmsimd 64x64x256')?.[b];
  if (fwd && ceiling[b]) console.log(`\n${b}: dense_forward (wasmsimd) at 64x64x256 = ${(100 * fwd / ceiling[b].gflops_median).toFixed(0)} % of the ceiling (${ceiling[b].variant})`);
}
