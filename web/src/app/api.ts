// The public face of <mlp-playground>: what a page may read from it (a snapshot of the
// trained network and its data), the details of the events it fires, and the interface
// of the element itself. Types only; shipped as dist/lib/element.d.ts.
import type { Dataset, DenseLayerConfig, Feature, Loss, Parameters } from '../core/types.js';

/** Where the view looks: the plane (or, for 1-D data, the x interval and the y range). */
export interface PlaygroundDomain {
  xRange: [number, number];
  yRange: [number, number];
}

/** The network a snapshot belongs to (the one that was built, not the settings being edited). */
export interface PlaygroundNetwork {
  /** Input features, in input order. */
  features: Feature[];
  /** Dense layers: the hidden layers, then the output layer. */
  layers: DenseLayerConfig[];
  loss: Loss;
}

/** The state of an instance after its latest training tick (`element.snapshot`, `update` event). */
export interface PlaygroundSnapshot {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  /** NaN for regression, or when there is no test data. */
  trainAccuracy: number;
  testAccuracy: number;
  diverged: boolean;
  network: PlaygroundNetwork;
  /** Copies of the weights and biases (PyTorch layout: weight l is [units_l, units_{l-1}]). */
  parameters: Parameters;
  train: Dataset;
  test: Dataset;
  /** What the main view shows. */
  domain: PlaygroundDomain;
  /** The settings in the URL-hash format (the `config` attribute's format). */
  hash: string;
  /** Compare mode: the other networks (`compare`), in order, at the same epoch; empty otherwise. */
  compare: EpochDetail[];
}

export interface EpochDetail {
  epoch: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
}

export interface ChangeDetail {
  /** Every setting, in the URL-hash format. */
  hash: string;
}

export interface DivergedDetail {
  epoch: number;
}

/** Events of <mlp-playground> (use with addEventListener). */
export interface MlpPlaygroundEventMap extends HTMLElementEventMap {
  /** The first network of a worker is built (after it loaded, or after a Restart): methods act at once. */
  ready: Event;
  /** A setting changed through the element's controls. */
  change: CustomEvent<ChangeDetail>;
  /** The epoch counter changed (training, Step, Reset, a rebuild). */
  epoch: CustomEvent<EpochDetail>;
  /** The loss became infinite or NaN; training paused. */
  diverged: CustomEvent<DivergedDetail>;
  /** A new snapshot arrived (at most once per display frame while training). */
  update: CustomEvent<PlaygroundSnapshot>;
  /**
   * What the views show changed (`detail` is `shownSnapshot`): each new snapshot while live,
   * and each epoch the training-history scrubber moves to or back from.
   */
  shown: CustomEvent<PlaygroundSnapshot>;
}

export type PlaygroundView = 'boundary' | 'boundary+network' | 'full';

/** The <mlp-playground> element. */
export interface MlpPlaygroundElement extends HTMLElement {
  /** Every setting in the URL-hash format; setting it applies them (invalid fields fall back, with a notice). */
  config: string;
  /** Parts to hide: any of header, data, network, hyper, chart, export, draw (comma or space separated). */
  hide: string;
  view: PlaygroundView;
  /** Start training as soon as the network is built. */
  autoplay: boolean;
  /** The latest snapshot, or null before the first one. */
  readonly snapshot: PlaygroundSnapshot | null;
  /**
   * What the element's views show: while the training-history scrubber shows a recorded
   * epoch, that epoch's snapshot (its parameters; `compare` empty); else `snapshot`. A page's
   * own views of the network follow the scrubber by drawing this on the `shown` event.
   */
  readonly shownSnapshot: PlaygroundSnapshot | null;
  /** Whether it is training. */
  readonly playing: boolean;
  // The methods may be called at any time, also before the element is connected: until a
  // network is built (and while one is being rebuilt) they wait, in call order. On an element
  // removed from the page the promises reject with an Error (pause() does nothing); so do
  // those waiting or in flight when the training worker stops.
  /** Resolves once a network is built and no build is in flight; rejects if none can be (the build failed, the worker stopped, the element was removed). */
  whenReady(): Promise<void>;
  /** Starts training; resolves once it has started, rejects with an Error if the network cannot be built (like HTMLMediaElement.play()). */
  play(): Promise<void>;
  pause(): void;
  /** Trains exactly one epoch; resolves when it is done (the snapshot after it is in). */
  step(): Promise<void>;
  /** New initial weights from the seed, epoch 0; resolves when the new network is built. */
  reset(): Promise<void>;
  /** Sets one weight of dense layer `layer` (0-based, PyTorch layout [unit, input]); rejects with the reason if out of range. */
  setWeight(layer: number, unit: number, input: number, value: number): Promise<void>;
  /** Sets one bias of dense layer `layer` (0-based, the output layer last); rejects with the reason if out of range. */
  setBias(layer: number, unit: number, value: number): Promise<void>;
  addEventListener<K extends keyof MlpPlaygroundEventMap>(type: K, listener: (this: MlpPlaygroundElement, ev: MlpPlaygroundEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof MlpPlaygroundEventMap>(type: K, listener: (this: MlpPlaygroundElement, ev: MlpPlaygroundEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The element's class (`customElements.get('mlp-playground')`). */
export interface MlpPlaygroundConstructor {
  new (): MlpPlaygroundElement;
  readonly prototype: MlpPlaygroundElement;
}

declare global {
  interface HTMLElementTagNameMap {
    'mlp-playground': MlpPlaygroundElement;
  }
}
