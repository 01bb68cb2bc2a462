// The life of one element's training worker: starting it (the vocabulary, the first build,
// the `ready` event, autoplay), building networks from the settings, seeing it die (training stops, waiting calls were rejected,
// a notice offers Restart) and restarting it from the last snapshot's weights and epoch.
// The controller owns one and hands it what it reads through LifeContext; the session
// (session.ts) does the worker's side.
import type { Dataset } from '../core/types.js';
import type { Built, Restore, Setup, Snapshot, Started } from '../worker/protocol.js';
import type { Catalog } from './catalog.js';
import type { CompareMode } from './compare/mode.js';
import { WorkerStoppedError } from './client.js';
import type { FrameScheduler } from './frames.js';
import type { Notice } from './host.js';
import type { WorkerSession } from './session.js';
import type { PlaygroundState } from './settings.js';
import { setupOf } from './setup.js';
import { failureNotice } from './failure.js';
import type { TrainingRun } from './training.js';

/**
 * What a restart resumes: the settings and the last snapshot of the worker that died. It
 * does not play on by itself: the restored network is shown as it was, and Play goes on.
 */
export interface Resume {
  setup: Setup | null;
  snap: Snapshot | null;
}

/** The parameters and epoch to restore into a build of `setup`, if the network has the same shape. */
export function restoreFrom(resume: Resume | null, setup: Setup): Restore | undefined {
  const snap = resume?.snap;
  if (!resume?.setup || !snap?.params) return undefined;
  const shape = (s: Setup): string => JSON.stringify([s.features, s.network.inputs, s.network.layers]);
  if (shape(resume.setup) !== shape(setup)) return undefined;
  return { params: snap.params, epoch: snap.epoch };
}

export interface LifeContext {
  readonly session: WorkerSession;
  readonly run: TrainingRun;
  /** Compare mode's other networks, built beside the first (compare/mode.ts). */
  readonly compare: CompareMode;
  readonly autoplay: boolean;
  /** The worker loaded its core: take the vocabulary, apply settings that came before it. */
  started(s: Started): void;
  readonly frames: FrameScheduler;
  readonly state: PlaygroundState;
  readonly catalog: Catalog | null;
  /** The dataset picker's pictures arrived (they are asked for once). */
  previews(p: Record<string, Dataset>): void;
  readonly hasPreviews: boolean;
  notify(n: Notice): void;
  dismiss(id: string): void;
  /** The template must show the change (no worker, training stopped). */
  changed(): void;
  dispatch(type: 'ready'): void;
}

export class WorkerLife {
  #cx: LifeContext;

  constructor(cx: LifeContext) {
    this.#cx = cx;
  }

  /** A new worker; `resume`: a restart after the old one died. */
  start(resume: Resume | null = null): void {
    const cx = this.#cx;
    void (async () => {
      try {
        const started = await cx.session.start((reason) => this.#stopped(reason));
        if (!started) return;
        cx.started(started);
        const failed = await this.rebuild(false, resume);
        if (!failed && cx.session.built) cx.dispatch('ready');
        if (cx.autoplay && !resume) cx.run.play();
        if (!cx.hasPreviews) {
          const previews = await cx.session.previews(3);
          if (previews) cx.previews(previews);
        }
      } catch (e) {
        if (cx.session.phase === 'stopped') return;  // its notice (with Restart) is up
        cx.notify(failureNotice('worker', 'notice.startFailed', e));
      }
    })();
  }

  /**
   * Builds from the settings (from `resume`'s weights and epoch when its network has the same
   * shape); resolves with the error if that failed (its notice is up), else null.
   */
  async rebuild(keepWeights: boolean, resume: Resume | null = null): Promise<Error | null> {
    const cx = this.#cx;
    const catalog = cx.catalog;
    if (!catalog || !cx.session.ready) return null;
    const s = cx.state;
    if (s.dataset === 'custom' && s.data && s.data.size < 2) {
      const why = new Error('mlp-playground: no network to train: the custom data needs at least 2 points');
      cx.session.clear(why);
      cx.run.clear(why);
      cx.changed();
      cx.notify({ id: 'need-data', kind: 'info', text: (m) => m.t('notice.needData') });
      return why;
    }
    cx.dismiss('need-data');
    const setup = setupOf(s, catalog);
    try {
      const [built] = await Promise.all([cx.session.build(setup, keepWeights, restoreFrom(resume, setup)), cx.compare.build(s, catalog, keepWeights)]);
      if (built) this.adopt(built);
      return null;
    } catch (e) {
      cx.run.setPlaying(false);
      if (!(e instanceof WorkerStoppedError)) cx.notify(failureNotice('build', 'notice.buildFailed', e));
      return e instanceof Error ? e : new Error(String(e));
    }
  }

  /** A network was built (or imported): the run starts on it. */
  adopt(built: Built): void {
    this.#cx.changed();
    this.#cx.dismiss('build');
    this.#cx.run.adopt(built);
    this.#cx.frames.refresh();
  }

  /** The worker died: training stops; a notice offers Restart. */
  #stopped(reason: string): void {
    const cx = this.#cx;
    const resume: Resume = { setup: cx.session.setup, snap: cx.run.snap };
    cx.run.stopped(new Error(`mlp-playground: the training worker stopped (${reason})`));
    cx.changed();
    cx.notify({
      id: 'worker', kind: 'error', text: (m) => m.t('notice.workerStopped'), technical: reason,
      action: { label: (m) => m.t('app.restart'), run: () => this.#restart(resume) },
    });
  }

  #restart(resume: Resume): void {
    if (this.#cx.session.phase !== 'stopped') return;
    this.#cx.dismiss('worker');
    this.start(resume);
  }
}
