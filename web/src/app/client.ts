// The element's side of its training worker: creates the worker (one per element), notices
// when it dies, and terminates it on dispose. The calls themselves are the worker's API
// (worker/protocol.ts), passed through so that none outlives the worker: once it is gone
// every pending and later call rejects with a WorkerStoppedError.
//
// How a death is seen: a worker that terminates, closes itself or crashes (out of memory)
// fires nothing on this side, so the worker holds a Web Lock (its lifeline) from init on and
// this side asks for the same lock — granted only when the worker's hold ends with it. An
// `error` event (an uncaught error, a failed load) and a wasm trap in a call (the core's
// state is unknown after one) count as deaths too; the worker is then terminated.
import * as Comlink from 'comlink';
import type { Started, TrainerApi } from '../worker/protocol.js';

/** A call that could not complete because the training worker stopped (or was disposed). */
export class WorkerStoppedError extends Error {
  override name = 'WorkerStoppedError';
}

/** An error that means the worker's core can no longer be trusted (a wasm trap or abort). */
export function isFault(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e.name === 'RuntimeError' || /\bAborted\(|program has already aborted/.test(e.message);
}

/**
 * Calls that all reject at once when the worker stops. Each call keeps its own rejecter
 * only until it settles — not a race with one long-lived "gone" promise, which would keep
 * a reaction (and the call's closure) for every call ever made: about 30 a second while
 * training, a page heap growing 250 KiB a minute.
 */
export class PendingCalls {
  #rejecters = new Set<(e: Error) => void>();

  /** Calls not yet settled. */
  get size(): number {
    return this.#rejecters.size;
  }

  /**
   * `call`'s outcome, unless `rejectAll` comes first. A rejection that `isFault` recognises
   * is handed to `fault`, whose error the call rejects with instead.
   */
  run<T>(call: Promise<T>, fault: (e: Error) => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const settle = (e: unknown): void => {
        if (this.#rejecters.delete(settle)) reject(e);
      };
      this.#rejecters.add(settle);
      call.then(
        (v) => {
          if (this.#rejecters.delete(settle)) resolve(v);
        },
        (e: unknown) => settle(isFault(e) ? fault(e as Error) : e),
      );
    });
  }

  /** Rejects every call in flight with `error`. */
  rejectAll(error: Error): void {
    for (const reject of [...this.#rejecters]) reject(error);
  }
}

let lifelines = 0;

/** The first core's .wasm, being fetched by the site's page (offerCoreBytes); the first trainer takes it. */
let offered: Promise<ArrayBuffer | undefined> | null = null;

/**
 * The site's page (main.ts) starts fetching the worker's first core (the lite .wasm) while
 * the element and its worker script load; the first trainer's init hands the bytes to its
 * worker, which then does not fetch them itself. Not used by the package's element.
 */
export function offerCoreBytes(bytes: Promise<ArrayBuffer | undefined>): void {
  offered = bytes.catch(() => undefined);
}

export class TrainerClient {
  readonly api: Comlink.Remote<TrainerApi>;
  #remote: Comlink.Remote<TrainerApi>;
  #worker: Worker;
  #stopped: Error | null = null;
  /** The calls in flight: the worker's death rejects them all. */
  #pending = new PendingCalls();
  #onStop: ((reason: string) => void) | null = null;
  #lifeline = new AbortController();

  constructor() {
    this.#worker = new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'mlp-playground trainer' });
    this.#remote = Comlink.wrap<TrainerApi>(this.#worker);
    this.#worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.#stop(e.message || 'the training worker failed');
    });
    // Every method of the remote, raced against the worker's death (and a trap ends it).
    this.api = new Proxy(this.#remote, {
      get: (target, prop) => {
        const method = (target as unknown as Record<PropertyKey, unknown>)[prop];
        if (typeof prop !== 'string' || typeof method !== 'function') return method;
        return (...args: unknown[]) => this.#call(() => (method as (...a: unknown[]) => Promise<unknown>)(...args));
      },
    });
  }

  /** Whether the worker stopped (died, or was disposed). */
  get stopped(): boolean {
    return this.#stopped !== null;
  }

  /** Called once if the worker dies (not when it is disposed), with what is known of why. */
  onStop(fn: (reason: string) => void): void {
    this.#onStop = fn;
  }

  /** Loads the core in the worker and starts watching it through its lifeline. */
  async init(): Promise<Started> {
    const lock = typeof navigator !== 'undefined' && navigator.locks ? `mlp-playground-trainer-${Date.now()}-${++lifelines}-${Math.random().toString(36).slice(2)}` : undefined;
    // The site's page script offers the bytes in its own body, which runs after the element's
    // module (whose definition of the element may start this trainer): in the same job, so a
    // microtask later they are there.
    await null;
    const bytes = offered;
    offered = null;
    const wasm = bytes ? await bytes : undefined;
    const options = { lifeline: lock, ...(wasm ? { wasm } : {}) };
    const started = await this.api.init(wasm ? Comlink.transfer(options, [wasm]) : options);
    if (lock && !this.#stopped) {
      // Granted once the worker's hold on it ends: the worker is gone.
      navigator.locks.request(lock, { signal: this.#lifeline.signal }, () => this.#stop('closed, crashed or out of memory')).catch(() => {});
    }
    return started;
  }

  #call<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    return this.#pending.run(fn(), (e) => {
      this.#stop(`${e.name}: ${e.message}`);
      return this.#stopped!;
    });
  }

  /** The worker died: terminate what is left of it and reject every call. */
  #stop(reason: string): void {
    if (this.#stopped) return;
    this.#end(new WorkerStoppedError(`mlp-playground: the training worker stopped (${reason})`));
    this.#onStop?.(reason);
  }

  #end(error: WorkerStoppedError): void {
    this.#stopped = error;
    this.#lifeline.abort();
    this.#pending.rejectAll(error);
    this.#remote[Comlink.releaseProxy]();
    this.#worker.terminate();
  }

  /**
   * Asks the worker to free its network and data, then terminates it (which frees its
   * whole wasm memory). A worker that does not answer within a moment is terminated anyway.
   */
  async dispose(): Promise<void> {
    if (this.#stopped) return;
    this.#onStop = null;
    try {
      await Promise.race([this.#remote.dispose(), new Promise((r) => setTimeout(r, 300))]);
    } catch {
      // Nothing to free, or the worker already failed: terminate it all the same.
    } finally {
      if (!this.#stopped) this.#end(new WorkerStoppedError('mlp-playground: the element was removed from the page'));
    }
  }
}
