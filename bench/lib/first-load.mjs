// The playground's first load: which files the built site (dist/site) fetches from
// navigation until the first trained boundary is drawn, and how to watch a page get there.
// Shared by bench/first-load.mjs (page weight, the slow-phone timings) and the E2E test
// tests/e2e/first-load.test.ts, which checks that the list below is what the site fetches.
/**
 * Every file of the first load, by role: the name in dist/site with Vite's content hash
 * replaced by `*`. Anything else the page fetches before its first trained boundary (the
 * exporters, the scalar build, the lessons, the chart, the CSV and file code, the digits',
 * compare mode's and a challenge's parts) belongs in a lazy chunk.
 */
export const FIRST_LOAD = [
  { role: 'page', file: 'index.html' },
  { role: 'page script', file: 'assets/index-*.js' },
  // Two files for the element (vite.config.ts manualChunks): what it shares with the
  // challenges page (Lit, the challenge list, the English catalog but for its lazy parts —
  // the digits', the challenges', the walk's and learning panels' — and the language switch,
  // the chunk loader) with Comlink and the text helpers; and the element with everything it
  // shares with its lazy chunks (the settings, the main view, the loss chart). What each
  // holds, module by module: bench/chunk-modules.mjs.
  { role: 'element: Lit, catalog, challenge list', file: 'assets/base-*.js' },
  { role: 'element', file: 'assets/playground-*.js' },
  { role: 'worker', file: 'assets/worker-*.js' },
  // The lite core (no network file, introspection or loss surface): its .wasm preloaded by
  // the page and handed to the worker, its glue loaded by the worker. The full module waits
  // for the first call that needs it (worker/worker.ts).
  { role: 'wasm glue (SIMD, lite)', file: 'assets/mlp-simd-lite-*.js' },
  { role: 'wasm (SIMD, lite)', file: 'assets/mlp-simd-lite-*.wasm' },
];

/**
 * The site files among `requests` ({ url, at: Date.now() }) made until the page's first
 * trained boundary (`times`: window.__firstLoad and performance.timeOrigin), without repeats.
 */
export function filesBefore(requests, base, times) {
  const until = times.origin + times.trained;
  return [...new Set(requests.filter((r) => r.url.startsWith(base) && r.at <= until).map((r) => siteFile(r.url, base)))];
}

/** A fetched URL's file name in the site, its hash replaced by `*` (`assets/main-*.js`). */
export function siteFile(url, base) {
  const path = new URL(url).pathname.slice(new URL(base).pathname.length);
  return (path === '' ? 'index.html' : path).replace(/-[A-Za-z0-9_-]{8}(\.[a-z]+)$/, '-*$1');
}

/**
 * An init script for the page: from navigation, on every animation frame, it notes when
 * the element first has a snapshot (the first boundary, drawn in that frame), presses Play
 * as soon as it is enabled, and notes when a snapshot of epoch 1 or later arrives (the
 * first trained boundary). Times are performance.now(): milliseconds since navigation.
 * Resolves window.__firstLoad = { boundary, playable, trained } once trained is known.
 */
export const WATCH_FIRST_LOAD = () => {
  const w = window;
  const t = { boundary: null, playable: null, trained: null };
  w.__firstLoad = null;
  const frame = () => {
    const el = document.querySelector('mlp-playground');
    const snap = el?.snapshot;
    const now = performance.now();
    if (snap && t.boundary === null) t.boundary = now;
    if (t.playable === null) {
      const play = el?.shadowRoot?.querySelector('button[aria-label="Play"]');
      if (play && !play.disabled) {
        t.playable = now;
        play.click();
      }
    }
    if (snap && snap.epoch >= 1 && t.trained === null) t.trained = now;
    if (t.trained === null) requestAnimationFrame(frame);
    else w.__firstLoad = t;
  };
  requestAnimationFrame(frame);
};
