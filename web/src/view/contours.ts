// Contour lines of a function sampled on a grid (marching squares), for the loss landscape:
// each level's line segments in grid coordinates, the levels themselves evenly spaced in
// value or in log value. Pure maths over the numbers given; no drawing here.

/**
 * The segments of {f = level} over a w × h grid, row-major (f[y·w + x]): 4 numbers per
 * segment (x0, y0, x1, y1), x along columns 0 .. w−1 and y along rows 0 .. h−1, each end
 * linearly interpolated on a cell edge. A cell with a non-finite corner has no segment;
 * the two saddle cases are told apart by the cell's mean.
 */
export function contourSegments(f: ArrayLike<number>, w: number, h: number, level: number): number[] {
  const out: number[] = [];
  // Where the edge from (xa, ya) to (xb, yb) crosses the level (its ends straddle it).
  const cross = (xa: number, ya: number, va: number, xb: number, yb: number, vb: number): [number, number] => {
    const t = va === vb ? 0.5 : (level - va) / (vb - va);
    return [xa + t * (xb - xa), ya + t * (yb - ya)];
  };
  for (let y = 0; y + 1 < h; y++) {
    for (let x = 0; x + 1 < w; x++) {
      // Corners: a (x, y), b (x+1, y), c (x+1, y+1), d (x, y+1).
      const a = f[y * w + x]!, b = f[y * w + x + 1]!, c = f[(y + 1) * w + x + 1]!, d = f[(y + 1) * w + x]!;
      if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || !Number.isFinite(d)) continue;
      const code = (a > level ? 8 : 0) | (b > level ? 4 : 0) | (c > level ? 2 : 0) | (d > level ? 1 : 0);
      if (code === 0 || code === 15) continue;
      const top = (): [number, number] => cross(x, y, a, x + 1, y, b);
      const right = (): [number, number] => cross(x + 1, y, b, x + 1, y + 1, c);
      const bottom = (): [number, number] => cross(x, y + 1, d, x + 1, y + 1, c);
      const left = (): [number, number] => cross(x, y, a, x, y + 1, d);
      const seg = (p: [number, number], q: [number, number]): void => void out.push(p[0], p[1], q[0], q[1]);
      switch (code) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(top(), right()); break;
        case 6: case 9: seg(top(), bottom()); break;
        case 7: case 8: seg(left(), top()); break;
        case 5: case 10: {
          // Saddle: a and c on one side, b and d on the other; the mean says which pair joins.
          const high = (a + b + c + d) / 4 > level;
          if ((code === 5) === high) {
            seg(left(), top());
            seg(bottom(), right());
          } else {
            seg(top(), right());
            seg(left(), bottom());
          }
          break;
        }
      }
    }
  }
  return out;
}

/** `n` levels strictly between lo and hi, evenly spaced in value (or in log10 value, for lo > 0). */
export function contourLevels(lo: number, hi: number, n: number, log: boolean): number[] {
  if (!(hi > lo) || n < 1) return [];
  const useLog = log && lo > 0;
  const [a, b] = useLog ? [Math.log10(lo), Math.log10(hi)] : [lo, hi];
  return Array.from({ length: n }, (_, i) => {
    const v = a + ((i + 1) * (b - a)) / (n + 1);
    return useLog ? 10 ** v : v;
  });
}
