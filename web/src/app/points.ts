// Point sets as the playground handles them (pure functions, no DOM).
import type { Dataset } from '../core/types.js';

/** The points of `a` followed by those of `b` (e.g. train then test); the rest is a's. */
export function concatPoints(a: Dataset, b: Dataset): Dataset {
  const x = new Float32Array(a.x.length + b.x.length);
  x.set(a.x);
  x.set(b.x, a.x.length);
  const y = new Float32Array(a.y.length + b.y.length);
  y.set(a.y);
  y.set(b.y, a.y.length);
  return { ...a, x, y, size: a.size + b.size };
}
