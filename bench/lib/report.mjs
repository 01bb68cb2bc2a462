// The markdown report of a results array: the throughput table with ratios mlp-playground
// (SIMD) ÷ each peer, the targets of the speed issue with ✓/✗, kernel GFLOP/s against the
// GEMM ceiling, the browser figures, then every entry with min and max.

export const COLUMNS = [
  { key: 'mlp-playground/simd', label: 'mlp SIMD' },
  { key: 'mlp-playground/scalar', label: 'mlp scalar' },
  { key: 'tfjs/cpu', label: 'TF.js cpu', peer: true },
  { key: 'tfjs/wasm', label: 'TF.js wasm', peer: true },
  { key: 'convnetjs/js', label: 'ConvNetJS', peer: true },
  { key: 'brain.js/js', label: 'brain.js', peer: true },
];
const LABEL = Object.fromEntries(COLUMNS.map((c) => [c.key, c.label]));
const MLP = 'mlp-playground/simd';

// Rows of the main table; `lower` marks a time (smaller is better).
export const ROWS = [
  { workload: 'A', figure: 'train', title: 'A training' },
  { workload: 'B', figure: 'train', title: 'B training' },
  { workload: 'B', figure: 'grid-all 100x100', title: 'B all-unit grids' },
  { workload: 'C', figure: 'train', title: 'C training' },
  { workload: 'D', figure: 'grid 256x256', title: 'D grid inference' },
  { workload: 'startup', figure: 'load to first trained batch (A)', title: 'start-up', lower: true },
  { workload: 'E', figure: 'train', title: 'E digits MLP training' },
  { workload: 'F', figure: 'train', title: 'F digits CNN training' },
];

// The issue's bar, and the peer figure it was set against (for a sanity check of the peers).
const TARGETS = [
  { row: 0, vs: 'fastest', min: 20, ref: '≈ 1.0 M/s (fastest peer); issue 16: ≥ 20×' },
  { row: 1, vs: 'fastest', min: 10, ref: '≈ 90 k/s (fastest peer)' },
  { row: 2, vs: 'tfjs/wasm', min: 10, ref: '≈ 80/s (TF.js wasm); issue 16: ≥ 10×' },
  { row: 3, vs: 'tfjs/wasm', min: 10, ref: '≈ 8.5 k/s (TF.js wasm)' },
  { row: 4, vs: 'tfjs/wasm', min: 1.2, ref: '≈ 0.9 M/s (TF.js wasm)' },
  { row: 5, vs: 'tfjs/wasm', min: 4, ref: '' },
  { row: 6, vs: 'tfjs/wasm', min: 3, ref: '' },  // issue 12, must-have 6
  { row: 7, vs: 'tfjs/wasm', min: 1.5, ref: '' },
];

export function fmt(v) {
  if (v === undefined || v === null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toPrecision(3)} M`;
  if (a >= 1e4) return `${(v / 1e3).toPrecision(3)} k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toPrecision(3);
}
const x = (r) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(1) : r.toFixed(2)}×` : '–');

function find(results, workload, figure, key) {
  return results.find((r) => r.workload === workload && r.figure === figure && `${r.library}/${r.variant}` === key);
}

/** mlp-playground SIMD ÷ other, as "times faster" (inverted for times). */
function speedup(row, mine, other) {
  if (!mine || !other) return NaN;
  return row.lower ? other.median / mine.median : mine.median / other.median;
}

export function report(results, env = {}, notes = {}) {
  const out = [];
  const p = (s = '') => out.push(s);
  const runs = env.rounds ? `median of ${env.rounds} interleaved runs` : 'medians';
  p(`## mlp-playground benchmark — ${env.date ?? ''}`);
  p();
  if (env.cpu) p(`${env.cpu}, ${env.cpus} logical CPUs; Node ${env.node}; load average at start ${env.loadStart}, at end ${env.loadEnd}; ${env.quick ? '`--quick`' : 'full run'}.`);
  if (env.versions) p(`Versions: ${Object.entries(env.versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  p();
  p(`### Throughput (${runs}; peers: value and mlp-playground SIMD ÷ peer)`);
  p();
  p(`| figure | unit | ${COLUMNS.map((c) => c.label).join(' | ')} | fastest peer | mlp ÷ fastest |`);
  p(`|---|---|${COLUMNS.map(() => '--:').join('|')}|---|--:|`);
  const fastest = [];
  for (const row of ROWS) {
    const mine = find(results, row.workload, row.figure, MLP);
    const notYet = env.notYet?.[row.workload];
    const cells = COLUMNS.map((c) => {
      const r = find(results, row.workload, row.figure, c.key);
      if (!r && notYet && !c.peer) return 'not yet';
      if (!r) return '–';
      return c.peer && mine ? `${fmt(r.median)} (${x(speedup(row, mine, r))})` : fmt(r.median);
    });
    const peers = COLUMNS.filter((c) => c.peer).map((c) => find(results, row.workload, row.figure, c.key)).filter(Boolean);
    const best = peers.sort((a, b) => (row.lower ? a.median - b.median : b.median - a.median))[0];
    fastest.push(best);
    const unit = (mine ?? best)?.unit ?? '';
    if (!mine && !best) continue;
    p(`| ${row.title} | ${unit} | ${cells.join(' | ')} | ${best ? LABEL[`${best.library}/${best.variant}`] : '–'} | ${x(speedup(row, mine, best))} |`);
  }
  p();
  for (const [id, why] of Object.entries(env.notYet ?? {})) p(`${id}: not yet measured for mlp-playground: ${why}.`);
  if (Object.keys(env.notYet ?? {}).length) p();

  // ---- targets
  const checks = [];
  TARGETS.forEach((t) => {
    const row = ROWS[t.row];
    const mine = find(results, row.workload, row.figure, MLP);
    const peer = t.vs === 'fastest' ? fastest[t.row] : find(results, row.workload, row.figure, t.vs);
    if (!mine && peer && env.notYet?.[row.workload]) {
      checks.push({ what: `${row.title} vs ${LABEL[`${peer.library}/${peer.variant}`]}`, value: 'not yet', target: `≥ ${t.min}×`, ok: false, ref: `${fmt(peer.median)}` });
      return;
    }
    if (!mine || !peer) return;
    const r = speedup(row, mine, peer);
    const peerName = LABEL[`${peer.library}/${peer.variant}`];
    checks.push({
      what: row.lower ? `${row.title}: ${peerName} time ÷ mlp SIMD time (≤ ¼ of its time)` : `${row.title} vs ${peerName}`,
      value: x(r),
      target: `≥ ${t.min}×`,
      ok: r >= t.min,
      ref: t.ref ? `${fmt(peer.median)} (issue: ${t.ref})` : '',
    });
  });
  for (const [wl, title] of [['B', 'B training'], ['C', 'C training']]) {
    const s = find(results, wl, 'train', MLP), sc = find(results, wl, 'train', 'mlp-playground/scalar');
    if (s && sc) checks.push({ what: `${title}: SIMD build ÷ scalar build`, value: x(s.median / sc.median), target: '≥ 2.5×', ok: s.median / sc.median >= 2.5, ref: '' });
  }
  const k = (variant, figure) => results.find((r) => r.workload === 'kernel' && r.variant === variant && r.figure === figure);
  const ceiling = (flavour) =>
    results
      .filter((r) => r.workload === 'kernel' && r.library === 'hand-written GEMM' && r.variant.startsWith(`${flavour}/`))
      .sort((a, b) => b.median - a.median)[0];
  const kernelRows = [];
  for (const flavour of ['wasm-simd', 'native']) {
    const best = ceiling(flavour);
    for (const shape of ['64x64x256', '64x64x32']) {
      const d = k(`${flavour}/wasmsimd`, `dense_forward ${shape}`);
      if (!d || !best) continue;
      const ratio = d.median / best.median;
      kernelRows.push({ flavour, shape, d, best, ratio });
      if (flavour === 'wasm-simd' && shape === '64x64x256')
        checks.push({
          what: `dense_forward ${shape} (wasm) ÷ best hand-written wasm-SIMD GEMM (${best.variant.split('/')[1]})`,
          value: `${(100 * ratio).toFixed(0)} %`,
          target: '≥ 70 %',
          ok: ratio >= 0.7,
          ref: `ceiling ${fmt(best.median)} GFLOP/s (issue: ≈ 21)`,
        });
    }
  }
  if (checks.length) {
    p('### Targets of the speed issue (ratios in this run)');
    p();
    p('| check | measured | target | met | peer here (issue\'s reference) |');
    p('|---|--:|--:|:-:|---|');
    for (const c of checks) p(`| ${c.what} | ${c.value} | ${c.target} | ${c.value === 'not yet' ? '–' : c.ok ? '✓' : '✗'} | ${c.ref} |`);
    p();
  }
  if (kernelRows.length) {
    p('### Dense kernel vs the GEMM ceiling (GFLOP/s, Z[64×N] = W[64×64]·A[64×N])');
    p();
    p('| build | shape | dense_forward (SIMD variant) | best hand-written GEMM at 64×64×256 | ratio |');
    p('|---|---|--:|--:|--:|');
    for (const r of kernelRows)
      p(`| ${r.flavour} | ${r.shape} | ${fmt(r.d.median)} | ${fmt(r.best.median)} (${r.best.variant.split('/')[1]}) | ${(100 * r.ratio).toFixed(0)} % |`);
    p();
  }
  const browser = browserSection(results);
  if (browser) p(browser);
  if (Object.keys(notes).length) {
    p('### What each library ran');
    p();
    for (const [lib, byWorkload] of Object.entries(notes)) {
      p(`- **${lib}**`);
      for (const [wl, text] of Object.entries(byWorkload)) p(`  - ${wl}: ${text}`);
    }
    p();
  }
  p('### Every entry (median, min, max)');
  p();
  p('| workload | figure | library | variant | median | min | max | unit |');
  p('|---|---|---|---|--:|--:|--:|---|');
  for (const r of results.filter((r) => r.workload !== 'kernel' || /64x64x(256|32)|ceiling/.test(r.figure)))
    p(`| ${r.workload} | ${r.figure} | ${r.library} | ${r.variant} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit} |`);
  p();
  return out.join('\n');
}

/** The browser figures as a table (empty string when there are none). */
export function browserSection(results) {
  const rows = results.filter((r) => r.workload.startsWith('browser'));
  if (!rows.length) return '';
  const out = [
    `### Browser (${rows[0].variant.split(', ')[1] ? `Chromium ${rows[0].variant.split(', ')[1]}` : 'Chromium'}, headless; training in a worker; A and B with all units drawn every frame)`,
    '',
    '| workload | figure | library / build | median | min | max | unit |',
    '|---|---|---|--:|--:|--:|---|',
    ...rows.map((r) => `| ${r.workload.replace('browser-', '')} | ${r.figure} | ${r.library === 'tfjs' ? 'TF.js ' : ''}${r.variant.split(', ')[0]} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${r.unit} |`),
    '',
  ];
  return out.join('\n');
}
