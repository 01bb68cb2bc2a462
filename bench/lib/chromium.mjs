// What the page benches (bench/browser.mjs, playground.mjs, first-load.mjs, soak.mjs)
// share: serving the built site, launching headless Debian Chromium, and replacing their
// own figures in bench/results/latest.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const RESULTS = fileURLToPath(new URL('../results', import.meta.url));

/** Debian's Chromium, never a downloaded one. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * Writes `results` to bench/results/latest.json in place of every earlier figure whose
 * workload starts with `prefix` (the others stay, first); returns everything written.
 */
export function replaceResults(prefix, results) {
  mkdirSync(RESULTS, { recursive: true });
  const file = `${RESULTS}/latest.json`;
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  const all = [...previous.filter((r) => !r.workload.startsWith(prefix)), ...results];
  writeFileSync(file, `${JSON.stringify(all, null, 1)}\n`);
  return all;
}

/** Serves `dir` with the project's static server (scripts/serve.mjs); resolves { base, close }. */
export function serve(root, dir, port) {
  const server = spawn(process.execPath, [`${root}scripts/serve.mjs`, dir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => {
      const m = /http:\/\/[^\s]+/.exec(String(d));
      if (m) resolve({ base: m[0], close: () => server.kill() });
    });
    server.on('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
  });
}
