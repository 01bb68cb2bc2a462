// The core's vocabulary as the element uses it: the dataset catalog, the input features and
// the names of activations, losses, optimizers, regularizations, initialisations and
// learning-rate schedules. It is
// the core's own (the worker loads the core and hands its vocabulary over on init, see
// worker/protocol.ts), so a dataset or an activation added to the C++ core shows up here
// with nothing to mirror. What is the UI's own choice (the order of the activations) is
// decided below, once.
import type { Activation, DatasetInfo, Feature, FeatureInfo, Init, Loss, OptimizerType, RegularizationType, ScheduleType } from '../core/types.js';
import type { Vocabulary } from '../worker/protocol.js';

export class Catalog {
  readonly datasets: readonly DatasetInfo[];
  /** Every input feature, in the core's (canonical input) order. */
  readonly features: readonly Feature[];
  /** The features 1-D data has (those that need x1 only). */
  readonly features1D: readonly Feature[];
  #featureInfo: ReadonlyMap<Feature, FeatureInfo>;
  /**
   * Activations a hidden layer may have, in the order the UI offers them: tanh first (the
   * TensorFlow Playground's), linear last (the no-nonlinearity baseline), the rest in the
   * core's order; softmax is the output layer's only.
   */
  readonly hiddenActivations: readonly Activation[];
  readonly losses: readonly Loss[];
  readonly optimizers: readonly OptimizerType[];
  readonly regularizations: readonly RegularizationType[];
  readonly inits: readonly Init[];
  readonly schedules: readonly ScheduleType[];

  constructor(v: Vocabulary) {
    this.datasets = v.datasets;
    this.features = v.features.map((f) => f.name);
    this.features1D = v.features.filter((f) => f.dims === 1).map((f) => f.name);
    this.#featureInfo = new Map(v.features.map((f) => [f.name, f]));
    const rest = v.activations.filter((a) => a !== 'tanh' && a !== 'linear' && a !== 'softmax');
    this.hiddenActivations = [...(v.activations.includes('tanh') ? ['tanh' as const] : []), ...rest, ...(v.activations.includes('linear') ? ['linear' as const] : [])];
    this.losses = v.losses;
    this.optimizers = v.optimizers;
    this.regularizations = v.regularizations;
    this.inits = v.inits;
    this.schedules = v.schedules;
  }

  dataset(name: string): DatasetInfo | undefined {
    return this.datasets.find((d) => d.name === name);
  }

  /** A feature in mathematical notation (x₁², sin x₂), as the core writes it. */
  featureLabel(f: Feature): string {
    return this.#featureInfo.get(f)?.label ?? f;
  }

  /** The features of data with `dims` coordinates, in canonical order. */
  featuresFor(dims: 1 | 2): readonly Feature[] {
    return dims === 1 ? this.features1D : this.features;
  }
}
