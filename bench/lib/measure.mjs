// Timing: calibrate how many units of work fill a time slice, then time slices. A unit is
// whatever the library can do in one go (an epoch, a grid), so per-call costs are counted.

/** Median, min and max of a list of numbers. */
export function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1] };
}

/** Seconds for `run(count)`; run returns the units actually done (may differ from count). */
export function timeRun(run, count) {
  const t0 = performance.now();
  const done = run(count);
  const dt = (performance.now() - t0) / 1000;
  return { done: typeof done === 'number' ? done : count, seconds: dt };
}

/**
 * Units per slice so that a slice lasts about `seconds`: doubles from 1 until a run takes
 * a quarter of that, then scales. Also serves as warm-up.
 */
export function calibrate(run, seconds) {
  let count = 1;
  for (;;) {
    const { seconds: dt } = timeRun(run, count);
    if (dt >= seconds / 4 || count >= 1 << 24) return Math.max(1, Math.round((count * seconds) / Math.max(dt, 1e-6)));
    count *= dt < seconds / 64 ? 8 : 2;
  }
}

/**
 * Untimed warm-up (JIT tiers, wasm tier-up, GC settling): slices for at least `seconds`
 * and until the last three agree within 10 %, at most 4 x `seconds`. TF.js, for one, keeps
 * speeding up for a second or more.
 */
export function warmUp(run, count, seconds) {
  const start = performance.now();
  const rates = [];
  for (;;) {
    rates.push(rate(run, count));
    const elapsed = (performance.now() - start) / 1000;
    const last = rates.slice(-3);
    const steady = last.length === 3 && Math.min(...last) >= 0.9 * Math.max(...last);
    if ((elapsed >= seconds && steady) || elapsed >= 4 * seconds) return;
  }
}

/** One timed slice: units per second. */
export function rate(run, count) {
  const { done, seconds } = timeRun(run, count);
  return done / seconds;
}
