// The options of Network's training calls (network.ts re-exports them): trainEpoch's,
// endEpoch's, and the data the introspection calls read.
import type { FloatInput } from './validate.js';
import type { TrainingData } from './training-data.js';

export interface TrainOptions {
  /** Minibatch size (the last batch of an epoch may be smaller). Default 10. */
  batchSize?: number;
  /** Epochs to run in this call (stops early on divergence or a stopping rule). Default 1. */
  epochs?: number;
  /**
   * Test data for early stopping (config.stopping.patience): its loss is evaluated after
   * each epoch. Without it the patience rule does not apply.
   */
  test?: TrainingData | { x: FloatInput; y: FloatInput };
  /** Also return the last epoch's gradient flow per layer (`flow`). Default false. */
  flow?: boolean;
  /** false: the samples in order, as the exported PyTorch script's --no-shuffle. Default true. */
  shuffle?: boolean;
  /**
   * true: `data` is a part of an epoch (the playground trains 8,000 digits a slice of 1,000
   * at a time). One pass over it is trained as one epoch would be, but no epoch completes:
   * `epochs`, the learning-rate schedule and the stopping rules wait for endEpoch(), called
   * once every part of the epoch is trained. The result's `epochs` is 0; `epochs` and
   * `test` are refused with it. Default false.
   */
  part?: boolean;
}

/** endEpoch's options. */
export interface EndEpochOptions {
  /** The epoch's mean training loss (its parts' losses weighted by their steps' samples), for the train-loss rule. */
  loss: number;
  /** Test data for early stopping, as trainEpoch's `test`. */
  test?: TrainingData | { x: FloatInput; y: FloatInput };
}

/** Data the introspection calls read: resident TrainingData or `{ x, y }` arrays. */
export type SampleData = TrainingData | { x: FloatInput; y: FloatInput };

/** A neural network living in wasm memory. Call `dispose()` when done. */
