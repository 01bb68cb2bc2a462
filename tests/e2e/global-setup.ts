// Serves dist/ with scripts/serve.mjs and hands the tests the site's URL, which is a
// sub-path (/site/): the built site must work from any folder of any static host.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

let server: ChildProcess | null = null;

export async function setup(project: TestProject): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  if (!existsSync(resolve(root, 'dist/site/index.html'))) throw new Error('dist/site is missing: run `npm run build` (or scripts/build-site.sh) first');
  server = spawn(process.execPath, [resolve(root, 'scripts/serve.mjs'), resolve(root, 'dist'), '18765'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('the static server did not start')), 60_000);
    server!.stdout!.on('data', (b: Buffer) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(b.toString());
      if (m) {
        clearTimeout(timer);
        ok(m[0]);
      }
    });
    server!.on('exit', (code) => fail(new Error(`the static server exited (${code})`)));
  });
  project.provide('siteUrl', `${url}site/`);
}

export async function teardown(): Promise<void> {
  server?.kill();
  server = null;
}
