// Random attributes on the real element (fast-check cases, each a fresh <mlp-playground>
// on the embed page): whatever `config` and setting attributes a page author writes, the
// element builds a network, reports no error, and its settings are exactly what the URL-hash
// rules say (tests/web/fuzz-parsers.test.ts checks those rules on thousands of inputs).
import fc from 'fast-check';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attributePatch, overlay, SETTING_ATTRIBUTES } from '../../web/src/app/attributes.js';
import { SETTINGS } from '../../web/src/app/settings.js';
import { parseHash, serializeHash } from '../../web/src/app/state.js';
import { catalog } from '../web/support/catalog.js';
import { launch, siteUrl, watchedPage, type WatchedPage } from './helpers.js';

let browser: Browser;
let watched: WatchedPage;
beforeAll(async () => {
  browser = await launch();
  watched = await watchedPage(browser, { viewport: { width: 900, height: 900 } });
  await watched.page.goto(siteUrl().replace(/#.*$/, '') + 'embed.html');
});
afterAll(async () => {
  await watched?.close();
  await browser?.close();
});

const RUNS = 25;

const value = fc.oneof(
  fc.constantFrom('', '0', '1', '-1', '2', '8', '4,4', '3,3,3', 'true', 'NaN', '1e400', '<b>x</b>', '__proto__', 'x1,x2,sinx1'),
  fc.constantFrom(...catalog.datasets.map((d) => d.name), ...catalog.hiddenActivations, ...SETTINGS.learningRate.suggested!.map(String), 'adam', 'momentum', 'l2', 'he', 'bce', 'max', 'dark'),
  fc.string({ maxLength: 6 }),
);
const attributes = fc.uniqueArray(fc.tuple(fc.constantFrom(...Object.keys(SETTING_ATTRIBUTES)), value), { maxLength: 6, selector: ([name]) => name });
const config = fc.oneof(fc.constant(''), fc.constantFrom('dataset=xor&layers=4&act=relu', 'dataset=sin&features=x1&layers=8', 'dataset=spiral-k&classes=4&loss=softmax-ce', 'lr=banana&layers=99'), fc.string({ maxLength: 20 }));

it(`any config and attributes (${RUNS} random cases): the element builds, with exactly the settings the hash rules give`, async () => {
  const { page, problems } = watched;
  await fc.assert(
    fc.asyncProperty(config, attributes, async (cfg, attrs) => {
      const want = serializeHash(parseHash(overlay(cfg, attributePatch(attrs), catalog), catalog).state);
      const got = await page.evaluate(([cfg, attrs]) => new Promise<string>((done) => {
        document.getElementById('fuzzed')?.remove();
        const el = document.createElement('mlp-playground');
        el.id = 'fuzzed';
        el.setAttribute('config', cfg);
        for (const [name, v] of attrs) el.setAttribute(name, v);
        el.setAttribute('view', 'boundary');
        el.addEventListener('update', (e) => done(e.detail.hash), { once: true });
        document.body.append(el);
      }), [cfg, attrs] as const);
      expect(got).toBe(want);
      expect(problems).toEqual([]);
    }),
    { numRuns: RUNS },
  );
  console.log(`fast-check cases per property (attributes.test): element attributes: ${RUNS}`);
  await page.evaluate(() => document.getElementById('fuzzed')?.remove());
});
