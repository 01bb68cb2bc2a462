// User-drawn points in the URL hash: a small binary format, URL-safe base64 encoded, so a
// shared link carries the data. decodePoints treats its input as hostile (it comes from
// whoever wrote the link): it checks every byte and fails with a HashDataError.
//
// Format, version 1 (multi-byte values little-endian):
//
//   offset  size        field
//   0       u8          version = 1
//   1       u8          dims: 2 (points in the plane) or 1 (y = f(x))
//   2       u8          problem: 0 classification, 1 regression (1-D data is regression)
//   3       u8          classes: 2..6 for classification, 0 for regression
//   4       u16         n, the number of points, 0..2000
//   6       2 x f32     per axis, its range [lo, hi]: x1 (and x2 when dims = 2), then y for
//                       regression; lo = hi = 0 when n = 0
//   ...     n*dims u16  coordinates, point by point (x1, x2, x1, x2, ...), each quantised
//                       as q = round((v - lo) / (hi - lo) * 65535)
//   ...     n u8        classification: the class index of each point, < classes
//           n u16       regression: each value, quantised like the coordinates
//
// Decoding gives v = lo + (hi - lo) * q / 65535 (rounded to float32): every value is within
// (hi - lo) / 131070 of the original (9.2e-5 for points spread over the [-6, 6] plane), the
// smallest and largest exactly. Per-axis ranges rather than a fixed [-6, 6] box keep any
// data (imported CSV, a 1-D function's values) at the same relative precision, and never
// clamp a point. The encoding is then URL-safe base64 (A-Z a-z 0-9 - _) without padding:
// 5 bytes (about 7 characters) per classified 2-D point.
import type { Dataset } from '../../core/types.js';

/** The format version encodePoints writes and decodePoints reads. */
export const HASH_DATA_VERSION = 1;
/** Most points a hash may carry. */
export const MAX_HASH_POINTS = 2000;
/** Most classes a hash may carry (labels 0..5). */
export const MAX_HASH_CLASSES = 6;

const HEADER_BYTES = 6;
const LEVELS = 65535;
// The longest valid encoding (2000 regression points in 2-D): anything longer is refused
// before it is decoded, so a hostile hash cannot make us allocate much.
const MAX_BYTES = HEADER_BYTES + 3 * 8 + MAX_HASH_POINTS * (2 * 2 + 2);
const MAX_CHARS = Math.ceil((MAX_BYTES * 4) / 3);

/** The one error encodePoints and decodePoints throw: the points cannot be (de)coded. */
export class HashDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HashDataError';
  }
}

// ---- base64url ------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const left = bytes.length - i;
    out += ALPHABET[b0 >> 2]! + ALPHABET[((b0 & 3) << 4) | (b1 >> 4)]!;
    if (left > 1) out += ALPHABET[((b1 & 15) << 2) | (b2 >> 6)]!;
    if (left > 2) out += ALPHABET[b2 & 63]!;
  }
  return out;
}

function fromBase64Url(s: string): Uint8Array {
  if (s.length % 4 === 1) throw new HashDataError(`points: bad base64 (length ${s.length} is impossible)`);
  const bytes = new Uint8Array(Math.floor((s.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) {
      throw new HashDataError(`points: bad base64 (character ${JSON.stringify(s[i])} at ${i}; allowed A-Z a-z 0-9 - _)`);
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw new HashDataError('points: bad base64 (stray bits at the end)');
  return bytes;
}

// ---- encode ---------------------------------------------------------------------------

function range(values: ArrayLike<number>, start: number, stride: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = start; i < values.length; i += stride) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

function quantise(v: number, lo: number, hi: number): number {
  return hi > lo ? Math.round(((v - lo) / (hi - lo)) * LEVELS) : 0;
}

/**
 * Encodes points for the URL hash (format above): URL-safe base64, no padding. Accepts 2-D
 * classification (2..6 classes) and 1-D or 2-D regression, up to 2000 points with finite
 * float32 values. Throws a HashDataError for anything else (too many points, a label that
 * is not a class index, NaN...). Coordinates and values come back from decodePoints within
 * (max - min) / 131070 of the original, per axis.
 */
export function encodePoints(data: Dataset): string {
  const { problem, dims, classes, x, y, size } = data;
  if (dims !== 1 && dims !== 2) throw new HashDataError(`points: dims must be 1 or 2, got ${String(dims)}`);
  if (problem !== 'classification' && problem !== 'regression') {
    throw new HashDataError(`points: problem must be "classification" or "regression", got ${String(problem)}`);
  }
  const regression = problem === 'regression';
  if (!regression && dims === 1) throw new HashDataError('points: 1-D data must be regression');
  if (regression ? classes !== 0 : !(Number.isInteger(classes) && classes >= 2 && classes <= MAX_HASH_CLASSES)) {
    throw new HashDataError(
      regression ? `points: classes must be 0 for regression, got ${classes}` : `points: classes must be 2..${MAX_HASH_CLASSES}, got ${classes}`,
    );
  }
  if (!Number.isInteger(size) || size < 0 || x.length !== size * dims || y.length !== size) {
    throw new HashDataError(`points: sizes disagree (size ${size}, x has ${x.length} values for ${dims} dims, y has ${y.length})`);
  }
  if (size > MAX_HASH_POINTS) throw new HashDataError(`points: too many points for a link (${size}, max ${MAX_HASH_POINTS})`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(Math.fround(x[i]!))) throw new HashDataError(`points: x[${i}] is ${x[i]}, not a finite float32`);
  }
  for (let i = 0; i < size; i++) {
    const v = y[i]!;
    if (regression ? !Number.isFinite(Math.fround(v)) : !(Number.isInteger(v) && v >= 0 && v < classes)) {
      throw new HashDataError(
        regression ? `points: y[${i}] is ${v}, not a finite float32` : `points: y[${i}] = ${v} is not a class index in [0, ${classes})`,
      );
    }
  }

  const axes = dims + (regression ? 1 : 0);
  const bytes = new Uint8Array(HEADER_BYTES + axes * 8 + size * dims * 2 + size * (regression ? 2 : 1));
  const view = new DataView(bytes.buffer);
  view.setUint8(0, HASH_DATA_VERSION);
  view.setUint8(1, dims);
  view.setUint8(2, regression ? 1 : 0);
  view.setUint8(3, classes);
  view.setUint16(4, size, true);
  let o = HEADER_BYTES;
  const ranges: [number, number][] = [];
  for (let a = 0; a < dims; a++) ranges.push(range(x, a, dims).map(Math.fround) as [number, number]);
  if (regression) ranges.push(range(y, 0, 1).map(Math.fround) as [number, number]);
  for (const [lo, hi] of ranges) {
    view.setFloat32(o, lo, true);
    view.setFloat32(o + 4, hi, true);
    o += 8;
  }
  for (let i = 0; i < size * dims; i++, o += 2) {
    const [lo, hi] = ranges[i % dims]!;
    view.setUint16(o, quantise(Math.fround(x[i]!), lo, hi), true);
  }
  for (let i = 0; i < size; i++) {
    if (regression) {
      const [lo, hi] = ranges[dims]!;
      view.setUint16(o, quantise(Math.fround(y[i]!), lo, hi), true);
      o += 2;
    } else {
      view.setUint8(o++, y[i]!);
    }
  }
  return toBase64Url(bytes);
}

// ---- decode ---------------------------------------------------------------------------

/**
 * Decodes a string written by encodePoints into a Dataset (float32 coordinates within the
 * quantisation step of the originals). Every check a hostile string could fail throws a
 * HashDataError with a readable message and nothing else: not a string, too long, bad
 * base64, unknown version, bad dims/problem/classes, more than 2000 points, truncated or
 * trailing bytes, non-finite or inverted ranges, labels out of range. Runs in time linear
 * in the (capped) input length.
 */
export function decodePoints(s: string): Dataset {
  if (typeof s !== 'string') throw new HashDataError(`points: expected a string, got ${typeof s}`);
  if (s.length > MAX_CHARS) throw new HashDataError(`points: too long (${s.length} characters, max ${MAX_CHARS})`);
  const bytes = fromBase64Url(s);
  if (bytes.length < HEADER_BYTES) throw new HashDataError(`points: truncated (${bytes.length} bytes, the header alone is ${HEADER_BYTES})`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== HASH_DATA_VERSION) {
    throw new HashDataError(`points: unsupported format version ${version} (this build reads version ${HASH_DATA_VERSION})`);
  }
  const dims = view.getUint8(1);
  if (dims !== 1 && dims !== 2) throw new HashDataError(`points: dims must be 1 or 2, got ${dims}`);
  const problemByte = view.getUint8(2);
  if (problemByte > 1) throw new HashDataError(`points: problem must be 0 (classification) or 1 (regression), got ${problemByte}`);
  const regression = problemByte === 1;
  if (!regression && dims === 1) throw new HashDataError('points: 1-D data must be regression');
  const classes = view.getUint8(3);
  if (regression ? classes !== 0 : classes < 2 || classes > MAX_HASH_CLASSES) {
    throw new HashDataError(
      regression ? `points: classes must be 0 for regression, got ${classes}` : `points: classes must be 2..${MAX_HASH_CLASSES}, got ${classes}`,
    );
  }
  const size = view.getUint16(4, true);
  if (size > MAX_HASH_POINTS) throw new HashDataError(`points: too many points (${size}, max ${MAX_HASH_POINTS})`);
  const axes = dims + (regression ? 1 : 0);
  const expected = HEADER_BYTES + axes * 8 + size * dims * 2 + size * (regression ? 2 : 1);
  if (bytes.length < expected) throw new HashDataError(`points: truncated (${bytes.length} bytes, ${size} points need ${expected})`);
  if (bytes.length > expected) throw new HashDataError(`points: ${bytes.length - expected} unexpected bytes after the ${size} points`);

  let o = HEADER_BYTES;
  const ranges: [number, number][] = [];
  const axisNames = dims === 1 ? ['x', 'y'] : ['x1', 'x2', 'y'];
  for (let a = 0; a < axes; a++, o += 8) {
    const lo = view.getFloat32(o, true);
    const hi = view.getFloat32(o + 4, true);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo <= hi)) {
      throw new HashDataError(`points: the range of ${axisNames[a]} [${lo}, ${hi}] is not a finite interval`);
    }
    ranges.push([lo, hi]);
  }
  const dequantise = (q: number, [lo, hi]: [number, number]): number => {
    const v = Math.fround(lo + ((hi - lo) * q) / LEVELS);
    // lo <= v <= hi up to rounding; clamping keeps a hostile range from producing ±Infinity.
    return Math.min(hi, Math.max(lo, v));
  };
  const x = new Float32Array(size * dims);
  for (let i = 0; i < size * dims; i++, o += 2) x[i] = dequantise(view.getUint16(o, true), ranges[i % dims]!);
  const y = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    if (regression) {
      y[i] = dequantise(view.getUint16(o, true), ranges[dims]!);
      o += 2;
    } else {
      const label = view.getUint8(o++);
      if (label >= classes) throw new HashDataError(`points: point ${i} has label ${label}, but there are ${classes} classes`);
      y[i] = label;
    }
  }
  return { problem: regression ? 'regression' : 'classification', dims, classes, x, y, size };
}
