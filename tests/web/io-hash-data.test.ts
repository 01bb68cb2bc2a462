// User-drawn points in the URL hash (web/src/app/io/hash-data.ts): the documented binary
// layout byte by byte, round trips within the quantisation step, and hostile input
// (garbage, truncation, oversized counts) failing only with HashDataError, quickly.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../web/src/core/types.js';
import { decodePoints, encodePoints, HashDataError, MAX_HASH_POINTS } from '../../web/src/app/io/hash-data.js';
import { rng } from './support/rng.js';

// Independent base64url (Node's Buffer), to build and inspect encodings in the tests.
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const unb64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64url'));

function dataset(problem: Dataset['problem'], dims: 1 | 2, classes: number, x: number[], y: number[]): Dataset {
  return { problem, dims, classes, size: y.length, x: new Float32Array(x), y: new Float32Array(y) };
}

function randomDataset(r: () => number, problem: Dataset['problem'], dims: 1 | 2, classes: number, n: number, lo = -6, hi = 6): Dataset {
  const x = Array.from({ length: n * dims }, () => lo + (hi - lo) * r());
  const y = Array.from({ length: n }, (_, i) => (problem === 'classification' ? (i * 7 + Math.floor(r() * 3)) % classes : -1.5 + 3 * r()));
  return dataset(problem, dims, classes, x, y);
}

/** Every coordinate/value within half a step of its axis range (+ float32 rounding). */
function expectClose(back: Dataset, d: Dataset): void {
  expect([back.problem, back.dims, back.classes, back.size]).toEqual([d.problem, d.dims, d.classes, d.size]);
  expect(back.x).toBeInstanceOf(Float32Array);
  expect(back.y).toBeInstanceOf(Float32Array);
  const check = (got: Float32Array, want: Float32Array, start: number, stride: number): void => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < want.length; i += stride) {
      lo = Math.min(lo, want[i]!);
      hi = Math.max(hi, want[i]!);
    }
    const tol = (hi - lo) / 131070 + 2 ** -23 * Math.max(Math.abs(lo), Math.abs(hi));
    for (let i = start; i < want.length; i += stride) {
      expect(Math.abs(got[i]! - want[i]!), `index ${i}: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(tol);
    }
  };
  for (let a = 0; a < d.dims; a++) check(back.x, d.x, a, d.dims);
  if (d.problem === 'classification') expect(Array.from(back.y)).toEqual(Array.from(d.y));
  else check(back.y, d.y, 0, 1);
}

function hashError(s: unknown): HashDataError {
  try {
    decodePoints(s as string);
  } catch (e) {
    expect(e).toBeInstanceOf(HashDataError);
    return e as HashDataError;
  }
  throw new Error(`decodePoints accepted ${JSON.stringify(s)}`);
}

/** Bytes of a hand-built v1 encoding (layout as documented in hash-data.ts). */
function build(header: [number, number, number, number, number], ranges: number[], body: (v: DataView, o: number) => number, extra = 64): Uint8Array {
  const buf = new ArrayBuffer(6 + ranges.length * 4 + extra);
  const v = new DataView(buf);
  header.slice(0, 4).forEach((b, i) => v.setUint8(i, b));
  v.setUint16(4, header[4], true);
  ranges.forEach((f, i) => v.setFloat32(6 + 4 * i, f, true));
  const end = body(v, 6 + ranges.length * 4);
  return new Uint8Array(buf, 0, end);
}

describe('hash-data format', () => {
  it('writes the documented bytes', () => {
    const d = dataset('classification', 2, 3, [-6, 6, 0, 0, 6, -6], [2, 0, 1]);
    const bytes = unb64(encodePoints(d));
    const v = new DataView(bytes.buffer);
    expect(Array.from(bytes.slice(0, 6))).toEqual([1, 2, 0, 3, 3, 0]); // version, dims, problem, classes, n (u16 LE)
    expect([v.getFloat32(6, true), v.getFloat32(10, true), v.getFloat32(14, true), v.getFloat32(18, true)]).toEqual([-6, 6, -6, 6]);
    const q = [0, 1, 2, 3, 4, 5].map((i) => v.getUint16(22 + 2 * i, true));
    expect(q).toEqual([0, 65535, 32768, 32768, 65535, 0]); // round(0.5 * 65535) = 32768
    expect(Array.from(bytes.slice(34))).toEqual([2, 0, 1]);
    expect(bytes.length).toBe(37);
  });

  it('reads a hand-built regression encoding', () => {
    // 1-D regression, 2 points: x range [-3, 3], y range [-1, 0.5].
    const bytes = build([1, 1, 1, 0, 2], [-3, 3, -1, 0.5], (v, o) => {
      [0, 65535, 65535, 0].forEach((q, i) => v.setUint16(o + 2 * i, q, true));
      return o + 8;
    });
    const d = decodePoints(b64(bytes));
    expect(d).toEqual({ problem: 'regression', dims: 1, classes: 0, size: 2, x: new Float32Array([-3, 3]), y: new Float32Array([0.5, -1]) });
  });

  it('uses only URL-safe characters, about 7 per classified point', () => {
    const d = randomDataset(rng(1), 'classification', 2, 6, MAX_HASH_POINTS);
    const s = encodePoints(d);
    expect(s).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(s.length).toBe(Math.ceil(((6 + 16 + 5 * MAX_HASH_POINTS) * 4) / 3));
    expect(encodePoints(d)).toBe(s); // deterministic
  });
});

describe('hash-data round trip', () => {
  it('2-D classification, 2 to 6 classes, within the quantisation step', () => {
    const r = rng(2);
    for (let k = 2; k <= 6; k++) {
      const d = randomDataset(r, 'classification', 2, k, 137);
      expectClose(decodePoints(encodePoints(d)), d);
    }
  });

  it('1-D and 2-D regression, including wide and narrow ranges', () => {
    const r = rng(3);
    for (const [dims, lo, hi] of [
      [1, -Math.PI, Math.PI],
      [2, -6, 6],
      [2, -1e30, 1e30],
      [1, 1000, 1000.001],
    ] as const) {
      const d = randomDataset(r, 'regression', dims, 0, 211, lo, hi);
      expectClose(decodePoints(encodePoints(d)), d);
    }
  });

  it('keeps the smallest and largest value of each axis, and constant axes, exactly', () => {
    const d = dataset('regression', 2, 0, [-5.5, 0.25, 4.75, 0.25, 0.1, 0.25], [-0.3, 1.7, 0.2]);
    const back = decodePoints(encodePoints(d));
    expect([back.x[0], back.x[2], back.x[1], back.x[3], back.x[5]]).toEqual([-5.5, 4.75, 0.25, 0.25, 0.25]);
    expect([back.y[0], back.y[1]]).toEqual([Math.fround(-0.3), Math.fround(1.7)]);
  });

  it('an empty set of points', () => {
    for (const d of [dataset('classification', 2, 2, [], []), dataset('regression', 1, 0, [], [])]) {
      expect(decodePoints(encodePoints(d))).toEqual(d);
    }
  });

  it('2000 points, the cap', () => {
    const d = randomDataset(rng(4), 'regression', 2, 0, MAX_HASH_POINTS);
    expectClose(decodePoints(encodePoints(d)), d);
  });
});

describe('hash-data errors', () => {
  const ok = encodePoints(dataset('classification', 2, 3, [1, 2, 3, 4, 5, 6], [0, 1, 2]));

  it('refuses to encode what it cannot carry', () => {
    const r = rng(5);
    const cases: [Dataset, string][] = [
      [randomDataset(r, 'classification', 2, 2, MAX_HASH_POINTS + 1), 'points: too many points for a link (2001, max 2000)'],
      [dataset('classification', 2, 2, [0, NaN], [0]), 'points: x[1] is NaN, not a finite float32'],
      [dataset('regression', 1, 0, [0], [Infinity]), 'points: y[0] is Infinity, not a finite float32'],
      [dataset('classification', 2, 2, [0, 0], [2]), 'points: y[0] = 2 is not a class index in [0, 2)'],
      [dataset('classification', 2, 2, [0, 0], [0.5]), 'points: y[0] = 0.5 is not a class index in [0, 2)'],
      [dataset('classification', 2, 7, [0, 0], [0]), 'points: classes must be 2..6, got 7'],
      [dataset('classification', 1, 2, [0], [0]), 'points: 1-D data must be regression'],
      [{ ...dataset('regression', 2, 0, [0, 0], [0]), size: 2 }, 'points: sizes disagree'],
    ];
    for (const [d, message] of cases) {
      expect(() => encodePoints(d)).toThrow(HashDataError);
      expect(() => encodePoints(d)).toThrow(message);
    }
  });

  it('names what is wrong with a malformed string', () => {
    const bytes = unb64(ok);
    const withByte = (i: number, b: number, i2 = i, b2 = b): string => {
      const c = bytes.slice();
      c[i] = b;
      c[i2] = b2;
      return b64(c);
    };
    const cases: [unknown, string][] = [
      [42, 'points: expected a string, got number'],
      ['abc$', 'points: bad base64 (character "$" at 3; allowed A-Z a-z 0-9 - _)'],
      ['ab==', 'points: bad base64 (character "=" at 2'],
      ['abé', 'points: bad base64 (character "é" at 2'],
      ['abcde', 'points: bad base64 (length 5 is impossible)'],
      ['AB', 'points: bad base64 (stray bits at the end)'],
      ['', 'points: truncated (0 bytes, the header alone is 6)'],
      [withByte(0, 2), 'points: unsupported format version 2 (this build reads version 1)'],
      [withByte(1, 3), 'points: dims must be 1 or 2, got 3'],
      [withByte(2, 2), 'points: problem must be 0 (classification) or 1 (regression), got 2'],
      [withByte(3, 1), 'points: classes must be 2..6, got 1'],
      [withByte(3, 7), 'points: classes must be 2..6, got 7'],
      [b64(build([1, 2, 1, 3, 0], [0, 0, 0, 0, 0, 0], (_, o) => o)), 'points: classes must be 0 for regression, got 3'],
      [b64(build([1, 1, 0, 2, 0], [0, 0], (_, o) => o)), 'points: 1-D data must be regression'],
      [b64(bytes.slice(0, bytes.length - 1)), 'points: truncated (36 bytes, 3 points need 37)'],
      [b64(bytes.slice(0, 10)), 'points: truncated (10 bytes, 3 points need 37)'],
      [b64(new Uint8Array([...bytes, 0])), 'points: 1 unexpected bytes after the 3 points'],
      [withByte(4, 0xd1, 5, 0x07), 'points: too many points (2001, max 2000)'],
      [withByte(5, 0xff), 'points: too many points (65283, max 2000)'],
      [withByte(36, 3), 'points: point 2 has label 3, but there are 3 classes'],
      ['A'.repeat(20000), 'points: too long (20000 characters, max 16040)'],
    ];
    for (const [input, message] of cases) {
      expect(hashError(input).message, JSON.stringify(input).slice(0, 40)).toContain(message);
    }
  });

  it('refuses non-finite and inverted ranges', () => {
    const body = (v: DataView, o: number): number => {
      v.setUint16(o, 0, true);
      v.setUint16(o + 2, 0, true);
      v.setUint8(o + 4, 0);
      return o + 5;
    };
    for (const [ranges, message] of [
      [[NaN, 1, 0, 1], 'points: the range of x1 [NaN, 1] is not a finite interval'],
      [[0, 1, -Infinity, 1], 'points: the range of x2 [-Infinity, 1] is not a finite interval'],
      [[0, 1, 2, 1], 'points: the range of x2 [2, 1] is not a finite interval'],
    ] as const) {
      expect(hashError(b64(build([1, 2, 0, 2, 1], [...ranges], body))).message).toBe(message);
    }
    // The widest finite float32 range decodes to finite values.
    const wide = build([1, 1, 1, 0, 1], [-3.4028234663852886e38, 3.4028234663852886e38, -3.4028234663852886e38, 3.4028234663852886e38], (v, o) => {
      v.setUint16(o, 65535, true);
      v.setUint16(o + 2, 12345, true);
      return o + 4;
    });
    const d = decodePoints(b64(wide));
    expect(Number.isFinite(d.x[0]!) && Number.isFinite(d.y[0]!)).toBe(true);
  });

  it('fuzz: random strings and mutated encodings give a valid Dataset or a HashDataError', () => {
    const r = rng(6);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const valid = [ok, encodePoints(randomDataset(r, 'regression', 1, 0, 40)), encodePoints(randomDataset(r, 'regression', 2, 0, 25))];
    let accepted = 0;
    for (let i = 0; i < 30000; i++) {
      let s: string;
      const kind = i % 4;
      if (kind === 0) {
        s = Array.from({ length: Math.floor(r() * 120) }, () => alphabet[Math.floor(r() * 64)]).join('');
      } else if (kind === 1) {
        s = Array.from({ length: Math.floor(r() * 40) }, () => String.fromCharCode(Math.floor(r() * 0x3000))).join('');
      } else {
        // a valid encoding, mutated: characters replaced, cut short or extended
        const chars = valid[i % valid.length]!.split('');
        const edits = 1 + Math.floor(r() * 3);
        for (let e = 0; e < edits; e++) chars[Math.floor(r() * chars.length)] = alphabet[Math.floor(r() * 64)]!;
        if (kind === 3) chars.length = Math.floor(r() * chars.length * 1.2);
        s = chars.map((c) => c ?? 'A').join('');
      }
      let d: Dataset;
      try {
        d = decodePoints(s);
      } catch (e) {
        if (!(e instanceof HashDataError)) throw new Error(`decodePoints(${JSON.stringify(s)}) threw ${String(e)}`);
        expect(e.message.startsWith('points: ')).toBe(true);
        continue;
      }
      accepted++;
      expect(d.x.length).toBe(d.size * d.dims);
      expect(d.y.length).toBe(d.size);
      expect(d.size).toBeLessThanOrEqual(MAX_HASH_POINTS);
      expect(d.x.every(Number.isFinite) && d.y.every(Number.isFinite)).toBe(true);
      if (d.problem === 'classification') expect(d.y.every((v) => Number.isInteger(v) && v >= 0 && v < d.classes)).toBe(true);
    }
    expect(accepted).toBeGreaterThan(1000); // mutated coordinates and values still decode
  });
});
