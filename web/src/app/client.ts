// The element's side of its training worker: creates the worker (one per element) and
// terminates it on dispose. The calls themselves are the worker's API (worker/protocol.ts).
import * as Comlink from 'comlink';
import type { TrainerApi } from '../worker/protocol.js';

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
