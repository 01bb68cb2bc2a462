// What the digits mode reports of a classifier: predictions from its probabilities, the
// 10×10 confusion matrix (rows: the true digit, columns: the network's answer), and the
// accuracy of each class and overall.

/** The class of highest probability for each of the `n` rows of `probs` (n × classes). */
export function argmaxRows(probs: Float32Array, classes: number): Int32Array {
  const n = Math.floor(probs.length / classes);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[i * classes + c]! > probs[i * classes + best]!) best = c;
    out[i] = best;
  }
  return out;
}

export interface Confusion {
  classes: number;
  /** counts[t * classes + p]: digits of true class t answered as p. */
  counts: Int32Array;
  /** Per true class: the share answered right (NaN for a class with no digits). */
  perClass: number[];
  /** The share of all digits answered right. */
  overall: number;
}

export function confusion(labels: ArrayLike<number>, predicted: ArrayLike<number>, classes = 10): Confusion {
  if (labels.length !== predicted.length) throw new Error(`confusion: ${labels.length} labels but ${predicted.length} predictions`);
  const counts = new Int32Array(classes * classes);
  for (let i = 0; i < labels.length; i++) counts[labels[i]! * classes + predicted[i]!]!++;
  const perClass: number[] = [];
  let right = 0;
  for (let t = 0; t < classes; t++) {
    let row = 0;
    for (let p = 0; p < classes; p++) row += counts[t * classes + p]!;
    const diag = counts[t * classes + t]!;
    right += diag;
    perClass.push(row ? diag / row : NaN);
  }
  return { classes, counts, perClass, overall: labels.length ? right / labels.length : NaN };
}

/** The indices of the digits in a cell of the matrix: true class `t` answered as `p`. */
export function cellMembers(labels: ArrayLike<number>, predicted: ArrayLike<number>, t: number, p: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] === t && predicted[i] === p) out.push(i);
  return out;
}
