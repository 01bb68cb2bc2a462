// Seeded randomness for the TypeScript side of the library: one generator (mulberry32,
// integer arithmetic, the same sequence on every engine) and a Fisher-Yates shuffle.
// The digits' subsets and the digits mode's pixel permutation both draw from it.

/** Seeded 32-bit generator (mulberry32): numbers in [0, 1). */
export function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Shuffles `a` in place (Fisher-Yates) and returns it. */
export function shuffle<T>(a: T[], random: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
