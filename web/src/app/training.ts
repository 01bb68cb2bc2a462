// The run of one element: playing, pausing and stepping, the ticks that train and evaluate,
// and what each snapshot brings (the chart and readouts, the stop epoch, divergence, the
// `epoch`, `update` and `diverged` events, the public snapshot). In compare mode every tick
// trains all networks in lockstep (compare/mode.ts) and a snapshot brings all of theirs. The controller owns one and
// hands it what it reads through RunContext.
import type { Built, Snapshot, TickRequest, UnitRef } from '../worker/protocol.js';
import type { PlaygroundSnapshot } from './api.js';
import type { CompareMode } from './compare/mode.js';
import type { FrameScheduler } from './frames.js';
import type { Messages } from '../i18n/messages.js';
import type { Notice } from './host.js';
import type { ProblemShape } from './problem.js';
import type { Domain } from './scales.js';
import type { WorkerSession } from './session.js';
import type { PlaygroundState } from './settings.js';
import { WorkerStoppedError } from './client.js';
import { THUMBS_EVERY_MS, thumbsThrottled } from './painter.js';
import { epochDetail, publicSnapshot, tickRequest } from './snapshots.js';
import { failureNotice } from './failure.js';
import { HistoryScrub } from './history.js';
import type { Views } from './views.js';

export interface RunContext {
  readonly session: WorkerSession;
  readonly frames: FrameScheduler;
  readonly views: Views | null;
  readonly compare: CompareMode;
  readonly state: PlaygroundState;
  readonly shape: ProblemShape;
  readonly domain: Domain;
  readonly focus: UnitRef | null;
  /** The settings as last written (the public snapshot's `hash`). */
  readonly hash: string;
  /** The UI's text in the element's language. */
  readonly m: Messages;
  notify(n: Notice): void;
  dismiss(id: string): void;
  /** Playing started or stopped (the template shows it). */
  playingChanged(): void;
  dispatch(type: 'epoch' | 'update' | 'diverged' | 'shown', detail: unknown): void;
}

export class TrainingRun {
  #cx: RunContext;
  #playing = false;
  #stepsQueued = 0;
  /** Playing pauses when the epoch reaches state.stopEpoch (armed by play() below it). */
  #stopArmed = false;
  #snap: Snapshot | null = null;
  #public: PlaygroundSnapshot | null = null;
  /** The public copy of the recorded snapshot the scrubber shows (made once per snapshot). */
  #viewed: { from: Snapshot; pub: PlaygroundSnapshot | null } | null = null;
  /** The snapshot the last `shown` event announced. */
  #announced: Snapshot | null = null;
  #lastEpochEvent = -1;
  /** step() calls whose tick has not come back yet, oldest first. */
  #stepWaiters: { resolve(): void; reject(e: unknown): void }[] = [];
  /** When a tick last asked for thumbnails (performance.now()). */
  #thumbsAsked = -Infinity;
  /** The training-history scrubber: a recorded epoch shown in every view instead of the live network. */
  readonly history: HistoryScrub;

  constructor(cx: RunContext) {
    this.#cx = cx;
    const run = this;
    this.history = new HistoryScrub({
      session: cx.session,
      get recorded() { return run.#snap?.snapshots ?? 0; },
      request: () => {
        const views = cx.views;
        if (!views || !cx.session.built) return null;
        return tickRequest({ train: 'none', state: cx.state, shape: cx.shape, domain: cx.domain, pixels: views.mainPixels(), focus: cx.focus, playing: false, thumbs: true });
      },
      pause: () => this.setPlaying(false),
      shown: () => {
        cx.views?.chart?.setMarker(this.history.viewing?.epoch ?? null);
        cx.playingChanged();  // the template and the readouts
        cx.frames.repaint();
        this.#announce();
      },
      branched: (epoch) => {
        cx.views?.chart?.truncate(epoch);
        this.#lastEpochEvent = -1;
        cx.frames.refresh();
      },
      get reducedMotion() { return globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false; },
      failed: (e) => cx.notify(failureNotice('history', 'notice.historyFailed', e)),
    });
  }

  /** What the views show: the recorded snapshot being looked at, else the latest. */
  get shown(): Snapshot | null {
    return this.history.viewing ?? this.#snap;
  }

  /** The public snapshot of what the views show: the scrubbed epoch's, else the latest (`element.shownSnapshot`). */
  get shownPublic(): PlaygroundSnapshot | null {
    const viewing = this.history.viewing;
    if (!viewing) return this.#public;
    const cx = this.#cx;
    if (this.#viewed?.from !== viewing) this.#viewed = { from: viewing, pub: publicSnapshot(viewing, [], cx.session.setup, cx.session.built, cx.domain, cx.hash) };
    return this.#viewed.pub;
  }

  /** The `shown` event, once per change of the snapshot the views show. */
  #announce(): void {
    const shown = this.shown;
    if (shown === this.#announced) return;
    this.#announced = shown;
    const pub = this.shownPublic;
    if (pub) this.#cx.dispatch('shown', pub);
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
    this.history.live();  // playing goes on from the latest state, never from the epoch shown
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

  /** Queues one epoch; resolves when its tick is back (the snapshot taken). */
  step(): Promise<void> {
    this.history.live();
    this.pause();
    this.#cx.dismiss('diverged');
    this.#stepsQueued++;
    this.#cx.frames.kick();
    return new Promise((resolve, reject) => this.#stepWaiters.push({ resolve, reject }));
  }

  /** Queued steps that will not run (divergence, no network): done, or failed with `error`. */
  #endSteps(error?: Error): void {
    this.#stepsQueued = 0;
    const waiters = this.#stepWaiters;
    this.#stepWaiters = [];
    for (const w of waiters) error ? w.reject(error) : w.resolve();
  }

  /** A network was built (or imported): a new one starts its chart and events afresh. */
  adopt(built: Built): void {
    if (!built.kept) {
      this.history.reset();
      this.#cx.views?.chart?.clear();  // this run's training loss stays as the faint ghost
      this.#lastEpochEvent = -1;
      this.#public = null;
      // A new network starts below any stop epoch: autoplay-to-stop applies again.
      if (this.#playing) this.#stopArmed = this.#cx.state.stopEpoch > 0;
    }
    this.#snap = null;
  }

  /** No network (or the element left the page, or its worker died): queued steps reject. */
  clear(why: Error): void {
    this.#snap = null;
    this.#public = null;
    this.#playing = false;
    this.#endSteps(why);
  }

  /** The worker died: training stops; the last snapshot stays (a restart starts from it). */
  stopped(why: Error): void {
    this.setPlaying(false);
    this.#endSteps(why);
  }

  /** One tick; true when its snapshot was taken. */
  async tick(): Promise<boolean> {
    const cx = this.#cx;
    const views = cx.views;
    if (!cx.session.built || !views) return false;
    if (this.history.index !== null && !this.training) return this.history.tick();
    const train: TickRequest['train'] = this.#stepsQueued > 0 ? 'step' : this.#playing ? 'play' : 'none';
    const stop = cx.state.stopEpoch;
    const waiter = train === 'step' ? (this.#stepsQueued--, this.#stepWaiters.shift()) : undefined;
    // A large network's thumbnails are redrawn ~10 times a second while playing: the worker
    // evaluates and sends them only that often (a hovered unit of 1-D data is drawn from them).
    const t = performance.now();
    const thumbs = !this.#playing || !thumbsThrottled(cx.state) || (cx.focus !== null && cx.shape.dims === 1) || t - this.#thumbsAsked >= THUMBS_EVERY_MS;
    if (thumbs) this.#thumbsAsked = t;
    const req = cx.compare.lockstep(tickRequest({
      train, state: cx.state, shape: cx.shape, domain: cx.domain, pixels: views.mainPixels(), focus: cx.focus,
      playing: this.#playing, thumbs, until: train === 'play' && this.#stopArmed && stop > 0 ? stop : undefined,
    }));
    try {
      const [snap, more] = await Promise.all([cx.session.tick(req), cx.compare.tick(req)]);
      if (snap && more) {
        cx.compare.measured([snap, ...more]);
        this.#take(snap, more);
      }
      waiter?.resolve();
      return snap !== null && more !== null;
    } catch (e) {
      waiter?.reject(e);
      this.setPlaying(false);
      // A dead worker has its own notice (with Restart).
      if (!(e instanceof WorkerStoppedError)) cx.notify(failureNotice('tick', 'notice.tickFailed', e));
      return false;
    }
  }

  /** A tick's snapshot, and those of compare mode's other networks (same epoch). */
  #take(snap: Snapshot, more: readonly Snapshot[]): void {
    const cx = this.#cx;
    const prev = this.#snap;
    this.#snap = snap;
    if (!prev || snap.epochsRun > 0 || snap.epoch !== prev.epoch) cx.views?.chart?.push(snap.epoch, snap.trainLoss, snap.testLoss, more);
    this.readouts();
    const stop = cx.state.stopEpoch;
    if (this.#playing && this.#stopArmed && stop > 0 && snap.epoch >= stop) {
      this.#stopArmed = false;
      this.setPlaying(false);
      cx.frames.refresh();  // one full-resolution frame of the result
    }
    this.#public = publicSnapshot(snap, more, cx.session.setup, cx.session.built, cx.domain, cx.hash);
    if (snap.epoch !== this.#lastEpochEvent) {
      this.#lastEpochEvent = snap.epoch;
      cx.dispatch('epoch', epochDetail(snap));
    }
    if (this.#public) cx.dispatch('update', this.#public);
    this.#announce();  // while the scrubber shows a recorded epoch, a live tick changes nothing shown
    // A stopping rule ended training: playing stops, and the notice says which rule and when.
    if (snap.stopped && !prev?.stopped) {
      const reason = snap.stopped;
      this.setPlaying(false);
      this.#endSteps();
      cx.notify({ id: 'stopped', kind: 'info', text: (m) => m.t(reason === 'patience' ? 'notice.stoppedPatience' : 'notice.stoppedLoss', { epoch: m.int(snap.epoch) }) });
    } else if (!snap.stopped && prev?.stopped) cx.dismiss('stopped');
    // One network diverging stops them all (lockstep: none may run ahead).
    const which = [snap, ...more].findIndex((s) => s.diverged);
    if (which >= 0 && (this.#playing || snap.epochsRun > 0 || !prev?.diverged)) {
      const wasPlaying = this.#playing;
      const lr = cx.state.learningRate;
      this.setPlaying(false);
      this.#endSteps();
      cx.notify({
        id: 'diverged',
        kind: 'error',
        text: (m) => (more.length > 0 ? `${m.t('compare.network', { n: m.int(which + 1) })}: ` : '') + m.t('notice.diverged', { epoch: m.int(snap.epoch), paused: wasPlaying, lr: String(lr) }),
      });
      cx.dispatch('diverged', { epoch: snap.epoch });
    }
  }

  /** The per-frame text of the latest snapshot (the epoch, losses, accuracies, the rate). */
  readouts(): void {
    const classification = this.#cx.shape.problem === 'classification';
    const shown = this.shown;
    if (shown) this.#cx.views?.readouts(shown, classification, this.#playing, this.#cx.m, this.history.viewing !== null);
    this.#cx.compare.readouts(this.#snap, classification, this.#cx.m);
  }
}
