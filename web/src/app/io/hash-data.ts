// STAND-IN until helper/io lands (take theirs on merge): user points in the URL hash with
// the agreed signatures. Here simply JSON in URL-safe base64; decodePoints checks everything.
import type { Dataset } from '../../core/types.js';

export const MAX_HASH_POINTS = 2000;

export class HashDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HashDataError';
  }
}

export function encodePoints(data: Dataset): string {
  if (data.size > MAX_HASH_POINTS) throw new HashDataError(`too many points for a link (${data.size} > ${MAX_HASH_POINTS})`);
  const json = JSON.stringify([data.problem === 'regression' ? 1 : 0, data.dims, data.classes,
    Array.from(data.x, (v) => Math.round(v * 1000) / 1000), Array.from(data.y, (v) => Math.round(v * 1000) / 1000)]);
  return btoa(json).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodePoints(s: string): Dataset {
  if (typeof s !== 'string' || s.length > 200_000 || !/^[A-Za-z0-9_-]*$/.test(s)) throw new HashDataError('points: not URL-safe base64');
  let v: unknown;
  try {
    v = JSON.parse(atob(s.replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    throw new HashDataError('points: cannot be decoded');
  }
  if (!Array.isArray(v) || v.length !== 5) throw new HashDataError('points: malformed');
  const [p, dims, classes, x, y] = v as unknown[];
  const nums = (a: unknown): a is number[] => Array.isArray(a) && a.every((n) => typeof n === 'number' && Number.isFinite(n));
  if ((p !== 0 && p !== 1) || (dims !== 1 && dims !== 2) || typeof classes !== 'number' || !nums(x) || !nums(y))
    throw new HashDataError('points: malformed');
  if (y.length > MAX_HASH_POINTS || x.length !== y.length * dims) throw new HashDataError('points: malformed');
  if (p === 0 && !(Number.isInteger(classes) && classes >= 2 && classes <= 6 && y.every((l) => Number.isInteger(l) && l >= 0 && l < classes)))
    throw new HashDataError('points: bad labels');
  return { problem: p === 1 ? 'regression' : 'classification', dims, classes: p === 1 ? 0 : classes, x: Float32Array.from(x), y: Float32Array.from(y), size: y.length };
}
