// One element's training worker as the controller uses it: starts it (the core loads
// there), builds networks (a newer build makes an older answer stale), and passes ticks,
// edits and exports through. It keeps what was built, so the snapshots can be matched to
// their network, and the gate the element's methods wait at (calls.ts): open while a
// network is built and no build is in flight. When the worker dies it says so (onStop)
// and every call waiting or in flight rejects. Policy (notices, playing, what a change
// implies, a restart) is the controller's.
import type { OnnxOptions, PyTorchOptions } from '../core/index.js';
import type { Dataset } from '../core/types.js';
import type { Built, FeatureRequest, GridPlanes, Hyper, Restore, Setup, Snapshot, Started, TickRequest } from '../worker/protocol.js';
import { CallGate } from './calls.js';
import { TrainerClient, WorkerStoppedError } from './client.js';
import { message } from './text.js';

/** idle: no worker (not started, or removed); stopped: the worker died. */
export type SessionPhase = 'idle' | 'starting' | 'ready' | 'stopped';

export class WorkerSession {
  #client: TrainerClient | null = null;
  #phase: SessionPhase = 'idle';
  #token = 0;
  #built: Built | null = null;
  #setup: Setup | null = null;
  #gate = new CallGate();

  /** The worker has loaded the core. */
  get ready(): boolean {
    return this.#phase === 'ready';
  }

  get phase(): SessionPhase {
    return this.#phase;
  }

  /** Where the element's methods wait for a network. */
  get gate(): CallGate {
    return this.#gate;
  }

  /** What the worker built last (its data and layer sizes), or null. */
  get built(): Built | null {
    return this.#built;
  }

  /** The setup the current network was built from: the one the snapshots belong to. */
  get setup(): Setup | null {
    return this.#setup;
  }

  /**
   * A new worker; resolves with the core's vocabulary, or null if disposed meanwhile.
   * `onStop`: the worker died (not called for a dispose), after every call was rejected.
   */
  async start(onStop: (reason: string) => void): Promise<Started | null> {
    const client = new TrainerClient();
    this.#client = client;
    this.#phase = 'starting';
    this.#gate.close();
    client.onStop((reason) => {
      if (this.#client !== client) return;
      this.#phase = 'stopped';
      this.#built = null;
      this.#gate.fail(new Error(`mlp-playground: the training worker stopped (${reason}); the element's Restart button starts it again`));
      onStop(reason);
    });
    let started: Started;
    try {
      started = await client.init();
    } catch (e) {
      // The core did not load (or the worker died while it did): as good as stopped.
      if (this.#client === client && this.#phase === 'starting') {
        this.#phase = 'stopped';
        this.#gate.fail(new Error(`mlp-playground: the training worker could not start (${message(e)})`));
        void client.dispose();
        onStop(message(e));
      }
      throw e;
    }
    if (this.#client !== client) return null;
    this.#phase = 'ready';
    return started;
  }

  /** Frees the worker (its network, data and whole wasm memory); waiting calls reject. */
  dispose(reason = 'mlp-playground: the element was removed from the page'): void {
    void this.#client?.dispose();
    this.#client = null;
    this.#phase = 'idle';
    this.#built = null;
    this.#gate.fail(new Error(reason));
  }

  /** No network (custom data with too few points): nothing to tick; calls reject with `why`. */
  clear(why: Error): void {
    this.#built = null;
    this.#gate.fail(why);
  }

  #need(): TrainerClient['api'] {
    if (!this.#client || !this.#built) throw new Error('mlp-playground: no network yet (wait for the ready event, or whenReady())');
    return this.#client.api;
  }

  /** The latest build settles the gate: open on success; on failure the calls waiting reject. */
  #settle(built: Built | null, error: unknown): void {
    if (built) return this.#gate.open();
    const e = new Error(`mlp-playground: could not build the network: ${message(error)}`);
    if (this.#built) {
      this.#gate.reject(e);
      this.#gate.open();  // the network before stays, and calls act on it
    } else this.#gate.fail(e);
  }

  /** Builds data and network; null when a newer build (or a dispose) overtook it. */
  build(setup: Setup, keepWeights: boolean, restore?: Restore): Promise<Built | null> {
    return this.#install(setup, (api) => api.configure(setup, keepWeights, restore));
  }

  /** Replaces the network by an imported one (all or nothing: an error keeps everything). */
  importNetwork(setup: Setup, json: string): Promise<Built | null> {
    return this.#install(setup, (api) => api.importNetwork(setup, json));
  }

  /** The latest build wins: it settles the gate, and what it built becomes the network. */
  async #install(setup: Setup, call: (api: TrainerClient['api']) => Promise<Built>): Promise<Built | null> {
    const client = this.#client;
    if (!client || !this.ready) return null;
    const token = ++this.#token;
    const current = (): boolean => token === this.#token && this.#client === client;
    this.#gate.close();
    let built: Built;
    try {
      built = await call(client.api);
    } catch (e) {
      if (current() && !client.stopped) this.#settle(null, e);
      throw e;
    }
    if (!current()) return null;
    this.#setup = setup;
    this.#built = built;
    this.#settle(built, null);
    return built;
  }

  /** A live change; nothing to do without a worker (the next build takes the settings). */
  async setHyper(h: Hyper): Promise<void> {
    if (!this.#client || !this.ready) return;
    try {
      await this.#client.api.setHyper(h);
    } catch (e) {
      if (!(e instanceof WorkerStoppedError)) throw e;
    }
  }

  /** One tick; null when the answer belongs to a network built before the current one. */
  async tick(req: TickRequest): Promise<Snapshot | null> {
    const client = this.#client;
    if (!client) return null;
    const snap = await client.api.tick(req);
    if (this.#client !== client || snap.version !== this.#built?.version) return null;
    return snap;
  }

  setWeight(layer: number, unit: number, input: number, value: number): Promise<void> {
    return this.#need().setWeight(layer, unit, input, value);
  }

  setBias(layer: number, unit: number, value: number): Promise<void> {
    return this.#need().setBias(layer, unit, value);
  }

  serialize(): Promise<string> {
    return this.#need().serialize();
  }

  exportPyTorch(options: PyTorchOptions): Promise<string> {
    return this.#need().exportPyTorch(options);
  }

  exportONNX(options: OnnxOptions): Promise<Uint8Array> {
    return this.#need().exportONNX(options);
  }

  /** A call on the current network (the learning panels'); null without one, or when a newer build overtook it. */
  async ask<T>(call: (api: TrainerClient['api']) => Promise<T>): Promise<T | null> {
    const client = this.#client, version = this.#built?.version;
    if (!client || !this.ready || version === undefined) return null;
    const out = await call(client.api);
    return this.#client === client && this.#built?.version === version ? out : null;
  }

  /** The core's features over a grid; null before the worker is ready (or if disposed meanwhile). */
  async featurePlanes(r: FeatureRequest): Promise<GridPlanes | null> {
    const client = this.#client;
    if (!client || !this.ready) return null;
    const g = await client.api.featurePlanes(r);
    return this.#client === client ? g : null;
  }

  /** A few points of every dataset, for the picker's pictures; null if disposed meanwhile. */
  async previews(classes: number): Promise<Record<string, Dataset> | null> {
    const client = this.#client;
    if (!client) return null;
    const p = await client.api.previews(classes);
    return this.#client === client ? p : null;
  }
}
