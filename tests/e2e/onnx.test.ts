// The page's exports leave the browser and come back: the ONNX button's model, run by
// onnxruntime-web in Chromium (its wasm backend, served from node_modules on a page of the
// test server's origin), gives the outputs the library computes for the same network; and
// a bare network file (what the PyTorch script's --out writes) imports into the page.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { agreement, coreOutputs, fmt, gridPoints } from '../web/support/exported.js';
import { launch, number, open, siteUrl } from './helpers.js';

const ORT = resolve(import.meta.dirname, '../../node_modules/onnxruntime-web/dist');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function download(p: Page, name: string): Promise<Buffer> {
  const [d] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name, exact: true }).click()]);
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

it('the ONNX export runs in onnxruntime-web with the network\'s outputs; a bare network file imports', async () => {
  const features = ['x1', 'x2', 'sinx1'] as const;
  const t = await open(browser, `dataset=spiral&features=${features.join(',')}&layers=6,4&act=tanh&opt=adam&lr=0.01&speed=max&stop=30`);
  const p = t.page;
  await p.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => number(p, 'Epoch'), { timeout: 60_000 }).toBe(30);
  await p.getByRole('button', { name: 'Play', exact: true }).waitFor();
  const trained = await number(p, 'Training loss');
  const onnx = await download(p, 'ONNX');
  const file = JSON.parse((await download(p, 'Network JSON')).toString()) as { network: object };

  // onnxruntime-web on a page of the same origin (outside the site, so none of its policies apply).
  const ortPage = await p.context().newPage();
  const base = new URL('../__ort/', siteUrl()).href;
  await ortPage.route(`${base}**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!;
    if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>ort</title>' });
    const type = name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    return route.fulfill({ contentType: type, body: readFileSync(resolve(ORT, name)) });
  });
  await ortPage.goto(`${base}index.html`);
  const points = gridPoints(2, 9);
  // A module script (a string: vitest rewrites import() inside functions it compiles).
  await ortPage.addScriptTag({
    type: 'module',
    content: `import * as ort from '${base}ort.wasm.min.mjs';
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.wasmPaths = '${base}';
      window.runOnnx = async (bytes, flat, n) => {
        const session = await ort.InferenceSession.create(new Uint8Array(bytes));
        const r = await session.run({ x: new ort.Tensor('float32', Float32Array.from(flat), [n, 2]) });
        return { y: Array.from(r.y.data), dims: r.y.dims };
      };`,
  });
  await ortPage.waitForFunction(() => 'runOnnx' in window);
  const got = await ortPage.evaluate(
    ({ bytes, flat, n }) => (window as unknown as { runOnnx(b: number[], f: number[], n: number): Promise<{ y: number[]; dims: number[] }> }).runOnnx(bytes, flat, n),
    { bytes: Array.from(onnx), flat: points.flat(), n: points.length },
  );

  const mlp = await loadCore();
  const net = mlp.loadNetwork(file.network);
  const c = { name: 'page', config: { ...net.config, features: [...features] }, dims: 2 as const, problem: 'classification' as const, classes: 2 };
  const want = coreOutputs(net, c, points).flat();
  expect(got.dims).toEqual([points.length, 1]);
  const a = agreement(got.y, want);
  console.log(`[agreement] onnxruntime-web in Chromium vs the library: ${fmt(a)} (${points.length} points)`);
  expect(a.maxAbs).toBeLessThanOrEqual(1e-5);
  await ortPage.close();

  // A bare network file, as the PyTorch script's --out writes (no page settings in it).
  await p.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect.poll(() => number(p, 'Epoch')).toBe(0);
  const bare = { ...file.network, config: { ...(file.network as { config: object }).config, features } };
  await p.locator('mlp-playground').locator('#net-file').setInputFiles({ name: 'weights.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bare)) });
  await expect.poll(() => number(p, 'Training loss')).toBe(trained);
  net.dispose();
  const problems = t.problems;
  await t.close();
  expect(problems).toEqual([]);
});
