// The gate the element's methods pass: a page may call play(), step(), setWeight() ... at any
// time (before the worker has loaded its core, while a network is being built, after the
// worker died), so a call waits here, in call order, until a network is built and no build
// is in flight, and is then run; a failure (the build, the worker, the element removed)
// rejects whatever waits. Pure (no DOM, no worker), so its order is unit-tested.

export type GateState =
  | { kind: 'waiting' }
  | { kind: 'open' }
  | { kind: 'failed'; error: Error };

interface Waiting {
  run(): void;
  fail(error: Error): void;
}

export class CallGate {
  #state: GateState = { kind: 'waiting' };
  #queue: Waiting[] = [];

  get state(): GateState {
    return this.#state;
  }

  get isOpen(): boolean {
    return this.#state.kind === 'open';
  }

  /** Calls waiting to run. */
  get waiting(): number {
    return this.#queue.length;
  }

  /**
   * Runs `fn` now when the gate is open (and nothing waits before it), else once it opens;
   * rejects with the gate's error when it fails first (or has failed). The result is fn's.
   */
  run<T>(fn: () => T | PromiseLike<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Waiting = {
        run: () => {
          try {
            Promise.resolve(fn()).then(resolve, reject);
          } catch (e) {
            reject(e);
          }
        },
        fail: reject,
      };
      if (this.#state.kind === 'failed') reject(this.#state.error);
      else if (this.#state.kind === 'open' && this.#queue.length === 0) entry.run();
      else this.#queue.push(entry);
    });
  }

  /** A build (or a new worker) is under way: calls wait from now on. */
  close(): void {
    if (this.#state.kind !== 'waiting') this.#state = { kind: 'waiting' };
  }

  /**
   * A network is built: runs what waits, in order. A call that closes the gate again (reset()
   * starts a build) leaves the calls after it waiting for that build.
   */
  open(): void {
    this.#state = { kind: 'open' };
    while (this.#state.kind === 'open' && this.#queue.length > 0) this.#queue.shift()!.run();
  }

  /** Rejects what waits, and every call from now on until close() or open(). */
  fail(error: Error): void {
    this.#state = { kind: 'failed', error };
    this.reject(error);
  }

  /** Rejects what waits, leaving the state as it is (a build failed, an older network stays). */
  reject(error: Error): void {
    const queue = this.#queue;
    this.#queue = [];
    for (const w of queue) w.fail(error);
  }
}
