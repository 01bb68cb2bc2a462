// The draw pad's digit made to look like an MNIST digit: MNIST scaled each digit's ink to
// fit a 20×20 box (keeping its aspect ratio, anti-aliased) and placed it on 28×28 so that
// its centre of mass sits at the centre. A network trained on MNIST reads a drawing well
// only after the same steps.

/** The side of an MNIST image, and of the box its ink is scaled into. */
export const SIDE = 28;
export const BOX = 20;
/** Ink below this (of 1) does not count towards the bounding box: anti-aliasing fringes. */
const INK = 0.05;

/** A grey image, row-major, values in [0, 1] (1 = ink). */
export interface Grey {
  width: number;
  height: number;
  data: Float32Array;
}

/** The ink of canvas pixels drawn in an opaque colour on a transparent canvas: their alpha. */
export function inkOf(rgba: Uint8ClampedArray, width: number, height: number): Grey {
  const data = new Float32Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i + 3]! / 255;
  return { width, height, data };
}

/**
 * Area weights that resample `length` source cells onto `to` cells: w[o][i] = the part of
 * source cell i inside output cell o, over the output cell's length (a uniform image stays
 * uniform). In the box's own coordinates, so the same ink gives the same digit wherever it is.
 */
function areaWeights(length: number, to: number): Float64Array[] {
  const cell = length / to;
  const out: Float64Array[] = [];
  for (let o = 0; o < to; o++) {
    const lo = o * cell;
    const hi = lo + cell;
    const w = new Float64Array(length);
    for (let i = Math.floor(lo); i < Math.min(length, Math.ceil(hi)); i++) w[i] = (Math.min(hi, i + 1) - Math.max(lo, i)) / cell;
    out.push(w);
  }
  return out;
}

/**
 * 28×28 values in [0, 1] (row-major, as the digits asset's images), or null when nothing
 * is drawn. The ink's bounding box is scaled so that its longer side is 20 pixels, then
 * shifted so that its centre of mass lands on pixel (14, 14), as MNIST was made.
 */
export function toMnist(img: Grey): Float32Array | null {
  const { width, height, data } = img;
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (data[y * width + x]! > INK) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  // The box's longer side becomes 20 pixels; the shorter one keeps the aspect ratio.
  const scale = BOX / Math.max(bw, bh);
  const ow = Math.max(1, Math.round(bw * scale));
  const oh = Math.max(1, Math.round(bh * scale));
  const wx = areaWeights(bw, ow);
  const wy = areaWeights(bh, oh);
  // small[oh][ow] = Wy · box · Wxᵀ, done as two passes (rows, then columns).
  const rows = new Float64Array(bh * ow);
  for (let y = 0; y < bh; y++)
    for (let o = 0; o < ow; o++) {
      const w = wx[o]!;
      let s = 0;
      for (let i = 0; i < w.length; i++) if (w[i]) s += w[i]! * data[(y0 + y) * width + x0 + i]!;
      rows[y * ow + o] = s;
    }
  const small = new Float64Array(oh * ow);
  for (let o = 0; o < oh; o++) {
    const w = wy[o]!;
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < w.length; i++) if (w[i]) s += w[i]! * rows[i * ow + x]!;
      small[o * ow + x] = Math.min(1, s);
    }
  }
  // Centre of mass in pixel indices: MNIST put it on pixel (14, 14) (its images' mean is 14.0).
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const v = small[y * ow + x]!;
      mass += v;
      mx += v * x;
      my += v * y;
    }
  const dx = Math.round(SIDE / 2 - mx / mass);
  const dy = Math.round(SIDE / 2 - my / mass);
  const out = new Float32Array(SIDE * SIDE);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const tx = x + dx;
      const ty = y + dy;
      if (tx >= 0 && tx < SIDE && ty >= 0 && ty < SIDE) out[ty * SIDE + tx] = small[y * ow + x]!;
    }
  return out;
}

/** 28×28 → 14×14 by 2×2 means, as `loadDigits({ size: 14 })` makes its images. */
export function halve(x: Float32Array, side = SIDE): Float32Array {
  const h = side / 2;
  const out = new Float32Array(h * h);
  for (let r = 0; r < h; r++)
    for (let c = 0; c < h; c++) {
      const p = 2 * r * side + 2 * c;
      out[r * h + c] = (x[p]! + x[p + 1]! + x[p + side]! + x[p + side + 1]!) / 4;
    }
  return out;
}
