// The training-history scrubber's side of the element: which recorded epoch is shown (none:
// the live network), the views evaluated there (the worker's viewAt, a tick that trains
// nothing at a snapshot's state), the replay from epoch 0 to now, and "Continue from here"
// (the worker's branch). Scrubbing never changes the live network: the painter and the
// readouts take `viewing` instead of the latest snapshot while one is shown, and playing
// or stepping returns to live first.
import type { Snapshot, TickRequest } from '../worker/protocol.js';
import type { ScrubState } from './host.js';
import type { WorkerSession } from './session.js';

export interface ScrubContext {
  readonly session: WorkerSession;
  /** Snapshots the live network's history holds (the latest tick's count). */
  readonly recorded: number;
  /** A tick request for the views as they are now (null: nothing to evaluate yet). */
  request(): TickRequest | null;
  /** Training stops (a scrub while playing pauses it). */
  pause(): void;
  /** What is shown changed: paint it, re-render the template and the readouts. */
  shown(): void;
  /** A branch dropped the history after `epoch`: the chart's later points go, the live view is evaluated again. */
  branched(epoch: number): void;
  readonly reducedMotion: boolean;
  /** Something failed (a branch whose state no longer fits, a worker gone): the notice. */
  failed(e: unknown): void;
}

/** Stops per replay with less motion, and the least time each is held. */
const REDUCED_STOPS = 6;
const REDUCED_HOLD_MS = 600;
/** A replay lasts about this many frames. */
const REPLAY_FRAMES = 120;

export class HistoryScrub implements ScrubState {
  #cx: ScrubContext;
  #index: number | null = null;
  #viewing: Snapshot | null = null;
  /** Increments on every change of what is shown: an older answer is dropped. */
  #token = 0;
  #replay = 0;

  constructor(cx: ScrubContext) {
    this.#cx = cx;
  }

  get count(): number {
    return this.#cx.recorded;
  }

  get index(): number | null {
    return this.#index;
  }

  get epoch(): number | null {
    return this.#viewing?.epoch ?? null;
  }

  get replaying(): boolean {
    return this.#replay !== 0;
  }

  /** The snapshot the views show instead of the live one (null: live). */
  get viewing(): Snapshot | null {
    return this.#index === null ? null : this.#viewing;
  }

  /** Shows position k of the slider (`count` or more: live). */
  show(k: number): Promise<void> {
    this.#stopReplay();
    return this.#show(k);
  }

  async #show(k: number): Promise<void> {
    if (k >= this.count || k < 0) return this.live();
    const token = ++this.#token;
    this.#cx.pause();
    this.#index = k;
    this.#cx.shown();
    await this.#evaluate(token);
  }

  /** Evaluates the shown snapshot again (a view setting changed, a frame asked for it). */
  async tick(): Promise<boolean> {
    if (this.#index === null) return false;
    return this.#evaluate(this.#token);
  }

  async #evaluate(token: number): Promise<boolean> {
    const k = this.#index;
    const req = this.#cx.request();
    if (k === null || !req) return false;
    let snap: Snapshot | null;
    try {
      snap = await this.#cx.session.viewAt(k, req);
    } catch (e) {
      if (token === this.#token) this.live();
      this.#cx.failed(e);
      return false;
    }
    if (!snap || token !== this.#token) return false;
    this.#viewing = snap;
    this.#cx.shown();
    return true;
  }

  /** Back to the live network (Play and Step do this first). */
  live(): void {
    this.#stopReplay();
    if (this.#index === null) return;
    this.#token++;
    this.#index = null;
    this.#viewing = null;
    this.#cx.shown();
  }

  /** A new network: its history starts afresh (nothing shown from the old one). */
  reset(): void {
    this.live();
  }

  /** Animates the views from epoch 0 to now, then returns to live. */
  replay(): void {
    this.#stopReplay();
    const count = this.count;
    if (count === 0) return;
    const id = ++this.#replay;
    const stride = this.#cx.reducedMotion ? Math.max(1, Math.ceil(count / REDUCED_STOPS)) : Math.max(1, Math.ceil(count / REPLAY_FRAMES));
    const hold = this.#cx.reducedMotion ? REDUCED_HOLD_MS : 0;
    this.#cx.shown();
    void (async () => {
      for (let k = 0; k < count && this.#replay === id; k += stride) {
        const t0 = performance.now();
        await this.#show(k);
        await nextFrame();
        while (this.#replay === id && performance.now() - t0 < hold) await nextFrame();
      }
      if (this.#replay === id) this.live();
    })();
  }

  #stopReplay(): void {
    if (this.#replay === 0) return;
    this.#replay = 0;
    this.#cx.shown();
  }

  /** "Continue from here": the live network becomes the shown snapshot's state, later history dropped. */
  async continueHere(): Promise<void> {
    const k = this.#index;
    if (k === null) return;
    this.#stopReplay();
    const epoch = this.#viewing?.epoch;
    try {
      const info = await this.#cx.session.branch(k);
      this.#token++;
      this.#index = null;
      this.#viewing = null;
      this.#cx.branched(epoch ?? info.snapshots[info.snapshots.length - 1]?.epoch ?? 0);
      this.#cx.shown();
    } catch (e) {
      this.#cx.failed(e);
    }
  }
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
