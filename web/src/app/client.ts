// The element's side of its training worker: creates the worker (one per element),
// terminates it on dispose, and turns a PlaygroundState into what the worker builds
// (Setup) and what it may change live (Hyper).
import * as Comlink from 'comlink';
import type { NetworkConfig } from '../core/types.js';
import type { Hyper, Setup, TrainerApi } from '../worker/protocol.js';
import { outputLayer } from './catalog.js';
import { type PlaygroundState, shapeOf } from './state.js';

export class TrainerClient {
  readonly api: Comlink.Remote<TrainerApi>;
  #worker: Worker;

  constructor() {
    this.#worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'mlp-playground trainer' });
    this.api = Comlink.wrap<TrainerApi>(this.#worker);
  }

  onError(fn: (message: string) => void): void {
    this.#worker.addEventListener('error', (e) => fn(e.message || 'the training worker failed to start'));
  }

  /**
   * Asks the worker to free its network and data, then terminates it (which frees its
   * whole wasm memory). A worker that does not answer within a moment is terminated anyway.
   */
  async dispose(): Promise<void> {
    try {
      await Promise.race([this.api.dispose(), new Promise((r) => setTimeout(r, 300))]);
    } catch {
      // Nothing to free, or the worker already failed: terminate it all the same.
    } finally {
      this.api[Comlink.releaseProxy]();
      this.#worker.terminate();
    }
  }
}

export function networkConfig(s: PlaygroundState): NetworkConfig {
  const out = outputLayer(shapeOf(s), s.loss);
  return {
    inputs: s.features.length,
    layers: [...s.hidden.map((units, i) => ({ units, activation: s.activations[i] ?? 'tanh' })), out],
    loss: s.loss,
    optimizer: { type: s.optimizer, learningRate: s.learningRate },
    regularization: { type: s.regularization, rate: s.regRate },
    init: s.init,
    seed: s.seed,
  };
}

export function setupOf(s: PlaygroundState): Setup {
  const data: Setup['data'] =
    s.dataset === 'custom' && s.data
      ? { kind: 'custom', points: s.data, trainRatio: s.trainPercent / 100, seed: s.dataSeed }
      : {
          kind: 'generated',
          spec: { name: s.dataset, samples: s.samples, noise: s.noise / 100, classes: s.classes, trainRatio: s.trainPercent / 100, seed: s.dataSeed },
        };
  return { data, features: [...s.features], network: networkConfig(s), batchSize: s.batchSize };
}

export function hyperOf(s: PlaygroundState): Hyper {
  return {
    optimizer: { type: s.optimizer, learningRate: s.learningRate },
    regularization: { type: s.regularization, rate: s.regRate },
    batchSize: s.batchSize,
  };
}

/** Which worker call a change of settings needs. */
export type ChangeKind = 'view' | 'hyper' | 'data' | 'rebuild';

/** Compares two states: a live hyper-parameter change, a rebuild, or only the view. */
export function changeKind(a: PlaygroundState, b: PlaygroundState): ChangeKind {
  const sa = setupOf(a), sb = setupOf(b);
  const net = (c: NetworkConfig): string => JSON.stringify({ ...c, optimizer: undefined, regularization: undefined });
  if (net(sa.network) !== net(sb.network) || sa.features.join() !== sb.features.join()) return 'rebuild';
  if (JSON.stringify({ ...sa.data, points: undefined }) !== JSON.stringify({ ...sb.data, points: undefined })) return 'rebuild';
  if (a.data !== b.data) return 'data';
  if (JSON.stringify(hyperOf(a)) !== JSON.stringify(hyperOf(b))) return 'hyper';
  return 'view';
}
