// Lesson 11's measurements, from the core: the gradient's size in each layer of a deep
// network on its training data (layerStats), and a deep network trained with and without
// skips on the same data, epoch by epoch, so the page can draw both curves as they come.
import type { Dataset, MlpCore, Network, Parameters, TrainingData } from '../core/index.js';
import { type LessonNetwork, networkOf, type TrainOptions } from './descent.js';

/** ‖∂L/∂W‖ of each layer (the output layer last) of the mean loss over `data`. */
export function gradientNorms(net: Network, data: TrainingData): number[] {
  return net.layerStats(data).map((s) => s.gradNorm);
}

/** log₁₀ of last ÷ first: how many orders of magnitude the gradient loses on its way back. */
export function ordersLost(norms: readonly number[]): number {
  return Math.log10(norms.at(-1)! / norms[0]!);
}

/** The gradient norms per layer of a playground's network (its snapshot's shape, parameters and training data). */
export function playgroundNorms(mlp: MlpCore, shape: LessonNetwork, params: Parameters, train: Dataset): number[] {
  const net = networkOf(mlp, shape, { learningRate: 0 }, params);
  const data = net.prepare(train, [...shape.features]);
  try {
    return gradientNorms(net, data);
  } finally {
    data.dispose();
    net.dispose();
  }
}

export interface EpochLoss {
  epoch: number;
  train: number;
  test: number;
}

/** A network trained a few epochs at a time (SGD, minibatches of `batchSize`), keeping its loss curve. */
export class DepthRun {
  readonly curve: EpochLoss[] = [];
  /** The gradient norms per layer at the start. */
  readonly initialNorms: number[];
  readonly #net: Network;
  readonly #train: TrainingData;
  readonly #test: TrainingData;
  readonly #batchSize: number;

  constructor(mlp: MlpCore, shape: LessonNetwork, o: TrainOptions & { batchSize: number }, train: Dataset, test: Dataset) {
    this.#net = networkOf(mlp, shape, o);
    this.#train = this.#net.prepare(train, [...shape.features]);
    this.#test = this.#net.prepare(test, [...shape.features]);
    this.#batchSize = o.batchSize;
    this.initialNorms = gradientNorms(this.#net, this.#train);
    this.#record(0);
  }

  get epoch(): number {
    return this.curve.at(-1)!.epoch;
  }

  /** Trains `epochs` more, recording the losses after each. */
  advance(epochs: number): void {
    for (let i = 0; i < epochs; i++) {
      const r = this.#net.trainEpoch(this.#train, { batchSize: this.#batchSize, epochs: 1 });
      if (r.diverged) break;
      this.#record(this.epoch + 1);
    }
  }

  /** The gradient norms per layer now. */
  norms(): number[] {
    return gradientNorms(this.#net, this.#train);
  }

  dispose(): void {
    this.#train.dispose();
    this.#test.dispose();
    this.#net.dispose();
  }

  #record(epoch: number): void {
    this.curve.push({ epoch, train: this.#net.evaluate(this.#train).loss, test: this.#net.evaluate(this.#test).loss });
  }
}
