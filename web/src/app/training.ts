// The run of one element: playing, pausing and stepping, the ticks that train and evaluate,
// and what each snapshot brings (the chart and readouts, the stop epoch, divergence, the
// `epoch`, `update` and `diverged` events, the public snapshot). The controller owns one and
// hands it what it reads through RunContext.
import type { Built, Snapshot, TickRequest, UnitRef } from '../worker/protocol.js';
import type { PlaygroundSnapshot } from './api.js';
import type { FrameScheduler } from './frames.js';
import type { Notice } from './host.js';
import type { ProblemShape } from './problem.js';
import type { Domain } from './scales.js';
import type { WorkerSession } from './session.js';
import type { PlaygroundState } from './settings.js';
import { THUMBS_EVERY_MS, thumbsThrottled } from './painter.js';
import { epochDetail, publicSnapshot, tickRequest } from './snapshots.js';
import { message } from './text.js';
import type { Views } from './views.js';

export interface RunContext {
  readonly session: WorkerSession;
  readonly frames: FrameScheduler;
  readonly views: Views | null;
  readonly state: PlaygroundState;
  readonly shape: ProblemShape;
  readonly domain: Domain;
  readonly focus: UnitRef | null;
  /** The settings as last written (the public snapshot's `hash`). */
  readonly hash: string;
  notify(n: Notice): void;
  dismiss(id: string): void;
  /** Playing started or stopped (the template shows it). */
  playingChanged(): void;
  dispatch(type: 'epoch' | 'update' | 'diverged', detail: unknown): void;
}

export class TrainingRun {
  #cx: RunContext;
  #playing = false;
  #stepsQueued = 0;
  /** Playing pauses when the epoch reaches state.stopEpoch (armed by play() below it). */
  #stopArmed = false;
  #snap: Snapshot | null = null;
  #public: PlaygroundSnapshot | null = null;
  #lastEpochEvent = -1;
  /** When a tick last asked for thumbnails (performance.now()). */
  #thumbsAsked = -Infinity;

  constructor(cx: RunContext) {
    this.#cx = cx;
  }

  get playing(): boolean {
    return this.#playing;
  }

  /** The latest snapshot (its arrays are the worker's, transferred). */
  get snap(): Snapshot | null {
    return this.#snap;
  }

  /** The latest public snapshot (copies), or null. */
  get public(): PlaygroundSnapshot | null {
    return this.#public;
  }

  /** Whether the next tick trains. */
  get training(): boolean {
    return this.#playing || this.#stepsQueued > 0;
  }

  setPlaying(on: boolean): void {
    if (on === this.#playing) return;
    this.#playing = on;
    this.#cx.playingChanged();
  }

  play(): void {
    if (!this.#cx.session.built) return;
    this.#cx.dismiss('diverged');
    const stop = this.#cx.state.stopEpoch;
    this.#stopArmed = stop > 0 && (this.#snap?.epoch ?? 0) < stop;
    this.setPlaying(true);
    this.#cx.frames.kick();
  }

  pause(): void {
    this.setPlaying(false);
    this.#cx.frames.refresh();  // one full-resolution frame
  }

  step(): void {
    this.pause();
    this.#cx.dismiss('diverged');
    this.#stepsQueued++;
    this.#cx.frames.kick();
  }

  /** A network was built (or imported): a new one starts its chart and events afresh. */
  adopt(built: Built): void {
    if (!built.kept) {
      this.#cx.views?.chart?.clear();
      this.#lastEpochEvent = -1;
      this.#public = null;
      // A new network starts below any stop epoch: autoplay-to-stop applies again.
      if (this.#playing) this.#stopArmed = this.#cx.state.stopEpoch > 0;
    }
    this.#snap = null;
  }

  /** No network (or the element left the page). */
  clear(): void {
    this.#snap = null;
    this.#public = null;
    this.#playing = false;
  }

  /** One tick; true when its snapshot was taken. */
  async tick(): Promise<boolean> {
    const cx = this.#cx;
    const views = cx.views;
    if (!cx.session.built || !views) return false;
    const train: TickRequest['train'] = this.#stepsQueued > 0 ? 'step' : this.#playing ? 'play' : 'none';
    const stop = cx.state.stopEpoch;
    if (train === 'step') this.#stepsQueued--;
    // A large network's thumbnails are redrawn ~10 times a second while playing: the worker
    // evaluates and sends them only that often (a hovered unit of 1-D data is drawn from them).
    const t = performance.now();
    const thumbs = !this.#playing || !thumbsThrottled(cx.state) || (cx.focus !== null && cx.shape.dims === 1) || t - this.#thumbsAsked >= THUMBS_EVERY_MS;
    if (thumbs) this.#thumbsAsked = t;
    const req = tickRequest({
      train, state: cx.state, shape: cx.shape, domain: cx.domain, pixels: views.mainPixels(), focus: cx.focus,
      playing: this.#playing, thumbs, until: train === 'play' && this.#stopArmed && stop > 0 ? stop : undefined,
    });
    try {
      const snap = await cx.session.tick(req);
      if (!snap) return false;
      this.#take(snap);
      return true;
    } catch (e) {
      this.setPlaying(false);
      cx.notify({ id: 'tick', kind: 'error', text: `Training stopped: ${message(e)}` });
      return false;
    }
  }

  #take(snap: Snapshot): void {
    const cx = this.#cx;
    const prev = this.#snap;
    this.#snap = snap;
    if (!prev || snap.epochsRun > 0 || snap.epoch !== prev.epoch) cx.views?.chart?.push(snap.epoch, snap.trainLoss, snap.testLoss);
    this.readouts();
    const stop = cx.state.stopEpoch;
    if (this.#playing && this.#stopArmed && stop > 0 && snap.epoch >= stop) {
      this.#stopArmed = false;
      this.setPlaying(false);
      cx.frames.refresh();  // one full-resolution frame of the result
    }
    this.#public = publicSnapshot(snap, cx.session.setup, cx.session.built, cx.domain, cx.hash);
    if (snap.epoch !== this.#lastEpochEvent) {
      this.#lastEpochEvent = snap.epoch;
      cx.dispatch('epoch', epochDetail(snap));
    }
    if (this.#public) cx.dispatch('update', this.#public);
    if (snap.diverged && (this.#playing || snap.epochsRun > 0 || !prev?.diverged)) {
      const wasPlaying = this.#playing;
      this.setPlaying(false);
      this.#stepsQueued = 0;
      cx.notify({
        id: 'diverged',
        kind: 'error',
        text: `Training diverged at epoch ${snap.epoch}: the loss became infinite or NaN, so training ${wasPlaying ? 'was paused' : 'stopped'}. Lower the learning rate (now ${cx.state.learningRate}) and press Play, or press Reset.`,
      });
      cx.dispatch('diverged', { epoch: snap.epoch });
    }
  }

  /** The per-frame text of the latest snapshot (the epoch, losses, accuracies, the rate). */
  readouts(): void {
    if (this.#snap) this.#cx.views?.readouts(this.#snap, this.#cx.shape.problem === 'classification', this.#playing);
  }
}
