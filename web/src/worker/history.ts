// The training history a worker keeps while it trains: the loss curve and the gradient flow
// of every epoch, and snapshots of the whole training state (net.saveState(): parameters,
// optimizer slots, counters, generator) on a schedule that bounds memory. Every epoch is
// kept at first; when the snapshots (or the curve's points) exceed their budget, the stride
// doubles and those off it are dropped, so a long run keeps an evenly thinned record.
// Pure bookkeeping on bytes the core produced: no core calls here (trainer.ts makes them).

/** Budgets of one history (HISTORY_LIMITS unless a test asks for others). */
export interface HistoryLimits {
  /** Most snapshots kept. */
  maxSnapshots: number;
  /** Most bytes of snapshot state kept (the largest UI network with Adam: ~118 KB each). */
  maxBytes: number;
  /** Most points of the loss curve kept. */
  maxCurve: number;
}

export const HISTORY_LIMITS: HistoryLimits = { maxSnapshots: 300, maxBytes: 20 * 1024 * 1024, maxCurve: 4096 };

/** What the trainer hands over after each epoch. */
export interface EpochRecord {
  /** Epochs completed (1 after the first). */
  epoch: number;
  /** Training steps completed. */
  steps: number;
  /** The epoch's mean minibatch training loss (EpochResult.loss). */
  trainLoss: number;
  /** Per layer: the epoch's mean minibatch ‖∂L/∂W‖ and ‖ΔW‖/‖W‖ of its last update (EpochResult.flow). */
  gradNorm: Float32Array;
  updateRatio: Float32Array;
}

/** One kept snapshot (its state bytes stay in the worker). */
export interface SnapshotEntry {
  epoch: number;
  steps: number;
  /** The loss of the epoch that ended here (NaN for epoch 0, before any training). */
  trainLoss: number;
  state: Uint8Array;
}

/**
 * The loss curve as columns, one entry per kept epoch, oldest first. `testLoss` is the
 * loss the trainer evaluated at the end of a tick (NaN at the epochs in between: evaluating
 * the test set every epoch would cost more than the recording's 5 % budget).
 */
export interface Curve {
  epochs: Float64Array;
  trainLoss: Float32Array;
  testLoss: Float32Array;
  /** epochs.length × layers, row-major: each kept epoch's gradNorm / updateRatio per layer. */
  gradNorm: Float32Array;
  updateRatio: Float32Array;
  layers: number;
}

/** The curve's columns, filled in place (no allocation per epoch), `length` entries used. */
class Columns {
  length = 0;
  readonly epochs: Float64Array;
  readonly trainLoss: Float32Array;
  readonly testLoss: Float32Array;
  readonly gradNorm: Float32Array;
  readonly updateRatio: Float32Array;

  constructor(readonly capacity: number, readonly layers: number) {
    this.epochs = new Float64Array(capacity);
    this.trainLoss = new Float32Array(capacity);
    this.testLoss = new Float32Array(capacity);
    this.gradNorm = new Float32Array(capacity * layers);
    this.updateRatio = new Float32Array(capacity * layers);
  }

  push(r: EpochRecord): void {
    const i = this.length++, L = this.layers;
    this.epochs[i] = r.epoch;
    this.trainLoss[i] = r.trainLoss;
    this.testLoss[i] = NaN;
    // A loop, not set(subarray): no view object per epoch.
    for (let l = 0; l < L; l++) {
      this.gradNorm[i * L + l] = r.gradNorm[l]!;
      this.updateRatio[i * L + l] = r.updateRatio[l]!;
    }
  }

  /** Keeps the entries whose epoch passes, in order. */
  keep(pass: (epoch: number) => boolean): void {
    let j = 0;
    const L = this.layers;
    for (let i = 0; i < this.length; i++) {
      if (!pass(this.epochs[i]!)) continue;
      if (i !== j) {
        this.epochs[j] = this.epochs[i]!;
        this.trainLoss[j] = this.trainLoss[i]!;
        this.testLoss[j] = this.testLoss[i]!;
        this.gradNorm.copyWithin(j * L, i * L, (i + 1) * L);
        this.updateRatio.copyWithin(j * L, i * L, (i + 1) * L);
      }
      j++;
    }
    this.length = j;
  }

  copy(): Curve {
    const n = this.length, L = this.layers;
    return {
      epochs: this.epochs.slice(0, n), trainLoss: this.trainLoss.slice(0, n), testLoss: this.testLoss.slice(0, n),
      gradNorm: this.gradNorm.slice(0, n * L), updateRatio: this.updateRatio.slice(0, n * L), layers: L,
    };
  }
}

export class TrainingHistory {
  readonly limits: HistoryLimits;
  #snapshots: SnapshotEntry[] = [];
  // Created at the first record (the layer count comes with it); one entry spare for the push before a thinning.
  #points: Columns | null = null;
  #ghost: Curve | null = null;
  #snapshotEvery = 1;
  #curveEvery = 1;
  #bytes = 0;

  constructor(limits: HistoryLimits = HISTORY_LIMITS) {
    this.limits = limits;
  }

  /** Snapshots kept, oldest first (state bytes included: worker side only). */
  get snapshots(): readonly SnapshotEntry[] {
    return this.#snapshots;
  }

  /** Bytes of state kept. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Epochs between kept snapshots (1, 2, 4, ...). */
  get snapshotEvery(): number {
    return this.#snapshotEvery;
  }

  /** The previous run's curve (kept by reset), or null. */
  get ghost(): Curve | null {
    return this.#ghost;
  }

  /** The snapshots a state of `size` bytes allows: the count limit, or the bytes' (at least 2). */
  capacity(size: number): number {
    return Math.max(2, Math.min(this.limits.maxSnapshots, Math.floor(this.limits.maxBytes / Math.max(1, size))));
  }

  /** The state before any training (epoch 0): always kept, every stride divides 0. */
  start(steps: number, state: Uint8Array): void {
    this.#keep({ epoch: 0, steps, trainLoss: NaN, state });
  }

  /**
   * Records an epoch. `state` is called only when this epoch's snapshot is due, so epochs
   * off the stride cost no copy of the state.
   */
  record(r: EpochRecord, state: () => Uint8Array): void {
    if (r.epoch % this.#curveEvery === 0) {
      const c = (this.#points ??= new Columns(this.limits.maxCurve + 1, r.gradNorm.length));
      c.push(r);
      if (c.length > this.limits.maxCurve) {
        const every = (this.#curveEvery *= 2);
        c.keep((epoch) => epoch % every === 0);
      }
    }
    if (r.epoch % this.#snapshotEvery === 0) this.#keep({ epoch: r.epoch, steps: r.steps, trainLoss: r.trainLoss, state: state() });
  }

  /** The test loss the trainer evaluated after `epoch` (set on that epoch's point, if kept). */
  evaluated(epoch: number, testLoss: number): void {
    const c = this.#points;
    if (c && c.length > 0 && c.epochs[c.length - 1] === epoch) c.testLoss[c.length - 1] = testLoss;
  }

  #keep(s: SnapshotEntry): void {
    const last = this.#snapshots[this.#snapshots.length - 1];
    if (last && last.epoch === s.epoch) this.#drop(this.#snapshots.length - 1);  // the same epoch again: the newer state
    this.#snapshots.push(s);
    this.#bytes += s.state.byteLength;
    while (this.#snapshots.length > this.capacity(s.state.byteLength)) {
      this.#snapshotEvery *= 2;
      const every = this.#snapshotEvery;
      this.#snapshots = this.#snapshots.filter((e) => e.epoch % every === 0);
      this.#bytes = this.#snapshots.reduce((sum, e) => sum + e.state.byteLength, 0);
    }
  }

  #drop(i: number): void {
    this.#bytes -= this.#snapshots[i]!.state.byteLength;
    this.#snapshots.splice(i, 1);
  }

  /** Snapshot k (0 = the oldest kept). Throws a RangeError naming k and the count. */
  snapshot(k: number): SnapshotEntry {
    if (!Number.isInteger(k) || k < 0 || k >= this.#snapshots.length)
      throw new RangeError(`snapshot: must be an integer in [0, ${this.#snapshots.length - 1}], got ${k}`);
    return this.#snapshots[k]!;
  }

  /**
   * "Continue from here": snapshot k becomes the last one, later snapshots and curve points
   * are dropped (the strides stay, so the thinning goes on as before). Returns snapshot k,
   * whose state the trainer restores.
   */
  branch(k: number): SnapshotEntry {
    const s = this.snapshot(k);
    for (let i = this.#snapshots.length - 1; i > k; i--) this.#drop(i);
    this.#points?.keep((epoch) => epoch <= s.epoch);
    return s;
  }

  /** A new run: this run's curve becomes the ghost (if it has any point), the rest is cleared. */
  reset(): void {
    if (this.#points && this.#points.length > 0) this.#ghost = this.curve();
    this.#snapshots = [];
    this.#points = null;
    this.#bytes = 0;
    this.#snapshotEvery = 1;
    this.#curveEvery = 1;
  }

  /** The curve as fresh columns (transferable). */
  curve(): Curve {
    return (this.#points ?? new Columns(0, 0)).copy();
  }
}
