// The element's side of compare mode: loads the extra networks' code (compare-set.ts, its
// own chunk) the first time a state compares networks, and is a no-op otherwise, so the
// controller and the run call it unconditionally.
import type { CurveStyle } from '../../view/loss-chart.js';
import type { Palette } from '../../view/colors.js';
import type { Snapshot, TickRequest } from '../../worker/protocol.js';
import type { Catalog } from '../catalog.js';
import type { Domain } from '../scales.js';
import type { PlaygroundState } from '../settings.js';
import type { CardInput, CompareSet } from './compare-set.js';
import type { Messages } from '../../i18n/messages.js';
import { NETWORK_STYLES } from './nets.js';

export class CompareMode {
  #set: CompareSet | null = null;
  #loading: Promise<CompareSet> | null = null;
  #root: () => ShadowRoot;
  #onError: (message: string) => void;
  /** Builds in flight (the chunk's loading included). */
  #building = 0;

  constructor(root: () => ShadowRoot, onError: (message: string) => void) {
    this.#root = root;
    this.#onError = onError;
  }

  /** The extra networks, when there are any (and their code is loaded). */
  get set(): CompareSet | null {
    return this.#set && this.#set.count > 0 ? this.#set : null;
  }

  /** No build in flight: every network a tick would train is built. */
  get ready(): boolean {
    return this.#building === 0 && (this.#set?.ready ?? true);
  }

  #load(): Promise<CompareSet> {
    this.#loading ??= import('./compare-set.js').then((m) => (this.#set = new m.CompareSet(this.#onError)));
    return this.#loading;
  }

  /** Builds the extra networks of `state.compare` (none: ends their workers). */
  async build(state: PlaygroundState, catalog: Catalog, keepWeights: boolean): Promise<void> {
    if (state.compare.length === 0 && !this.#set) return;
    this.#building++;
    try {
      await (await this.#load()).build(state, catalog, keepWeights);
    } finally {
      this.#building--;
    }
  }

  setHyper(state: PlaygroundState, catalog: Catalog): Promise<void> {
    return this.set?.setHyper(state, catalog) ?? Promise.resolve();
  }

  lockstep(req: TickRequest): TickRequest {
    return this.set?.lockstep(req) ?? req;
  }

  /** The extra networks' snapshots of one lockstep tick ([] without compare mode; null if stale). */
  async tick(req: TickRequest): Promise<Snapshot[] | null> {
    return this.set ? this.set.tick(req) : [];
  }

  measured(snaps: readonly Snapshot[]): void {
    this.set?.measured(snaps);
  }

  paint(first: CardInput, domain: Domain, palette: Palette, catalog: Catalog): void {
    this.set?.paint(this.#root(), first, domain, palette, catalog);
  }

  readouts(first: Snapshot | null, classification: boolean, m: Messages): void {
    this.set?.readouts(this.#root(), first, classification, m);
  }

  dispose(): void {
    this.#set?.dispose();
  }
}

/** The loss chart's curves for a state: one style per network in compare mode, else null. */
export function curveStyles(state: PlaygroundState, dark: boolean, m: Messages): CurveStyle[] | null {
  if (state.compare.length === 0) return null;
  return NETWORK_STYLES.slice(0, state.compare.length + 1).map((s, i) => {
    const n = m.int(i + 1);
    return { train: m.t('compare.curveTrain', { n }), test: m.t('compare.curveTest', { n }), stroke: dark ? s.dark : s.colour, dash: s.dash };
  });
}
