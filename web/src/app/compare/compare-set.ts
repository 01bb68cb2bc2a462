// Compare mode's extra networks (a chunk loaded only in compare mode): one worker each
// (bench/compare.mjs measured one worker per network against one worker training them all:
// docs/compare.md), built from the first network's settings with their own over them, and
// trained in lockstep with it: a tick trains every network the same number of epochs (sized
// to the slowest, so a tick stays short), so after every tick all are at the same epoch.
// Also paints each network's card (its boundary or fit) and its readouts.
import { fmt } from '../../view/loss-chart.js';
import { MainView } from '../../view/main-view.js';
import type { Messages } from '../../i18n/messages.js';
import type { Palette } from '../../view/colors.js';
import type { Built, Snapshot, TickRequest } from '../../worker/protocol.js';
import type { Catalog } from '../catalog.js';
import { shapeOf } from '../problem.js';
import { type Domain, outputScale, valueScale } from '../scales.js';
import { WorkerSession } from '../session.js';
import { hyperOf, setupOf } from '../setup.js';
import type { PlaygroundState } from '../settings.js';
import { netState } from './nets.js';

/** CSS size of a card's view (its grid is evaluated at that size times the pixel ratio). */
const CARD_CSS = 180;

interface Extra {
  session: WorkerSession;
  started: Promise<boolean>;
  state: PlaygroundState | null;
  snap: Snapshot | null;
}

/** What a card paints: one network's settings, what was built and its latest snapshot. */
export interface CardInput {
  state: PlaygroundState;
  built: Built | null;
  snap: Snapshot | null;
}

export class CompareSet {
  #extras: Extra[] = [];
  #onError: (message: string) => void;
  /** Builds in flight: no tick may go until every network is built. */
  #building = 0;
  /** The slowest network's cost of one epoch (ms), measured on the ticks. */
  #msPerEpoch = 0;
  /** A network diverged: none trains until a rebuild or a live change (lockstep). */
  #diverged = false;
  #views = new Map<HTMLCanvasElement, MainView>();

  constructor(onError: (message: string) => void) {
    this.#onError = onError;
  }

  /** Networks besides the first. */
  get count(): number {
    return this.#extras.length;
  }

  /** Every extra network is built (ticks may go). */
  get ready(): boolean {
    return this.#building === 0 && this.#extras.every((x) => x.session.built !== null);
  }

  /** The latest snapshot of each extra network. */
  get snaps(): (Snapshot | null)[] {
    return this.#extras.map((x) => x.snap);
  }

  cards(): CardInput[] {
    return this.#extras.flatMap((x) => (x.state ? [{ state: x.state, built: x.session.built, snap: x.snap }] : []));
  }

  /**
   * Matches the workers to `base.compare` (starting or ending them) and builds every extra
   * network (`keepWeights`: new points under the same networks). Rejects if one fails.
   */
  async build(base: PlaygroundState, catalog: Catalog, keepWeights: boolean): Promise<void> {
    const nets = base.compare;
    while (this.#extras.length > nets.length) this.#extras.pop()!.session.dispose();
    while (this.#extras.length < nets.length) {
      const session = new WorkerSession();
      this.#extras.push({ session, started: session.start(this.#onError).then((s) => s !== null), state: null, snap: null });
    }
    this.#building++;
    try {
      await Promise.all(
        this.#extras.map(async (x, i) => {
          const state = netState(base, nets[i]!, catalog);
          if (!(await x.started)) return;
          const built = await x.session.build(setupOf(state, catalog), keepWeights);
          if (!built) return;
          x.state = state;
          x.snap = null;
        }),
      );
    } finally {
      this.#building--;
    }
    this.#msPerEpoch = 0;
    this.#diverged = false;
  }

  /** A live change of the first network's hyper-parameters: each network's own still win. */
  async setHyper(base: PlaygroundState, catalog: Catalog): Promise<void> {
    this.#diverged = false;  // the workers train again after a live change
    await Promise.all(
      this.#extras.map((x, i) => {
        const net = base.compare[i];
        if (!net) return undefined;
        x.state = netState(base, net, catalog);
        return x.session.setHyper(hyperOf(x.state));
      }),
    );
  }

  /**
   * The first network's request made a lockstep one: a fixed number of epochs for every
   * network (no time budget, which would let a faster one run ahead), as many as the
   * slowest network fits in the budget, at least one.
   */
  lockstep(req: TickRequest): TickRequest {
    if (this.#extras.length === 0) return req;
    // The others would train on without a diverged one and leave it behind.
    if (this.#diverged && req.train !== 'none') return { ...req, train: 'none' };
    let epochs = req.maxEpochs;
    if (req.train === 'play') {
      const fit = this.#msPerEpoch > 0 ? Math.floor(req.budgetMs / this.#msPerEpoch) : 1;
      epochs = Math.max(1, Math.min(req.maxEpochs, fit));
    }
    return { ...req, maxEpochs: epochs, budgetMs: Infinity };
  }

  /**
   * One tick of every extra network with the first network's (lockstep) request, each
   * evaluated over a card-sized grid; null when an answer was stale (a rebuild overtook it).
   */
  async tick(req: TickRequest): Promise<Snapshot[] | null> {
    if (this.#extras.length === 0) return [];
    const px = Math.round(CARD_CSS * Math.min(2, window.devicePixelRatio || 1));
    const main = req.main ? { ...req.main, width: px, height: req.main.dims === 1 ? 1 : px, focus: null } : null;
    const own: TickRequest = { ...req, main, thumbs: 0, params: false };
    const snaps = await Promise.all(this.#extras.map((x) => x.session.tick(own)));
    if (snaps.some((s) => s === null)) return null;
    const done = snaps as Snapshot[];
    done.forEach((s, i) => (this.#extras[i]!.snap = s));
    return done;
  }

  /** Takes the cost of an epoch from a tick's snapshots (the first network's too). */
  measured(snaps: readonly Snapshot[]): void {
    if (snaps.some((s) => s.diverged)) this.#diverged = true;
    const costs = snaps.filter((s) => s.epochsRun > 0).map((s) => s.busyMs / s.epochsRun);
    if (costs.length) this.#msPerEpoch = Math.max(...costs);
  }

  /** Paints every card: `first` is the first network's (from the element's own snapshot). */
  paint(root: ShadowRoot, first: CardInput, domain: Domain, palette: Palette, catalog: Catalog): void {
    const cards = [first, ...this.cards()];
    for (const canvas of root.querySelectorAll<HTMLCanvasElement>('canvas.compare-view')) {
      const card = cards[Number(canvas.dataset.net)];
      if (!card) continue;
      let view = this.#views.get(canvas);
      if (!view) this.#views.set(canvas, (view = new MainView(canvas)));
      view.resize(canvas.clientWidth || CARD_CSS, window.devicePixelRatio || 1);
      const shape = shapeOf(card.state, catalog);
      const main = card.snap?.main && !card.snap.main.focus ? card.snap.main : null;
      view.draw({
        dims: shape.dims, xRange: domain.xRange, yRange: domain.yRange,
        heat: main && shape.dims === 2 ? main : null,
        scale: outputScale(shape, card.state, card.built),
        curve: main && shape.dims === 1 ? main.data.subarray(0, main.width) : null,
        focusCurve: null,
        train: card.built?.train ?? null, test: card.built?.test ?? null, showTest: card.state.showTest,
        discretize: card.state.discretize && shape.problem === 'classification',
        palette, valueScale: valueScale(card.built),
      });
    }
    for (const c of this.#views.keys()) if (!c.isConnected) this.#views.delete(c);
  }

  /** Each card's readouts (text straight into its elements, as the element's own are). */
  readouts(root: ShadowRoot, first: Snapshot | null, classification: boolean, m: Messages): void {
    [first, ...this.snaps].forEach((s, i) => {
      const set = (what: string, text: string): void => {
        const el = root.querySelector(`[data-compare="${what}"][data-net="${i}"]`);
        if (el && el.textContent !== text) el.textContent = text;
      };
      set('epoch', s ? m.int(s.epoch) : '–');
      set('train-loss', s ? fmt(s.trainLoss) : '–');
      set('test-loss', s ? fmt(s.testLoss) : '–');
      set('test-acc', s && classification ? m.percent(s.testAccuracy) : '–');
    });
  }

  /** Ends every extra worker (their networks, data and wasm memory go with them). */
  dispose(): void {
    for (const x of this.#extras) x.session.dispose();
    this.#extras = [];
    this.#views.clear();
  }
}
