// `npm run bench:longtasks`: what the playground's main-thread long tasks are made of. Opens
// the built page (dist/site) preset to a workload of bench/playground.mjs (default L, the
// largest network the UI allows), presses Play at maximum speed and records a Chromium
// trace (CDP Tracing, devtools.timeline) of a few seconds. Prints the renderer main
// thread's busy time by trace event, the tasks over 50 ms and, for each, the events that
// took most of it (script by function and file, style, layout, paint, the commit to the
// compositor), and the same for the page's workers; times by event are CPU time (the trace's
// tdur), which a loaded machine stretches less than wall time. A diagnosis, not a figure: nothing
// goes to latest.json.
//
//   node bench/longtasks.mjs [--workload L --seconds 4 --site dist/site --top 12 --inside LayerTreeHost::DoUpdateLayers --trace-out FILE]
// (--inside: also break down the time inside every event of that name, per thread; --trace-out: keep the trace, for chrome://tracing or Perfetto)
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchChromium, serve } from './lib/chromium.mjs';
import { PRESETS } from './lib/presets.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const { values: opts } = parseArgs({
  options: { workload: { type: 'string', default: 'L' }, seconds: { type: 'string', default: '4' }, site: { type: 'string', default: 'dist/site' }, top: { type: 'string', default: '12' }, inside: { type: 'string', default: 'LayerTreeHost::DoUpdateLayers' }, 'trace-out': { type: 'string' } },
});
const hash = PRESETS[opts.workload];
if (!hash) throw new Error(`--workload: unknown workload ${opts.workload} (${Object.keys(PRESETS).join(', ')})`);
if (!existsSync(`${ROOT}${opts.site}/index.html`)) {
  process.stderr.write(`${opts.site} is missing: run \`npm run build\` first\n`);
  process.exit(2);
}

const { base, close } = await serve(ROOT, `${ROOT}${opts.site}`, 8630);
const browser = await launchChromium();
let events;
/** Epochs trained while the trace recorded (from the element's snapshot). */
let epochs = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${base}#${hash}`);
  await page.waitForFunction(() => document.querySelector('mlp-playground')?.snapshot);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(1500);  // warm-up, as bench/playground.mjs
  const epochNow = () => page.evaluate(() => document.querySelector('mlp-playground').snapshot.epoch);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'cc'] });
  const e0 = await epochNow();
  await page.waitForTimeout(Number(opts.seconds) * 1000);
  epochs = (await epochNow()) - e0;
  const trace = await browser.stopTracing();
  if (opts['trace-out']) writeFileSync(opts['trace-out'], trace);
  events = JSON.parse(trace.toString()).traceEvents;
} finally {
  await browser.close();
  close();
}

const threads = new Map();
for (const e of events) if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
const threadOf = (e) => threads.get(`${e.pid}:${e.tid}`) ?? '?';
const complete = events.filter((e) => e.ph === 'X' && e.dur > 0);
const top = Number(opts.top);

/** An event's name, with the script it ran where the trace says. */
function label(e) {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' && d) return `FunctionCall ${d.functionName || '(anonymous)'} ${String(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}`;
  if ((e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'EventDispatch') && d?.type) return `${e.name} ${d.type}`;
  return e.name;
}

/** Self time (CPU where the trace has it) by label of the events in `list`, their children's time subtracted. */
function selfTimes(list) {
  list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = new Map();
  const stack = [];
  for (const e of list) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const own = e.tdur ?? e.dur;  // CPU time where the trace has it
    if (parent) out.set(parent.key, (out.get(parent.key) ?? 0) - own);
    e.key = label(e);
    out.set(e.key, (out.get(e.key) ?? 0) + own);
    stack.push(e);
  }
  return out;
}

const ms = (us) => (us / 1000).toFixed(1).padStart(8);
function report(title, list, tasks) {
  const frames = list.filter((e) => e.name === 'FireAnimationFrame').length;
  const span = (Math.max(...list.map((e) => e.ts + e.dur)) - Math.min(...list.map((e) => e.ts))) / 1e6;
  const busy = tasks.reduce((a, t) => a + t.dur, 0);
  // tdur: the thread's own CPU time. On a shared machine wall time stretches with the load;
  // a task over 50 ms of CPU would be long on an idle one too.
  const cpu = tasks.reduce((a, t) => a + (t.tdur ?? t.dur), 0);
  const longCpu = tasks.filter((t) => (t.tdur ?? t.dur) > 50_000);
  console.log(`\n## ${title}: ${tasks.length} tasks, busy ${ms(busy).trim()} ms of ${span.toFixed(1)} s (CPU ${ms(cpu).trim()} ms); ` +
    `over 50 ms: ${tasks.filter((t) => t.dur > 50_000).length} by wall time, ${longCpu.length} by CPU time (longest ${ms(Math.max(0, ...tasks.map((t) => t.tdur ?? t.dur))).trim()} ms CPU)`);
  // The training worker (its script is worker-*.js): CPU per epoch trained in the window.
  const training = list.some((e) => e.name === 'FunctionCall' && /\/worker-[^/]*\.js/.test(String(e.args?.data?.url ?? '')));
  if (training) console.log(`training worker: ${epochs} epochs in the window, ${(cpu / 1000 / Math.max(1, epochs)).toFixed(2)} ms of its CPU per epoch`);
  if (frames) console.log(`${frames} animation frames, ${(cpu / 1000 / frames).toFixed(2)} ms of this thread's CPU per frame`);
  const self = [...selfTimes(list.filter((e) => e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask')).entries()].sort((a, b) => b[1] - a[1]);
  for (const [k, v] of self.slice(0, top)) console.log(`${ms(v)} ms  ${k}`);
  const long = tasks.filter((t) => t.dur > 50_000);
  if (!long.length) return;
  console.log(`\n### ${title}: ${long.length} tasks over 50 ms (longest ${ms(Math.max(...long.map((t) => t.dur)))} ms); their time by event`);
  const inside = list.filter((e) => e !== undefined && long.some((t) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur) && e.name !== 'RunTask');
  for (const [k, v] of [...selfTimes(inside).entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ms  ${k}`);
}

function breakdown(title, list, name) {
  const outer = list.filter((e) => e.name === name);
  if (!outer.length) return;
  const inner = list.filter((e) => e.name !== name && outer.some((o) => e.ts >= o.ts && e.ts + e.dur <= o.ts + o.dur));
  console.log(`\n### ${title}: inside ${outer.length} × ${name} (${ms(outer.reduce((a, o) => a + o.dur, 0))} ms)`);
  for (const [k, v] of [...selfTimes(inner).entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms(v)} ms  ${k}`);
}

const byThread = new Map();
for (const e of complete) {
  const t = threadOf(e);
  if (!/CrRendererMain|DedicatedWorker/.test(t)) continue;
  const k = `${t} ${e.pid}:${e.tid}`;
  if (!byThread.has(k)) byThread.set(k, []);
  byThread.get(k).push(e);
}
for (const [k, list] of byThread) {
  const tasks = list.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  if (tasks.length) report(k, list, tasks);
  if (opts.inside) breakdown(k, list, opts.inside);
}
