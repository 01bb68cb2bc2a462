// The digits experiments' arithmetic, apart from any network: the fixed pixel permutation
// of "Structure is a prior" and the fast gradient sign perturbation of "Fooling the
// network" (x' = clip(x + ε·sign(∂L/∂x), 0, 1), the gradient from the core).
import { generator, shuffle } from '../../core/random.js';

/** One fixed random order of `pixels` pixels (the same for a seed, on every engine). */
export function pixelPermutation(pixels: number, seed: number): Int32Array {
  return Int32Array.from(shuffle(Array.from({ length: pixels }, (_, i) => i), generator(seed)));
}

/** Every image of `x` (rows of `perm.length` values) with its pixels reordered: out[j] = in[perm[j]]. */
export function permuteImages(x: Float32Array, perm: Int32Array): Float32Array {
  const d = perm.length;
  if (x.length % d) throw new Error(`permuteImages: ${x.length} values are not whole images of ${d}`);
  const out = new Float32Array(x.length);
  for (let base = 0; base < x.length; base += d) for (let j = 0; j < d; j++) out[base + j] = x[base + perm[j]!]!;
  return out;
}

/** The FGSM image: each pixel moved by ε in the direction that raises the loss, kept in [0, 1]. */
export function fgsm(x: Float32Array, gradient: Float32Array, epsilon: number): Float32Array {
  if (x.length !== gradient.length) throw new Error(`fgsm: ${x.length} pixels but ${gradient.length} gradient values`);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const g = gradient[i]!;
    out[i] = Math.min(1, Math.max(0, x[i]! + epsilon * (g > 0 ? 1 : g < 0 ? -1 : 0)));
  }
  return out;
}

/**
 * The smallest ε of `epsilons` (ascending) whose FGSM image `classify` answers with
 * another class than `label`, with that image and answer; null when none flips it.
 */
export function smallestFlip(
  x: Float32Array,
  gradient: Float32Array,
  label: number,
  epsilons: readonly number[],
  classify: (image: Float32Array) => number,
): { epsilon: number; image: Float32Array; answer: number } | null {
  for (const epsilon of epsilons) {
    const image = fgsm(x, gradient, epsilon);
    const answer = classify(image);
    if (answer !== label) return { epsilon, image, answer };
  }
  return null;
}
