// The site's worker trains on the lite core (no network file, introspection or loss surface)
// and moves to the full core on the first call that needs it: an export after training on
// the lite core is the file the full core gives for the same run. The oracle is the same
// run in Node on the full core (the worker's Trainer, the settings read back from the
// file's own hash, as many epochs as the file says), compared field for field.
import { describe, expect, it } from 'vitest';
import { parseHash } from '../../web/src/app/state.js';
import { setupOf } from '../../web/src/app/setup.js';
import type { TickRequest } from '../../web/src/worker/protocol.js';
import { Trainer } from '../../web/src/worker/trainer.js';
import { catalog, core } from '../web/support/catalog.js';
import { browserPerFile, ready, siteUrl, train, watchedPage } from './helpers.js';

const { browser, track } = browserPerFile();

const step: TickRequest = { train: 'step', maxEpochs: 1, budgetMs: 1000, full: true, main: null, thumbs: 0, params: false };

describe('the lite core in the site', () => {
  it('trains on the lite core; the first export loads the full one and gives the full core\'s file', async () => {
    const w = track(await watchedPage(browser()));
    const p = w.page;
    const fetched: string[] = [];
    p.context().on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()!));
    await p.goto(siteUrl('speed=max'));
    await ready(p);
    const epochs = await train(p, 40);
    const wasm = () => fetched.filter((f) => f.endsWith('.wasm'));
    expect(wasm().map((f) => f.replace(/-[\w-]{8}\.wasm$/, ''))).toEqual(['mlp-simd-lite']);

    const [d] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Network JSON', exact: true }).click()]);
    const chunks: Buffer[] = [];
    for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
    const doc = JSON.parse(Buffer.concat(chunks).toString());
    // The export needed the full module: fetched now, once.
    expect(wasm().map((f) => f.replace(/-[\w-]{8}\.wasm$/, ''))).toEqual(['mlp-simd-lite', 'mlp-simd']);
    const trained = doc.network.epochs as number;  // the network file's count of epochs trained
    expect(trained).toBeGreaterThanOrEqual(epochs);

    // The same run in Node on the full core.
    const parsed = parseHash(doc.hash, catalog);
    expect(parsed.problems).toEqual([]);
    const t = new Trainer(core);
    t.configure(setupOf(parsed.state, catalog), false);
    for (let e = 0; e < trained; e++) t.tick(step);
    expect(JSON.parse(t.serialize())).toEqual(doc.network);
    t.dispose();

    // Training goes on in the page after the switch (the same network, now on the full core).
    await train(p, epochs + 10);
    expect(w.problems).toEqual([]);
  });
});
