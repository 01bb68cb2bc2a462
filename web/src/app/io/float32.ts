// Decimal text for float32 values: the shortest string that reads back (decimal -> double
// -> float32, as JavaScript's Number() + Math.fround and Python's float() + a float32
// tensor do) to exactly the same float32. Shared by the CSV and PyTorch exporters.

/**
 * The shortest decimal form of `Math.fround(v)` that round-trips through float32
 * (`Math.fround(Number(s)) === Math.fround(v)`), e.g. 0.1f -> "0.1" rather than
 * "0.10000000149011612". Keeps the sign of -0. Uses exponent notation the way
 * `String(number)` does ("1e-7", "1.5e+21"), which both JavaScript and Python parse.
 * Throws a RangeError for NaN and ±Infinity, which have no portable decimal form.
 */
export function formatFloat32(v: number): string {
  const f = Math.fround(v);
  if (!Number.isFinite(f)) throw new RangeError(`${v} is not a finite float32 value`);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // 9 significant digits always suffice for float32; most values need far fewer.
  for (let p = 1; p < 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return String(d);
  }
  return String(Number(f.toPrecision(9)));
}
