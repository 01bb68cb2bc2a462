// Residual ("skip") connections of the hidden layers as the settings hold them: the 1-based
// numbers of the hidden layers that add their input to their output, h_l = h_{l−1} +
// σ(W_l h_{l−1} + b_l) (the core's `{ units, activation, residual: true }`). A skip needs a
// layer as wide as its input: hidden layer l ≥ 2 with as many units as layer l − 1. Pure.

export type SkipProblem = 'first' | 'width';

/** Why hidden layer `layer` (1-based) cannot have a skip, or null when it can. */
export function skipProblem(hidden: readonly number[], layer: number): SkipProblem | null {
  if (layer < 2 || layer > hidden.length) return 'first';
  return hidden[layer - 1] === hidden[layer - 2] ? null : 'width';
}

/** The skips that still fit `hidden` (after its widths or depth changed), in order, once each. */
export function fitSkips(hidden: readonly number[], skips: readonly number[]): number[] {
  return [...new Set(skips)].filter((l) => skipProblem(hidden, l) === null).sort((a, b) => a - b);
}

/** `skips` with `layer` switched on or off. */
export function toggleSkip(skips: readonly number[], layer: number): number[] {
  return skips.includes(layer) ? skips.filter((l) => l !== layer) : [...skips, layer].sort((a, b) => a - b);
}
