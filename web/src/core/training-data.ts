// TrainingData: a network's inputs and targets resident in wasm memory (network.prepare,
// core.createTrainingData), and making one from network-ready arrays.
import { type Context, disposeSymbol } from './context.js';
import { MlpError } from './errors.js';
import type { RawTrainingData } from './raw.js';
import { type FloatInput, rows, sameRows } from './validate.js';

/**
 * A network's inputs and targets kept in wasm memory, so that training an epoch copies
 * nothing. Make one with `network.prepare(dataset, features)` or `core.createTrainingData`.
 */
export class TrainingData {
  #raw: RawTrainingData | null;
  readonly #ctx: Context;
  /** Samples. */
  readonly size: number;
  readonly inputs: number;
  readonly outputs: number;

  /** @internal */
  constructor(ctx: Context, raw: RawTrainingData) {
    this.#ctx = ctx;
    this.#raw = raw;
    this.size = raw.size();
    this.inputs = raw.inputs();
    this.outputs = raw.outputs();
    ctx.track(this, raw);
  }

  /** @internal */
  get raw(): RawTrainingData {
    if (!this.#raw) throw new MlpError('TrainingData has been disposed; prepare the data again', 'data');
    return this.#raw;
  }

  get disposed(): boolean {
    return this.#raw === null;
  }

  /** Frees the wasm memory. Further use throws. Calling it twice is harmless. */
  dispose(): void {
    if (this.#raw) this.#ctx.release(this, this.#raw);
    this.#raw = null;
  }

  [disposeSymbol](): void {
    this.dispose();
  }
}

/** TrainingData from network-ready arrays: x n × inputs, y n × outputs (rows checked). */
export function trainingDataFromArrays(ctx: Context, x: FloatInput, y: FloatInput, inputs: number, outputs: number): TrainingData {
  const n = rows(x, 'x', inputs);
  sameRows(n, rows(y, 'y', outputs), 'x', 'y');
  // The core refuses data over its budget; checked here too, before the copy into wasm memory.
  const bytes = 4 * n * (inputs + outputs);
  if (bytes > ctx.catalog.budget.data)
    throw new MlpError(`x: ${n} samples of ${inputs} inputs and ${outputs} outputs need ${(bytes / 2 ** 20).toFixed(1)} MiB, over the data budget of ${ctx.catalog.budget.data / 2 ** 20} MiB`, 'x');
  return new TrainingData(ctx, ctx.call(() =>
    ctx.withArrays([x, y], (xa, ya) => ctx.mod.TrainingData.fromArrays(xa, ya, n, inputs, outputs)),
  ));
}
