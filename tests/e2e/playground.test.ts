// The built playground in headless Chromium: loading without console errors, training
// (loss falls, boundary changes), Step, editing the network, the URL hash round trip,
// notices for a malformed hash / CSV and for divergence, drawing points, the phone layout.
// Screenshots of the main states go to tests/e2e/artifacts/.
import { describe, expect, it } from 'vitest';
import { browserPerFile, canvasPixels, hash, hashField, idleRoundTrip, mainCanvas, number, open, pause, readout, ready, shot, siteUrl, type TestPage, train, visible } from './helpers.js';

// Every test must end without a console error or warning, or an uncaught error.
const { browser, track } = browserPerFile();

async function page(h = '', options = {}): Promise<TestPage> {
  return track(await open(browser(), h, options));
}

describe('the playground page', () => {
  it('loads with no console error and shows every part', async () => {
    const { page: p } = await page();
    await expect(mainCanvas(p).count()).resolves.toBe(1);
    for (const name of ['Play', 'Step', 'Reset']) await expect(p.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    expect(Number.isFinite(await number(p, 'Training loss'))).toBe(true);
    expect(Number.isFinite(await number(p, 'Test loss'))).toBe(true);
    // The default network: 2 features on, 4 + 2 hidden neurons and one output, each a thumbnail.
    await expect(p.locator('button.node.unit').count()).resolves.toBe(7);
    await expect(p.locator('button.node.feature[aria-pressed="true"]').count()).resolves.toBe(2);
    // Every control is labelled for assistive technology.
    const unnamed = await p.locator('mlp-playground').evaluate((el) => {
      const root = el.shadowRoot!;
      const bad: string[] = [];
      for (const c of root.querySelectorAll<HTMLElement>('button, select, input')) {
        if ((c as HTMLInputElement).type === 'file') continue;
        const id = c.id;
        const name = (c.getAttribute('aria-label') ?? '').trim() || (c.textContent ?? '').trim() || (id && root.querySelector(`label[for="${id}"]`)?.textContent?.trim()) || c.closest('label')?.textContent?.trim();
        if (!name) bad.push(c.outerHTML.slice(0, 80));
      }
      return bad;
    });
    expect(unnamed).toEqual([]);
    // The keyboard reaches Play.
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await p.keyboard.press('Tab');
      reached = await p.locator('mlp-playground').evaluate((el) => el.shadowRoot!.activeElement?.getAttribute('aria-label') === 'Play');
    }
    expect(reached).toBe(true);
    await p.keyboard.press('Enter');
    await p.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await p.keyboard.press('Enter');
    await p.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await shot(p, 'desktop-light');
  });

  it('trains on Play: the training loss falls and the boundary changes; Pause stops it', async () => {
    const { page: p } = await page();
    const loss0 = await number(p, 'Training loss');
    const pixels0 = await canvasPixels(p);
    await p.getByRole('button', { name: 'Play', exact: true }).click();
    // While running the button is named Pause.
    await p.getByRole('button', { name: 'Pause', exact: true }).waitFor();
    await p.waitForFunction(() => {
      const out = document.querySelector('mlp-playground')?.shadowRoot?.querySelector('output[aria-label="Epoch"]');
      return Number(out?.textContent ?? 0) >= 150;
    }, null, { timeout: 120_000 });
    // A new learning rate applies live: training goes on from where it was (no reset).
    const before = await number(p, 'Epoch');
    await p.locator('#lr').selectOption('0.1');
    await expect.poll(() => number(p, 'Epoch'), { timeout: 60_000 }).toBeGreaterThan(before);
    const paused = await pause(p);
    expect(paused).toBeGreaterThan(before);
    expect(hashField(await hash(p), 'lr')).toBe('0.1');
    const loss1 = await number(p, 'Training loss');
    expect(loss1).toBeLessThan(loss0 * 0.5);
    expect(await number(p, 'Test loss')).toBeLessThan(loss0);
    expect(await canvasPixels(p)).not.toBe(pixels0);
    // The loss chart reads out the values under the cursor.
    const over = p.locator('.chart .u-over');
    const ob = (await over.boundingBox())!;
    await p.mouse.move(ob.x + ob.width * 0.5, ob.y + ob.height * 0.5);
    await expect.poll(async () => (await p.locator('.chart .u-legend .u-series').nth(1).locator('.u-value').textContent()) ?? '').toMatch(/^\d/);
    // Paused means paused: a round trip through the worker finds the epoch where it stopped.
    expect(await idleRoundTrip(p)).toBe(paused);
    expect(await number(p, 'Epoch')).toBe(paused);
  });

  it('Step advances exactly one epoch; Reset goes back to epoch 0 and the initial loss', async () => {
    const { page: p } = await page();
    const loss0 = await number(p, 'Training loss');
    expect(await number(p, 'Epoch')).toBe(0);
    const step = p.getByRole('button', { name: 'Step', exact: true });
    await step.click();
    await expect.poll(() => number(p, 'Epoch')).toBe(1);
    await step.click();
    await expect.poll(() => number(p, 'Epoch')).toBe(2);
    expect(await idleRoundTrip(p)).toBe(2);
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => number(p, 'Epoch')).toBe(0);
    // The same seed gives the same initial network.
    await expect.poll(() => number(p, 'Training loss')).toBe(loss0);
  });

  it('adding a layer updates the diagram, the thumbnails and the hash', async () => {
    const { page: p } = await page();
    await expect(p.locator('button.node.unit').count()).resolves.toBe(7);
    await p.getByRole('button', { name: 'Add a hidden layer' }).click();
    await expect.poll(() => readout(p, 'Hidden layers').textContent()).toBe('3 hidden layers');
    await expect.poll(() => p.locator('button.node.unit').count()).toBe(9);
    expect(hashField(await hash(p), 'layers')).toBe('4,2,2');
    // Grow the new layer and check its thumbnails are painted (not blank).
    await p.getByRole('button', { name: 'Add a neuron to hidden layer 3' }).click();
    await expect.poll(() => p.locator('button.node.unit[data-layer="3"]').count()).toBe(3);
    // Each unit's thumbnail is its rectangle of the diagram's one thumbnail canvas.
    const painted = async (): Promise<boolean> =>
      p.locator('button.node.unit[data-layer="3"]').evaluateAll((bs: HTMLElement[]) =>
        bs.every((b) => {
          const c = b.parentElement!.querySelector<HTMLCanvasElement>('canvas.thumbs')!;
          const cr = c.getBoundingClientRect(), br = b.getBoundingClientRect();
          const k = c.width / cr.width;
          // The unit's inside (its 1-px border excluded), in the canvas' pixels.
          const x = Math.ceil((br.left - cr.left + 1) * k), y = Math.ceil((br.top - cr.top + 1) * k);
          const w = Math.floor((br.width - 2) * k) - 1, h = Math.floor((br.height - 2) * k) - 1;
          // Read through a copy made for reading (no readback warning on the page's canvas).
          const copy = document.createElement('canvas');
          copy.width = w;
          copy.height = h;
          const ctx = copy.getContext('2d', { willReadFrequently: true })!;
          ctx.drawImage(c, x, y, w, h, 0, 0, w, h);
          const d = ctx.getImageData(0, 0, w, h).data;
          let opaque = 0;
          for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) opaque++;
          return w > 0 && opaque === w * h;
        }),
      );
    await expect.poll(painted).toBe(true);
    // Hovering a unit shows it large in the main view.
    const before = await canvasPixels(p);
    await p.locator('button.node.unit[data-layer="1"][data-unit="0"]').hover();
    await visible(p.getByText('Showing hidden layer 1, neuron 1'));
    await expect.poll(() => canvasPixels(p)).not.toBe(before);
    // Toggling a feature on the diagram changes the network's inputs.
    await p.getByRole('button', { name: 'Feature x1 squared' }).click();
    await expect.poll(async () => hashField(await hash(p), 'features')).toBe('x1,x2,x1sq');
    await shot(p, 'desktop-three-layers');
  });

  it('gradient clipping: off by default, a choice applies live (training goes on) and goes into the hash', async () => {
    const { page: p } = await page('clip=0.3');
    expect(await p.locator('#clip').inputValue()).toBe('0.3');
    await p.locator('#clip').selectOption('0');
    await expect.poll(async () => hashField(await hash(p), 'clip')).toBe('0');
    expect(await p.locator('#clip option:checked').textContent()).toBe('Off');
    await p.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(p, 'Epoch'), { timeout: 30_000 }).toBeGreaterThan(20);
    const before = await number(p, 'Epoch');
    await p.locator('#clip').selectOption('1');
    await expect.poll(async () => hashField(await hash(p), 'clip')).toBe('1');
    // Live: the epoch counter goes on from where it was (a rebuild would start it at 0).
    await expect.poll(() => number(p, 'Epoch')).toBeGreaterThan(before);
    await p.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await number(p, 'Epoch')).toBeGreaterThan(before);
  });

  it('a URL hash round-trips every setting (through the controls and a reload)', async () => {
    const settings =
      'dataset=moons&noise=25&train=70&n=800&classes=5&dseed=42&features=x1,x2,x1sq,sinx2&layers=8,6,3&act=relu,sin,gelu&loss=bce' +
      '&opt=adam&lr=0.003&batch=25&reg=l2&regrate=0.01&init=he&seed=7&test=1&discretize=1&logloss=1&speed=max&theme=dark&zoom=5&stop=300';
    const { page: p } = await page(settings);
    await expect.poll(() => p.locator('[data-notice="hash"]').count()).toBe(0);
    // The controls show every field.
    const value = (sel: string): Promise<string> => p.locator(sel).inputValue();
    expect(await value('#lr')).toBe('0.003');
    expect(await value('#opt')).toBe('adam');
    expect(await value('#batch')).toBe('25');
    expect(await value('#reg')).toBe('l2');
    expect(await value('#regrate')).toBe('0.01');
    expect(await value('#loss')).toBe('bce');
    expect(await value('#init')).toBe('he');
    expect(await value('#seed')).toBe('7');
    expect(await value('#speed')).toBe('max');
    expect(await value('#zoom')).toBe('5');
    expect(await value('#ratio')).toBe('70');
    expect(await value('#noise')).toBe('25');
    expect(await value('#samples')).toBe('800');
    expect(await p.getByLabel('Data seed').inputValue()).toBe('42');
    expect(await p.getByLabel('Activation of hidden layer 2').inputValue()).toBe('sin');
    expect(await p.getByLabel('Colour scheme').inputValue()).toBe('dark');
    await expect.poll(() => p.locator('mlp-playground').getAttribute('data-theme')).toBe('dark');
    await expect.poll(() => p.getByRole('button', { name: 'Moons' }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => readout(p, 'Hidden layers').textContent()).toBe('3 hidden layers');
    await expect.poll(() => p.locator('button.node.unit').count()).toBe(8 + 6 + 3 + 1);
    for (const f of ['x1', 'x2', 'x1 squared', 'sine of x2']) await expect.poll(() => p.getByRole('button', { name: `Feature ${f}`, exact: true }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => p.getByRole('button', { name: 'Feature x2 squared', exact: true }).getAttribute('aria-pressed')).toBe('false');
    expect(await p.getByLabel('Show test data').isChecked()).toBe(true);
    expect(await p.getByLabel('Discretize output').isChecked()).toBe(true);
    expect(await p.getByLabel('Log-scale loss').isChecked()).toBe(true);
    // A change through the UI rewrites the hash: only that field differs.
    await p.locator('#lr').selectOption('0.1');
    await expect.poll(async () => hashField(await hash(p), 'lr')).toBe('0.1');
    const h = await hash(p);
    for (const part of settings.split('&')) {
      const [k, v] = part.split('=') as [string, string];
      if (k !== 'lr') expect(hashField(h, k), k).toBe(v);
    }
    // A reload (a shared link) reproduces it exactly.
    await p.reload();
    await ready(p);
    expect(await hash(p)).toBe(h);
    expect(await value('#lr')).toBe('0.1');
    await expect.poll(() => p.locator('button.node.unit').count()).toBe(18);
    await shot(p, 'desktop-dark');
  });

  it('a malformed or hostile hash falls back field by field with a visible notice', async () => {
    const bad = 'dataset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lr=banana&layers=4,99&noise=20&features=x1,x2,x1x2&foo=%3Cscript%3Ealert(2)%3C%2Fscript%3E&%E0%A4%A';
    const { page: p } = await page(bad);
    const notice = p.locator('[data-notice="hash"]');
    await visible(notice);
    const text = (await notice.textContent()) ?? '';
    for (const field of ['dataset', 'lr', 'layers', 'unknown setting']) expect(text).toContain(field);
    // Valid fields were kept, invalid ones fell back.
    expect(await p.locator('#noise').inputValue()).toBe('20');
    expect(await p.locator('#lr').inputValue()).toBe('0.03');
    await expect.poll(() => p.getByRole('button', { name: 'Feature x1 times x2', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => p.getByRole('button', { name: 'Circle' }).getAttribute('aria-pressed')).toBe('true');
    // Nothing was injected: no element from the hash exists, the text shows it quoted.
    const injected = await p.locator('mlp-playground').evaluate((el) => el.shadowRoot!.querySelectorAll('img, script').length + document.querySelectorAll('img, body script').length);
    expect(injected).toBe(0);
    expect(text).toContain('"<img src=x onerror=alert(1)>"');
    // The page still works.
    await p.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => number(p, 'Epoch')).toBe(1);
    await shot(p, 'hash-notice');
  });

  it('a malformed CSV shows its line and reason and loses nothing; a good one loads', async () => {
    const { page: p } = await page();
    const before = await hash(p);
    const file = p.locator('#csv-file');
    await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x1,x2,label\n1,2,0\n0.5,-1,1\n3,4\n') });
    const notice = p.locator('[data-notice="csv"]');
    await visible(notice);
    await expect.poll(async () => (await notice.textContent()) ?? '').toContain('line 4');
    await expect.poll(async () => (await notice.textContent()) ?? '').toContain('unchanged');
    expect(await hash(p)).toBe(before);
    await expect.poll(() => p.getByRole('button', { name: 'Circle' }).getAttribute('aria-pressed')).toBe('true');
    await shot(p, 'csv-error');
    // A valid file with three classes becomes "Your data", a multi-class problem.
    const rows = ['x1,x2,label'];
    for (let i = 0; i < 60; i++) rows.push(`${(i % 3) * 3 - 3 + Math.sin(i)},${Math.cos(i * 7)},${i % 3}`);
    await file.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await expect.poll(() => p.locator('[data-notice="csv"]').count()).toBe(0);
    await visible(p.getByText('Your data: 60 points, 3 classes.'));
    expect(hashField(await hash(p), 'dataset')).toBe('custom');
    expect(hashField(await hash(p), 'loss')).toBe('softmax-ce');
    await expect.poll(() => p.locator('button.node.unit').count()).toBe(4 + 2 + 3);
  });

  it('drawing points adds data (and the link keeps them)', async () => {
    const { page: p } = await page();
    await p.getByRole('button', { name: 'Add points' }).click();
    await p.getByRole('button', { name: 'Class 1 (blue)' }).click();
    const box = (await mainCanvas(p).boundingBox())!;
    for (const [u, v] of [[0.1, 0.1], [0.9, 0.1], [0.1, 0.9]] as const) await p.mouse.click(box.x + u * box.width, box.y + v * box.height);
    await visible(p.getByText('Your data: 503 points, 2 classes.'));
    const h = await hash(p);
    expect(hashField(h, 'dataset')).toBe('custom');
    expect(hashField(h, 'data')).toBeTruthy();
    // Shift-click removes the nearest point.
    await p.keyboard.down('Shift');
    await p.mouse.click(box.x + 0.1 * box.width, box.y + 0.1 * box.height);
    await p.keyboard.up('Shift');
    await visible(p.getByText('Your data: 502 points, 2 classes.'));
    await p.reload();
    await ready(p);
    await visible(p.getByText('Your data: 502 points, 2 classes.'));
    await shot(p, 'drawn-data');
  });

  it('divergence pauses training and says so, with a hint', async () => {
    const { page: p } = await page('dataset=plane&features=x1,x2,x1sq,x2sq&layers=8&act=relu&lr=10&speed=max');
    await p.getByRole('button', { name: 'Play', exact: true }).click();
    const notice = p.locator('[data-notice="diverged"]');
    await visible(notice, 60_000);
    await expect.poll(async () => (await notice.textContent()) ?? '').toContain('Lower the learning rate');
    await visible(p.getByRole('button', { name: 'Play', exact: true }));
    const epoch = await number(p, 'Epoch');
    expect(await idleRoundTrip(p)).toBe(epoch);
    await shot(p, 'divergence');
    // Lowering the learning rate and playing again trains on.
    await p.locator('#lr').selectOption('0.001');
    expect(await train(p, epoch + 20)).toBeGreaterThan(epoch);
  });

  it('follows the system colour scheme, and the theme choice overrides it', async () => {
    const { page: p } = await page('', { colorScheme: 'dark' });
    await expect.poll(() => p.locator('mlp-playground').getAttribute('data-theme')).toBe('dark');
    await p.getByLabel('Colour scheme').selectOption('light');
    await expect.poll(() => p.locator('mlp-playground').getAttribute('data-theme')).toBe('light');
    expect(hashField(await hash(p), 'theme')).toBe('light');
  });

  it('has no horizontal scroll at 375 px and draws with touch', async () => {
    const { page: p } = await page('', { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const widths = await p.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, inner: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(375);
    expect(widths.body).toBeLessThanOrEqual(375);
    await shot(p, 'phone-375');
    await p.getByRole('button', { name: 'Add points' }).tap();
    await mainCanvas(p).scrollIntoViewIfNeeded();
    const box = (await mainCanvas(p).boundingBox())!;
    await p.touchscreen.tap(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await visible(p.getByText('Your data: 501 points, 2 classes.'));
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });

  it('shows multi-class data coloured by class probability', async () => {
    const { page: p } = await page('dataset=spiral-k&classes=4&layers=16,16&act=tanh&opt=adam&lr=0.01&speed=max&test=1&features=x1,x2,sinx1,sinx2');
    await expect.poll(() => p.locator('button.node.unit').count()).toBe(16 + 16 + 4);
    await train(p, 300);
    expect(await number(p, 'Training accuracy')).toBeGreaterThan(40);
    await shot(p, 'multi-class');
  });

  it('fits a 1-D function and shows the curve', async () => {
    const { page: p } = await page('dataset=sin&features=x1&layers=8,8&act=tanh&opt=adam&lr=0.01&speed=max&test=1&logloss=1');
    const loss0 = await number(p, 'Training loss');
    await train(p, 300);
    expect(await number(p, 'Training loss')).toBeLessThan(loss0 * 0.5);
    await p.locator('button.node.unit[data-layer="1"][data-unit="1"]').hover();
    await visible(p.getByText('Showing hidden layer 1, neuron 2'));
    await shot(p, '1d-fit');
  });

  it('edits a weight from the diagram, and refuses an invalid value', async () => {
    const { page: p } = await page();
    const loss0 = await number(p, 'Training loss');
    await p.locator('button.node.unit[data-layer="3"]').click();
    const dialog = p.getByRole('dialog');
    await visible(dialog);
    const input = dialog.getByRole('textbox');
    await input.fill('abc');
    await input.press('Enter');
    await expect.poll(async () => (await dialog.getByRole('alert').textContent()) ?? '').toContain('finite number');
    await input.fill('3');
    await input.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => number(p, 'Training loss')).not.toBe(loss0);
    // Incoming weights are reachable from the same editor (keyboard users cannot click lines).
    const loss1 = await number(p, 'Training loss');
    await p.locator('button.node.unit[data-layer="3"]').click();
    await p.getByLabel('Parameter to edit').selectOption({ label: 'Weight from hidden layer 2, neuron 1' });
    await dialog.getByRole('textbox').fill('-4');
    await dialog.getByRole('textbox').press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => number(p, 'Training loss')).not.toBe(loss1);
  });

  it('exports data, the network (JSON, PyTorch) and the view (PNG), and imports the network back', async () => {
    const { page: p } = await page('speed=max');
    await train(p, 100);
    const trained = await number(p, 'Training loss');
    const download = async (name: string): Promise<Buffer> => {
      const [d] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name, exact: true }).click()]);
      const stream = await d.createReadStream();
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    const csv = (await download('Export CSV')).toString();
    // A header naming the columns, then one row per point (train and test).
    expect(csv.split('\n')[0]).toMatch(/x1,x2,label/);
    expect(csv.split('\n').filter((l) => /^-?[\d.]/.test(l))).toHaveLength(500);
    const png = await download('PNG');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const py = (await download('PyTorch script')).toString();
    expect(py).toContain('nn.Sequential(');
    expect(py).toContain('nn.Linear(2, 4)');
    const json = await download('Network JSON');
    const doc = JSON.parse(json.toString());
    expect(doc.format).toBe('mlp-playground/playground');
    expect(doc.network.config.layers).toHaveLength(3);
    // Reset loses the training; importing the file brings it back exactly.
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => number(p, 'Epoch')).toBe(0);
    expect(await number(p, 'Training loss')).not.toBe(trained);
    await p.locator('#net-file').setInputFiles({ name: 'net.json', mimeType: 'application/json', buffer: json });
    await expect.poll(() => number(p, 'Training loss')).toBe(trained);
    // A broken file is refused with a notice and changes nothing.
    await p.locator('#net-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"mlp-playground/playground","version":1,"hash":"layers=3","network":{"config":{}}}') });
    await visible(p.locator('[data-notice="import"]'));
    expect(await number(p, 'Training loss')).toBe(trained);
  });

  it('serves the built site from a sub-path with the wasm modules as files', async () => {
    const res = await fetch(siteUrl());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/src="\.\/assets\//);
    expect(html).not.toMatch(/(src|href)="\/(?!\/)/);
  });
});
