// One element's training worker as the controller uses it: starts it (the core loads
// there), builds networks (a newer build makes an older answer stale), and passes ticks,
// edits and exports through. It keeps what was built, so the snapshots can be matched to
// their network. Policy (notices, playing, what a change implies) is the controller's.
import type { OnnxOptions, PyTorchOptions } from '../core/index.js';
import type { Dataset } from '../core/types.js';
import type { Built, FeatureRequest, GridPlanes, Hyper, Setup, Snapshot, Started, TickRequest } from '../worker/protocol.js';
import { TrainerClient } from './client.js';

export class WorkerSession {
  #client: TrainerClient | null = null;
  #ready = false;
  #token = 0;
  #built: Built | null = null;
  #setup: Setup | null = null;

  /** The worker has loaded the core. */
  get ready(): boolean {
    return this.#ready;
  }

  /** What the worker built last (its data and layer sizes), or null. */
  get built(): Built | null {
    return this.#built;
  }

  /** The setup the current network was built from: the one the snapshots belong to. */
  get setup(): Setup | null {
    return this.#setup;
  }

  /** A new worker; resolves with the core's vocabulary, or null if disposed meanwhile. */
  async start(onError: (message: string) => void): Promise<Started | null> {
    const client = new TrainerClient();
    this.#client = client;
    client.onError(onError);
    const started = await client.api.init({});
    if (this.#client !== client) return null;
    this.#ready = true;
    return started;
  }

  /** Frees the worker (its network, data and whole wasm memory). */
  dispose(): void {
    void this.#client?.dispose();
    this.#client = null;
    this.#ready = false;
    this.#built = null;
  }

  /** No network (custom data with too few points): nothing to tick. */
  clear(): void {
    this.#built = null;
  }

  #need(): TrainerClient['api'] {
    if (!this.#client || !this.#built) throw new Error('mlp-playground: no network yet (wait for the first update event)');
    return this.#client.api;
  }

  /** Builds data and network; null when a newer build (or a dispose) overtook it. */
  async build(setup: Setup, keepWeights: boolean): Promise<Built | null> {
    const client = this.#client;
    if (!client || !this.#ready) return null;
    const token = ++this.#token;
    const built = await client.api.configure(setup, keepWeights);
    if (token !== this.#token || this.#client !== client) return null;
    this.#setup = setup;
    this.#built = built;
    return built;
  }

  /** Replaces the network by an imported one (all or nothing: an error keeps everything). */
  async importNetwork(setup: Setup, json: string): Promise<Built | null> {
    const client = this.#client;
    if (!client) return null;
    const built = await client.api.importNetwork(setup, json);
    this.#token++;
    this.#setup = setup;
    this.#built = built;
    return built;
  }

  setHyper(h: Hyper): Promise<void> {
    return this.#client?.api.setHyper(h) ?? Promise.resolve();
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

  /** The core's features over a grid; null before the worker is ready (or if disposed meanwhile). */
  async featurePlanes(r: FeatureRequest): Promise<GridPlanes | null> {
    const client = this.#client;
    if (!client || !this.#ready) return null;
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
