// The controller of one <mlp-playground>: the settings, its training worker and what was
// built there, the frame loop's ticks and the snapshots they bring back, the notices, and
// the events. It implements the host the panels see (host.ts) and the element's public
// methods; the element (playground.ts) only holds attributes, properties and the template.
// Data flows one way: settings → worker (Setup, Hyper, ticks) → snapshots → renderers.
import type { ReactiveController } from 'lit';
import type { OnnxOptions, PyTorchOptions } from '../core/index.js';
import type { Dataset, Parameters } from '../core/types.js';
import { palette, type Palette } from '../view/colors.js';
import type { DiagramLayout, WeightRef } from '../view/diagram.js';
import type { Built, UnitRef, WalkStep } from '../worker/protocol.js';
import type { PlaygroundSnapshot } from './api.js';
import { type SettingsSource, sourceHash } from './attributes.js';
import { Catalog } from './catalog.js';
import { CompareMode, curveStyles } from './compare/mode.js';
import { FeaturePlanes } from './feature-planes.js';
import { insightSource } from './insight/source.js';
import { FrameScheduler } from './frames.js';
import type { Messages } from '../i18n/messages.js';
import type { ElementSide } from './element-side.js';
import { ElementLanguage } from './language.js';
import type { Notice, PanelHost, ScrubState, UiState, ViewPoint } from './host.js';
import { type DiagramSource, diagramLayout, type FrameInput } from './painter.js';
import { preparePanels } from './panels/index.js';
import { FirstRenderParts } from './panels/lazy.js';
import { isPartHidden, type Part } from './parts.js';
import { concatPoints } from './points.js';
import { type ProblemShape, shapeOf } from './problem.js';
import { type Domain, valueScale, viewDomain } from './scales.js';
import type { CallGate } from './calls.js';
import { WorkerLife } from './lifecycle.js';
import { WorkerSession } from './session.js';
import { changeKind, hyperOf, patchState, setupOf } from './setup.js';
import { defaultState, parseHash, type PlaygroundState, serializeHashWithWarning } from './state.js';
import { failureNotice } from './failure.js';
import { type RunContext, TrainingRun } from './training.js';
import { type Measured, Views } from './views.js';

export type { SettingsSource } from './attributes.js';
export type { ElementSide } from './element-side.js';

export class PlaygroundController implements PanelHost, ReactiveController {
  #el: ElementSide;
  /** The core's vocabulary, from the first worker (kept: the next worker loads the same core). */
  #catalog: Catalog | null = null;
  /** A new worker is being set up (it builds from the state as it is, once). */
  #starting = false;
  #state: PlaygroundState = defaultState();
  #notices: Notice[] = [];
  #ui: UiState = { focusUnit: null, drawMode: 'off', drawClass: 1, drawValue: 0.5, editor: null, tooltip: null, help: false, walk: null };
  #diagramWidth = 600;
  #previews: Record<string, Dataset> | null = null;
  #darkScheme = false;
  #media: MediaQueryList | null = null;
  /** The element's language (its lang attribute, or the nearest one above), followed live. */
  readonly language: ElementLanguage;

  #session = new WorkerSession();
  readonly insight = insightSource(this.#session);
  /** Compare mode's other networks (nothing loaded without them). */
  #compare = new CompareMode(() => this.#el.renderRoot as ShadowRoot, (m) => this.notify({ id: 'worker', kind: 'error', text: (t) => t.t('notice.workerStopped'), technical: m }));
  #views: Views | null = null;
  #frames: FrameScheduler;
  #run: TrainingRun;
  #life: WorkerLife;
  #hoverWeight: WeightRef | null = null;
  #diagramSource: DiagramSource | undefined;
  #source: SettingsSource | null = null;
  /** The source changed before the vocabulary was known: apply it all once it is. */
  #sourcePending = false;
  #appliedConfig: string | null = null;
  #lastHash = '';
  /** The template must be re-indexed and a frame painted after the next update. */
  #restructured = true;
  #editorOpened = false;
  #readoutsStale = false;
  #firstParts = new FirstRenderParts(
    () => this.#changed(true),
    (e) => this.notify(failureNotice('part', 'notice.partFailed', e)),
  );

  constructor(el: ElementSide) {
    this.#el = el;
    // A new language: the template, and the readouts and the chart's words (hostUpdated).
    this.language = new ElementLanguage(el, () => { this.#readoutsStale = true; this.#changed(true); });
    this.#frames = new FrameScheduler({
      paint: () => this.#paint(),
      canTick: () => this.#session.built !== null && this.#session.ready && this.#compare.ready && (this.#views?.attached ?? false),
      training: () => this.#run.training,
      tick: () => this.#run.tick(),
      running: () => this.#run.playing,
      // Only while ticks train (a tick with nothing to train comes back at once).
      unpaced: () => this.#run.playing && this.#state.speed === 'max' && (this.#run.snap?.epochsRun ?? 0) > 0,
    });
    // What the run reads of the controller, live.
    const self = this;
    const cx: RunContext = {
      session: this.#session,
      frames: this.#frames,
      get views() { return self.#views; },
      compare: this.#compare,
      get state() { return self.#state; },
      get shape() { return self.shape; },
      get domain() { return self.domain; },
      get focus() { return self.#ui.focusUnit; },
      get hash() { return self.#lastHash; },
      get m() { return self.m; },
      notify: (n) => this.notify(n),
      dismiss: (id) => this.dismiss(id),
      playingChanged: () => {
        this.#readoutsStale = true;
        this.#changed(true);
      },
      dispatch: (type, detail) => this.#el.dispatchEvent(new CustomEvent(type, { detail })),
    };
    this.#run = new TrainingRun(cx);
    this.#life = new WorkerLife({
      session: this.#session,
      run: this.#run,
      compare: this.#compare,
      get autoplay() { return self.#el.autoplay; },
      started: (started) => {
        this.#catalog ??= new Catalog(started.vocabulary);
        this.#starting = true;
        if (this.#sourcePending && this.#source) this.#applySource({ ...this.#source, changed: null });
        this.#sourcePending = false;
        this.#starting = false;
        this.#changed(true);
      },
      frames: this.#frames,
      get state() { return self.#state; },
      get catalog() { return self.#catalog; },
      previews: (p) => {
        this.#previews = p;
        this.#changed(true);
      },
      get hasPreviews() { return self.#previews !== null; },
      notify: (n) => this.notify(n),
      dismiss: (id) => this.dismiss(id),
      changed: () => this.#changed(true),
      dispatch: (type) => this.#el.dispatchEvent(new CustomEvent(type)),
    });
    el.addController(this);
  }

  // ---- what the panels read (PanelHost) -----------------------------------------------------

  get state(): PlaygroundState { return this.#state; }
  get catalog(): Catalog {
    if (!this.#catalog) throw new Error('mlp-playground: the core is not loaded yet');
    return this.#catalog;
  }
  get ready(): boolean { return this.#session.ready; }
  /** A worker is loading its core (the template shows it; not once the worker stopped). */
  get loading(): boolean { return this.#session.phase === 'starting' || this.#session.phase === 'idle'; }
  get m(): Messages { return this.language.m; }
  /** The vocabulary, the language and the lazy parts the settings show are in: the panels can render. */
  get canRender(): boolean {
    return this.#catalog !== null && this.language.ready
      && this.#firstParts.in(() => [...(preparePanels(this.#state) ?? []), ...(this.#el.prepare?.(this.#state) ?? [])]);
  }
  get shape(): ProblemShape { return shapeOf(this.#state, this.catalog); }
  get playing(): boolean { return this.#run.playing; }
  get built(): Built | null { return this.#session.built; }
  get parameters(): Parameters | null { return this.#run.snap?.params ?? null; }
  get notices(): readonly Notice[] { return this.#notices; }
  get ui(): Readonly<UiState> { return this.#ui; }
  get dark(): boolean { return this.#state.theme === 'dark' || (this.#state.theme === 'auto' && this.#darkScheme); }
  get palette(): Palette { return palette(this.dark); }
  get layout(): DiagramLayout {
    return diagramLayout(this.#state, this.shape, this.built, this.#diagramWidth, this.catalog);
  }
  get domain(): Domain { return viewDomain(this.#state, this.shape, this.built, this.catalog); }
  get valueScale(): number { return valueScale(this.built); }
  /** The latest snapshot (copies of the parameters, the data, the domain), or null. */
  get snapshot(): PlaygroundSnapshot | null { return this.#run.public; }
  /** What the views show: the epoch the history scrubber shows, else the latest snapshot. */
  get shownSnapshot(): PlaygroundSnapshot | null { return this.#run.shownPublic; }

  get history(): ScrubState { return this.#run.history; }
  showHistory = (k: number): void => void this.#run.history.show(k);
  replayHistory = (): void => this.#run.history.replay();
  continueFromHere = (): void => void this.#run.history.continueHere();

  isHidden(part: Part): boolean {
    return isPartHidden(this.#el.hide, this.#el.view, part);
  }

  // ---- reactivity -------------------------------------------------------------------------

  /** A change the template shows; `structure`: it may add, remove or resize a canvas. */
  #changed(structure: boolean): void {
    if (structure) this.#restructured = true;
    this.#el.requestUpdate();
  }

  /** The element's hide or view changed. */
  partsChanged(): void {
    this.#changed(true);
  }

  hostUpdate(): void {
    this.#el.setAttribute('data-theme', this.dark ? 'dark' : 'light');
  }

  hostUpdated(): void {
    if (!this.canRender) return;  // the panels (and their canvases) render once it is there
    if (!this.#views?.attached) this.#views?.attach(this.palette, this.#state.logLoss, this.m);
    const chart = this.#views?.chart;
    chart?.setPalette(this.palette);  // redraws only when the theme changed
    chart?.setLog(this.#state.logLoss);
    chart?.setNetworks(curveStyles(this.#state, this.dark, this.m));
    this.#views?.setMessages(this.m);  // the chart redraws only when its words changed
    if (this.#editorOpened) {
      this.#editorOpened = false;
      this.#views?.selectEditor();
    }
    if (this.#readoutsStale) this.#run.readouts();
    this.#readoutsStale = false;
    if (this.#restructured) {
      this.#restructured = false;
      const custom = this.#state.dataset === 'custom' ? this.#state.data : null;
      this.#views?.restructured([this.#previews, custom, this.palette, this.domain, this.catalog]);
      this.#frames.repaint();
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  hostConnected(): void {
    this.#media = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.#darkScheme = this.#media?.matches ?? false;
    this.#media?.addEventListener('change', this.#onScheme);
    this.#views ??= new Views(this.#el.renderRoot as ShadowRoot, (m) => this.#measured(m),
      new FeaturePlanes((r) => this.#session.featurePlanes(r), () => this.#frames.repaint()));
    this.#frames.start();
    if (this.#views.attached) this.#views.attach(this.palette, this.#state.logLoss, this.m);
    this.#life.start();
  }

  hostDisconnected(): void {
    this.#frames.stop();
    this.#media?.removeEventListener('change', this.#onScheme);
    this.#views?.detach();
    // The worker frees its network and data, then is terminated (all its wasm memory goes).
    const removed = new Error('mlp-playground: the element was removed from the page');
    this.#session.dispose(removed.message);
    this.#compare.dispose();
    this.#run.clear(removed);
  }

  #onScheme = (e: MediaQueryListEvent): void => {
    this.#darkScheme = e.matches;
    this.#changed(true);
  };

  #measured(m: Measured): void {
    if (m.mainChanged) this.#frames.refresh();
    if (m.diagramWidth !== null && Math.abs(m.diagramWidth - this.#diagramWidth) > 1) {
      this.#diagramWidth = m.diagramWidth;
      this.#changed(true);
    }
    this.#frames.kick();
  }

  // ---- training: the panels' controls, and what the element's methods run -----------------
  // The element's methods wait at the gate until a network is built (calls.ts), in call order.

  get gate(): CallGate { return this.#session.gate; }

  play(): void {
    this.#run.play();
  }

  pause(): void {
    this.#run.pause();
  }

  /** One epoch (the Step button: the notices say why one did not run). */
  step(): void {
    this.stepped().catch(() => {});
  }

  /** One epoch; resolves when its snapshot is in. */
  stepped(): Promise<void> {
    return this.#run.step();
  }

  /** The Reset button: never rejects (a failed build has its notice). */
  reset(): Promise<void> {
    return this.resetNetwork().catch(() => {});
  }

  /** New initial weights from the seed, epoch 0; resolves when rebuilt, rejects if that failed. */
  async resetNetwork(): Promise<void> {
    this.#run.setPlaying(false);
    this.dismiss('diverged');
    const failed = await this.#life.rebuild(false);
    if (failed) throw failed;
  }

  // Async: a call before the network exists rejects (it never throws).
  setWeight = async (layer: number, unit: number, input: number, value: number): Promise<void> => this.#edited(this.#session.setWeight(layer, unit, input, value));
  setBias = async (layer: number, unit: number, value: number): Promise<void> => this.#edited(this.#session.setBias(layer, unit, value));

  async #edited(done: Promise<void>): Promise<void> {
    await done;
    this.dismiss('diverged');
    this.#frames.refresh();
  }

  // ---- settings -----------------------------------------------------------------------------

  applySettings(patch: Partial<PlaygroundState>, options: { reset?: boolean } = {}): void {
    const { state: next, kind, notes } = patchState(this.#state, patch, options.reset ?? false, this.catalog);
    this.#state = next;
    this.#changed(true);
    if (notes.length) this.notify({ id: 'reconcile', kind: 'info', text: (m) => m.t('problem.x2NotFor1d'), technical: notes.join('; ') });
    this.#emitChange();
    if (kind === 'rebuild') {
      this.#ui = { ...this.#ui, focusUnit: null };  // the hovered unit may be gone
      void this.#life.rebuild(false);
    } else if (kind === 'data') void this.#life.rebuild(true);
    else if (kind === 'hyper') void Promise.all([this.#session.setHyper(hyperOf(next)), this.#compare.setHyper(next, this.catalog)]).then(() => this.dismiss('diverged'));
    this.#frames.refresh();
  }

  /** The config or a setting attribute changed; applied once the core's vocabulary is in. */
  setSource(source: SettingsSource): void {
    this.#source = source;
    if (this.#catalog && this.ready) this.#applySource(source);
    else this.#sourcePending = true;
  }

  #applySource(source: SettingsSource): void {
    const { hash, force } = sourceHash(source, this.#state, this.catalog);
    this.#applyConfig(hash, force);
  }

  #applyConfig(config: string, force = false): void {
    if (config === this.#appliedConfig && !force) return;
    const catalog = this.catalog;
    this.#appliedConfig = config;
    const { state, problems, said } = parseHash(config, catalog);
    if (problems.length > 0) {
      this.notify({ id: 'hash', kind: 'warning', text: (m) => m.t('notice.hash'), details: (m) => said.map((f) => f(m)) });
    } else {
      this.dismiss('hash');
    }
    const before = this.#state;
    this.#state = state;
    this.#changed(true);
    this.#lastHash = serializeHashWithWarning(state).hash;
    if (this.ready && !this.#starting) {
      const kind = changeKind(before, state, catalog);
      if (kind === 'hyper') void Promise.all([this.#session.setHyper(hyperOf(state)), this.#compare.setHyper(state, catalog)]);
      else if (kind !== 'view') void this.#life.rebuild(kind === 'data');
    }
    this.#frames.refresh();
  }

  #emitChange(): void {
    const { hash, warning } = serializeHashWithWarning(this.#state);
    if (warning) this.notify({ id: 'hash-data', kind: 'warning', text: (m) => m.t('notice.dataNotInLink'), technical: warning });
    else this.dismiss('hash-data');
    if (hash === this.#lastHash) return;
    this.#lastHash = hash;
    this.#appliedConfig = hash;
    this.#el.dispatchEvent(new CustomEvent('change', { detail: { hash }, bubbles: true, composed: true }));
  }

  notify(n: Notice): void {
    this.#notices = [...this.#notices.filter((m) => m.id !== n.id), n];
    this.#changed(true);
  }

  dismiss(id: string): void {
    if (!this.#notices.some((n) => n.id === id)) return;
    this.#notices = this.#notices.filter((n) => n.id !== id);
    this.#changed(true);
  }

  // ---- building (lifecycle.ts) -------------------------------------------------------------------

  async importNetwork(next: PlaygroundState, json: string): Promise<void> {
    this.#run.setPlaying(false);
    const built = await this.#session.importNetwork(setupOf(next, this.catalog), json);
    if (!built) return;
    this.#state = next;
    this.#emitChange();
    this.#life.adopt(built);
  }

  // The exports are the first network's (in compare mode too).
  exportNetwork = (): Promise<string> => this.#session.serialize();
  exportPyTorch = (options: PyTorchOptions): Promise<string> => this.#session.exportPyTorch(options);
  exportONNX = (options: OnnxOptions): Promise<Uint8Array> => this.#session.exportONNX(options);

  exportImage = (): Promise<Blob | null> => this.#views?.exportImage() ?? Promise.resolve(null);
  download = (name: string, blob: Blob): void => this.#views?.download(name, blob);

  // ---- painting ---------------------------------------------------------------------------------

  #paint(): void {
    this.#views?.paint(this.#frameInput());
    this.#compare.paint({ state: this.#state, built: this.built, snap: this.#run.snap }, this.domain, this.palette, this.catalog);
  }

  #frameInput(): FrameInput {
    return {
      catalog: this.catalog,
      state: this.#state,
      shape: this.shape,
      built: this.built,
      snap: this.#run.shown,  // a recorded epoch while the history scrubber shows one
      focus: this.#ui.focusUnit,
      drawing: this.#ui.drawMode !== 'off',
      playing: this.#run.playing,
      palette: this.palette,
      mainCss: this.#views?.mainCss ?? 360,
      diagramWidth: this.#diagramWidth,
      hoverWeight: this.#hoverWeight,
      diagram: this.#diagramSource,
      walk: this.#ui.walk,
    };
  }

  // ---- what the panels ask for --------------------------------------------------------------

  setUi(patch: Partial<UiState>): void {
    if (patch.editor && !this.#ui.editor) this.#editorOpened = true;
    // Drawing shows the test points and hints (the layout moves); the rest is text or overlays.
    const structure = patch.drawMode !== undefined && patch.drawMode !== this.#ui.drawMode;
    this.#ui = { ...this.#ui, ...patch };
    this.#changed(structure);
    if (patch.walk !== undefined) this.#frames.repaint();  // the diagram's edges show the walk's
  }

  setFocus(f: UnitRef | null): void {
    const cur = this.#ui.focusUnit;
    if (cur?.layer === f?.layer && cur?.unit === f?.unit) return;
    this.setUi({ focusUnit: f });
    this.#frames.refresh();
    this.#frames.repaint();
  }

  weightAt = (x: number, y: number): WeightRef | null => this.#views?.weightAt(x, y) ?? null;
  /** What the diagram shows instead of the latest snapshot (a past epoch, gradients); null: the snapshot. */
  showInDiagram(source: DiagramSource | null): void {
    this.#diagramSource = source ?? undefined;
    this.#frames.repaint();
  }

  get hoveredWeight(): WeightRef | null { return this.#hoverWeight; }
  hoverWeight(w: WeightRef | null): void {
    const h = this.#hoverWeight;
    const same = w && h && w.layer === h.layer && w.unit === h.unit && w.input === h.input;
    if (same || (!w && !h)) return;
    this.#hoverWeight = w;
    if (this.#catalog) this.#views?.paintLines(this.#frameInput());
  }

  async applyEdit(value: number): Promise<void> {
    const e = this.#ui.editor;
    if (!e) return;
    const set = e.kind === 'weight' ? this.#session.setWeight(e.layer, e.unit, e.input, value) : this.#session.setBias(e.layer, e.unit, value);
    // The editor closes once the value is in (it stays open, for the error, if that fails).
    await this.#edited(set.then(() => this.setUi({ editor: null })));
  }

  editPoints(fn: (points: Dataset) => Dataset): void {
    let base: Dataset;
    if (this.#state.dataset === 'custom' && this.#state.data) base = this.#state.data;
    else if (this.built) base = concatPoints(this.built.train, this.built.test);
    else return;
    const next = fn(base);
    if (next === base) return;
    const wasCustom = this.#state.dataset === 'custom';
    this.applySettings({ dataset: 'custom', data: next }, { reset: !wasCustom && next.classes !== base.classes });
  }
  walkStep = (points: number[]): Promise<WalkStep> => this.#session.walkStep(points);
  applyWalkStep = (points: number[]): Promise<void> => this.#edited(this.#session.applyWalkStep(points).then(() => {}));
  pointAt = (clientX: number, clientY: number): ViewPoint | null => this.#views?.pointAt(clientX, clientY) ?? null;
}
