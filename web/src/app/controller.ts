// The controller of one <mlp-playground>: the settings, its training worker and what was
// built there, the frame loop's ticks and the snapshots they bring back, the notices, and
// the events. It implements the host the panels see (host.ts) and the element's public
// methods; the element (playground.ts) only holds attributes, properties and the template.
// Data flows one way: settings → worker (Setup, Hyper, ticks) → snapshots → renderers.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Dataset, Parameters } from '../core/types.js';
import { palette, type Palette } from '../view/colors.js';
import type { DiagramLayout, WeightRef } from '../view/diagram.js';
import type { Built, Setup, Snapshot, TickRequest, UnitRef } from '../worker/protocol.js';
import type { EpochDetail, PlaygroundSnapshot } from './api.js';
import { attributePatch, hashPairs, overlay } from './attributes.js';
import { Catalog } from './catalog.js';
import { TrainerClient } from './client.js';
import { FrameScheduler } from './frames.js';
import type { Notice, PanelHost, Part, UiState, ViewPoint } from './host.js';
import type { ExportableNetwork } from './io/pytorch.js';
import { diagramLayout, type FrameInput, THUMB_1D, THUMB_2D } from './painter.js';
import { concatPoints } from './points.js';
import { lossesFor, type ProblemShape, sameKind, shapeOf } from './problem.js';
import { type Domain, valueScale, viewDomain } from './scales.js';
import { changeKind, hyperOf, setupOf } from './setup.js';
import { cloneState, defaultState, parseHash, type PlaygroundState, reconcile, serializeHash, serializeHashWithWarning } from './state.js';
import { message } from './text.js';
import { type Measured, Views } from './views.js';

/** What the controller needs of its element. */
export interface ElementSide extends ReactiveControllerHost, EventTarget {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly isConnected: boolean;
  readonly hide: string;
  readonly view: 'boundary' | 'boundary+network' | 'full';
  readonly autoplay: boolean;
  setAttribute(name: string, value: string): void;
}

/** The parts each `view` hides. */
const VIEW_HIDES: Record<ElementSide['view'], readonly Part[]> = {
  boundary: ['data', 'network', 'hyper', 'chart', 'export', 'draw', 'header'],
  'boundary+network': ['data', 'hyper', 'export', 'draw', 'header'],
  full: [],
};

/** Where the settings come from: the `config` attribute and the setting attributes over it. */
export interface SettingsSource {
  config: string;
  /** The setting attributes present, in the order the element lists them. */
  attributes: [string, string][];
  /** The attributes that changed (null: the config changed, everything applies anew). */
  changed: string[] | null;
}

export class PlaygroundController implements PanelHost, ReactiveController {
  #el: ElementSide;
  /** The core's vocabulary, from the first worker (kept: the next worker loads the same core). */
  #catalog: Catalog | null = null;
  /** The current worker has loaded the core. */
  #ready = false;
  /** The first build of a new worker is under way (it builds from the state as it is). */
  #starting = false;
  #state: PlaygroundState = defaultState();
  #notices: Notice[] = [];
  #playing = false;
  #built: Built | null = null;
  #ui: UiState = { focusUnit: null, drawMode: 'off', drawClass: 1, drawValue: 0.5, editor: null, tooltip: null };
  #diagramWidth = 600;
  #previews: Record<string, Dataset> | null = null;
  #darkScheme = false;
  #media: MediaQueryList | null = null;

  #client: TrainerClient | null = null;
  #views: Views | null = null;
  #frames: FrameScheduler;
  #snap: Snapshot | null = null;
  #public: PlaygroundSnapshot | null = null;
  /** What the worker built last: the network the snapshots' parameters belong to. */
  #builtSetup: Setup | null = null;
  #buildToken = 0;
  #stepsQueued = 0;
  #lastEpochEvent = -1;
  #hoverWeight: WeightRef | null = null;
  #source: SettingsSource | null = null;
  /** The source changed before the vocabulary was known: apply it all once it is. */
  #sourcePending = false;
  #appliedConfig: string | null = null;
  #lastHash = '';
  /** Playing pauses when the epoch reaches state.stopEpoch (armed by play() below it). */
  #stopArmed = false;
  /** The template must be re-indexed and a frame painted after the next update. */
  #restructured = true;
  #editorOpened = false;
  #readoutsStale = false;

  constructor(el: ElementSide) {
    this.#el = el;
    this.#frames = new FrameScheduler({
      paint: () => this.#views?.paint(this.#frameInput()),
      canTick: () => this.#built !== null && this.#ready && (this.#views?.attached ?? false),
      training: () => this.#playing || this.#stepsQueued > 0,
      tick: () => this.#tick(),
      running: () => this.#playing,
    });
    el.addController(this);
  }

  // ---- what the panels read (PanelHost) -----------------------------------------------------

  get state(): PlaygroundState {
    return this.#state;
  }
  get catalog(): Catalog {
    if (!this.#catalog) throw new Error('mlp-playground: the core is not loaded yet');
    return this.#catalog;
  }
  get ready(): boolean {
    return this.#ready;
  }
  /** The vocabulary is known: the panels can render. */
  get hasCatalog(): boolean {
    return this.#catalog !== null;
  }
  get shape(): ProblemShape {
    return shapeOf(this.#state, this.catalog);
  }
  get playing(): boolean {
    return this.#playing;
  }
  get built(): Built | null {
    return this.#built;
  }
  get parameters(): Parameters | null {
    return this.#snap?.params ?? null;
  }
  get notices(): readonly Notice[] {
    return this.#notices;
  }
  get ui(): Readonly<UiState> {
    return this.#ui;
  }
  get dark(): boolean {
    return this.#state.theme === 'dark' || (this.#state.theme === 'auto' && this.#darkScheme);
  }
  get palette(): Palette {
    return palette(this.dark);
  }
  get layout(): DiagramLayout {
    return diagramLayout(this.#state, this.shape, this.#built, this.#diagramWidth, this.catalog);
  }
  get domain(): Domain {
    return viewDomain(this.#state, this.shape, this.#built, this.catalog);
  }
  get valueScale(): number {
    return valueScale(this.#built);
  }
  /** The latest snapshot (copies of the parameters, the data, the domain), or null. */
  get snapshot(): PlaygroundSnapshot | null {
    return this.#public;
  }

  isHidden(part: Part): boolean {
    return this.#el.hide.split(/[\s,]+/).includes(part) || VIEW_HIDES[this.#el.view]?.includes(part) === true;
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
    if (!this.#catalog) return;  // the panels (and their canvases) render once it is there
    if (!this.#views?.attached) this.#views?.attach(this.palette, this.#state.logLoss);
    const chart = this.#views?.chart;
    chart?.setPalette(this.palette);  // redraws only when the theme changed
    chart?.setLog(this.#state.logLoss);
    if (this.#editorOpened) {
      this.#editorOpened = false;
      this.#views?.selectEditor();
    }
    if (this.#readoutsStale && this.#snap) this.#views?.readouts(this.#snap, this.shape.problem === 'classification', this.#playing);
    this.#readoutsStale = false;
    if (this.#restructured) {
      this.#restructured = false;
      const custom = this.#state.dataset === 'custom' ? this.#state.data : null;
      this.#views?.restructured([this.#previews, custom, this.palette, this.domain, this.catalog]);
      this.#frames.repaint();
    }
  }

  #setPlaying(on: boolean): void {
    if (on === this.#playing) return;
    this.#playing = on;
    this.#readoutsStale = true;
    this.#changed(true);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  hostConnected(): void {
    this.#media = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.#darkScheme = this.#media?.matches ?? false;
    this.#media?.addEventListener('change', this.#onScheme);
    this.#views ??= new Views(this.#el.renderRoot as ShadowRoot, (m) => this.#measured(m));
    this.#frames.start();
    if (this.#views.attached) this.#views.attach(this.palette, this.#state.logLoss);
    this.#start();
  }

  hostDisconnected(): void {
    this.#frames.stop();
    this.#media?.removeEventListener('change', this.#onScheme);
    this.#views?.detach();
    // The worker frees its network and data, then is terminated (all its wasm memory goes).
    void this.#client?.dispose();
    this.#client = null;
    this.#public = null;
    this.#ready = false;
    this.#playing = false;
    this.#built = null;
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

  #start(): void {
    const client = new TrainerClient();
    this.#client = client;
    client.onError((m) => this.notify({ id: 'worker', kind: 'error', text: `The training worker failed: ${m}` }));
    void (async () => {
      try {
        const started = await client.api.init({});
        if (this.#client !== client) return;
        this.#catalog ??= new Catalog(started.vocabulary);
        this.#ready = true;
        this.#starting = true;
        if (this.#sourcePending && this.#source) this.#applySource({ ...this.#source, changed: null });
        this.#sourcePending = false;
        this.#starting = false;
        this.#changed(true);
        await this.#rebuild(false);
        if (this.#el.autoplay) this.play();
        const previews = await client.api.previews(3);
        if (this.#client === client) {
          this.#previews = previews;
          this.#changed(true);
        }
      } catch (e) {
        this.notify({ id: 'worker', kind: 'error', text: `Could not start training: ${message(e)}` });
      }
    })();
  }

  // ---- the element's public methods -----------------------------------------------------------

  play(): void {
    if (!this.#built) return;
    this.dismiss('diverged');
    const stop = this.#state.stopEpoch;
    this.#stopArmed = stop > 0 && (this.#snap?.epoch ?? 0) < stop;
    this.#setPlaying(true);
    this.#frames.kick();
  }

  pause(): void {
    this.#setPlaying(false);
    this.#frames.refresh();  // one full-resolution frame
  }

  step(): void {
    this.pause();
    this.dismiss('diverged');
    this.#stepsQueued++;
    this.#frames.kick();
  }

  /** New initial weights from the seed, epoch 0; resolves when the network is rebuilt. */
  reset(): Promise<void> {
    this.#setPlaying(false);
    this.dismiss('diverged');
    return this.#rebuild(false);
  }

  async setWeight(layer: number, unit: number, input: number, value: number): Promise<void> {
    await this.#edited(this.#need().setWeight(layer, unit, input, value));
  }

  async setBias(layer: number, unit: number, value: number): Promise<void> {
    await this.#edited(this.#need().setBias(layer, unit, value));
  }

  #need(): TrainerClient['api'] {
    if (!this.#client || !this.#built) throw new Error('mlp-playground: no network yet (wait for the first update event)');
    return this.#client.api;
  }

  async #edited(done: Promise<void>): Promise<void> {
    await done;
    this.dismiss('diverged');
    this.#frames.refresh();
  }

  // ---- settings -----------------------------------------------------------------------------

  applySettings(patch: Partial<PlaygroundState>, options: { reset?: boolean } = {}): void {
    const catalog = this.catalog;
    const next = cloneState({ ...this.#state, ...patch });
    // A different kind of problem starts from its own default loss (softmax-ce for several
    // classes, mse otherwise), unless the change picked a loss itself.
    if (patch.loss === undefined && !sameKind(shapeOf(this.#state, catalog), shapeOf(next, catalog))) next.loss = lossesFor(shapeOf(next, catalog))[0]!;
    const notes = reconcile(next, catalog);
    const kind = options.reset ? 'rebuild' : changeKind(this.#state, next, catalog);
    this.#state = next;
    this.#changed(true);
    if (notes.length) this.notify({ id: 'reconcile', kind: 'info', text: notes.join('; ') });
    this.#emitChange();
    if (kind === 'rebuild') {
      this.#ui = { ...this.#ui, focusUnit: null };  // the hovered unit may be gone
      void this.#rebuild(false);
    } else if (kind === 'data') void this.#rebuild(true);
    else if (kind === 'hyper') void this.#client?.api.setHyper(hyperOf(next)).then(() => this.dismiss('diverged'));
    this.#frames.refresh();
  }

  /** The config or a setting attribute changed; applied once the core's vocabulary is in. */
  setSource(source: SettingsSource): void {
    this.#source = source;
    if (this.#catalog && this.#ready) this.#applySource(source);
    else this.#sourcePending = true;
  }

  #applySource({ config, attributes, changed }: SettingsSource): void {
    const catalog = this.catalog;
    if (changed === null) {
      // The whole configuration: config, with every setting attribute written over it.
      this.#applyConfig(overlay(config, attributePatch(attributes), catalog));
      return;
    }
    // Some setting attributes changed: only their fields change, the rest stays as it is now.
    const present = new Map(attributes);
    const patch = attributePatch(changed.filter((n) => present.has(n)).map((n): [string, string] => [n, present.get(n)!]));
    const removed = changed.filter((n) => !present.has(n));
    if (removed.length) {
      // A removed attribute falls back to the config's value (or the default).
      const full = hashPairs(serializeHash(parseHash(overlay(config, attributePatch(attributes), catalog), catalog).state));
      for (const [key] of attributePatch(removed.map((n): [string, string] => [n, '']))) patch.set(key, full.get(key) ?? '');
    }
    this.#applyConfig(overlay(serializeHash(this.#state), patch, catalog), true);
  }

  #applyConfig(config: string, force = false): void {
    if (config === this.#appliedConfig && !force) return;
    const catalog = this.catalog;
    this.#appliedConfig = config;
    const { state, problems } = parseHash(config, catalog);
    if (problems.length > 0) {
      this.notify({ id: 'hash', kind: 'warning', text: 'Some settings in the link were invalid and fell back to their defaults:', details: problems });
    } else {
      this.dismiss('hash');
    }
    const before = this.#state;
    this.#state = state;
    this.#changed(true);
    this.#lastHash = serializeHashWithWarning(state).hash;
    if (this.#client && this.#ready && !this.#starting) {
      const kind = changeKind(before, state, catalog);
      if (kind === 'hyper') void this.#client.api.setHyper(hyperOf(state));
      else if (kind !== 'view') void this.#rebuild(kind === 'data');
    }
    this.#frames.refresh();
  }

  #emitChange(): void {
    const { hash, warning } = serializeHashWithWarning(this.#state);
    if (warning) this.notify({ id: 'hash-data', kind: 'warning', text: warning });
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

  // ---- building -------------------------------------------------------------------------------

  async #rebuild(keepWeights: boolean): Promise<void> {
    const client = this.#client;
    const catalog = this.#catalog;
    if (!client || !catalog || !this.#ready) return;
    const s = this.#state;
    if (s.dataset === 'custom' && s.data && s.data.size < 2) {
      this.#built = null;
      this.#snap = null;
      this.#setPlaying(false);
      this.#changed(true);
      this.notify({ id: 'need-data', kind: 'info', text: 'Click on the plane to add points (at least 2), then train.' });
      return;
    }
    this.dismiss('need-data');
    const token = ++this.#buildToken;
    try {
      const setup = setupOf(s, catalog);
      const built = await client.api.configure(setup, keepWeights);
      if (token !== this.#buildToken || this.#client !== client) return;
      this.#builtSetup = setup;
      this.#adopt(built);
    } catch (e) {
      this.#setPlaying(false);
      this.notify({ id: 'build', kind: 'error', text: `Could not build the network: ${message(e)}` });
    }
  }

  #adopt(built: Built): void {
    this.#built = built;
    this.#changed(true);
    this.dismiss('build');
    if (!built.kept) {
      this.#views?.chart?.clear();
      this.#lastEpochEvent = -1;
      this.#public = null;
      // A new network starts below any stop epoch: autoplay-to-stop applies again.
      if (this.#playing) this.#stopArmed = this.#state.stopEpoch > 0;
    }
    this.#snap = null;
    this.#frames.refresh();
  }

  async importNetwork(next: PlaygroundState, json: string): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.#setPlaying(false);
    const setup = setupOf(next, this.catalog);
    const built = await client.api.importNetwork(setup, json);
    this.#buildToken++;
    this.#builtSetup = setup;
    this.#state = next;
    this.#emitChange();
    this.#adopt(built);
  }

  exportNetwork(): Promise<string> {
    return this.#need().serialize();
  }

  exportParts(): Promise<ExportableNetwork> {
    return this.#need().exportParts();
  }

  exportImage(): Promise<Blob | null> {
    return this.#views?.exportImage() ?? Promise.resolve(null);
  }

  download(name: string, blob: Blob): void {
    this.#views?.download(name, blob);
  }

  // ---- ticks and snapshots ----------------------------------------------------------------------

  async #tick(): Promise<boolean> {
    const client = this.#client;
    const built = this.#built;
    const views = this.#views;
    if (!client || !built || !views) return false;
    const train: TickRequest['train'] = this.#stepsQueued > 0 ? 'step' : this.#playing ? 'play' : 'none';
    const stop = this.#state.stopEpoch;
    const until = train === 'play' && this.#stopArmed && stop > 0 ? stop : undefined;
    if (train === 'step') this.#stepsQueued--;
    const shape = this.shape;
    const px = views.mainPixels();
    const { xRange, yRange } = this.domain;
    const f = this.#ui.focusUnit;
    const focus = f && f.layer > 0 && shape.dims === 2 ? f : null;
    const req: TickRequest = {
      train,
      maxEpochs: this.#state.speed === 'max' ? Infinity : Number(this.#state.speed),
      budgetMs: 12,
      full: !this.#playing,
      main: { width: px, height: shape.dims === 1 ? 1 : px, dims: shape.dims, xRange, yRange, focus },
      thumbs: shape.dims === 1 ? THUMB_1D : THUMB_2D,
      params: true,
      until,
    };
    try {
      const snap = await client.api.tick(req);
      if (this.#client !== client) return false;
      if (snap.version !== this.#built?.version) return false;
      this.#onSnapshot(snap);
      return true;
    } catch (e) {
      this.#setPlaying(false);
      this.notify({ id: 'tick', kind: 'error', text: `Training stopped: ${message(e)}` });
      return false;
    }
  }

  #onSnapshot(snap: Snapshot): void {
    const prev = this.#snap;
    this.#snap = snap;
    if (!prev || snap.epochsRun > 0 || snap.epoch !== prev.epoch) this.#views?.chart?.push(snap.epoch, snap.trainLoss, snap.testLoss);
    this.#views?.readouts(snap, this.shape.problem === 'classification', this.#playing);
    const stop = this.#state.stopEpoch;
    if (this.#playing && this.#stopArmed && stop > 0 && snap.epoch >= stop) {
      this.#stopArmed = false;
      this.#setPlaying(false);
      this.#frames.refresh();  // one full-resolution frame of the result
    }
    this.#public = this.#publicSnapshot(snap);
    if (snap.epoch !== this.#lastEpochEvent) {
      this.#lastEpochEvent = snap.epoch;
      const detail: EpochDetail = { epoch: snap.epoch, trainLoss: snap.trainLoss, testLoss: snap.testLoss, trainAccuracy: snap.trainAccuracy, testAccuracy: snap.testAccuracy };
      this.#el.dispatchEvent(new CustomEvent('epoch', { detail }));
    }
    if (this.#public) this.#el.dispatchEvent(new CustomEvent('update', { detail: this.#public }));
    if (snap.diverged && (this.#playing || snap.epochsRun > 0 || !prev?.diverged)) {
      const wasPlaying = this.#playing;
      this.#setPlaying(false);
      this.#stepsQueued = 0;
      this.notify({
        id: 'diverged',
        kind: 'error',
        text: `Training diverged at epoch ${snap.epoch}: the loss became infinite or NaN, so training ${wasPlaying ? 'was paused' : 'stopped'}. Lower the learning rate (now ${this.#state.learningRate}) and press Play, or press Reset.`,
      });
      this.#el.dispatchEvent(new CustomEvent('diverged', { detail: { epoch: snap.epoch } }));
    }
  }

  #publicSnapshot(snap: Snapshot): PlaygroundSnapshot | null {
    const setup = this.#builtSetup;
    const built = this.#built;
    if (!setup || !built || !snap.params) return null;
    return {
      epoch: snap.epoch,
      trainLoss: snap.trainLoss,
      testLoss: snap.testLoss,
      trainAccuracy: snap.trainAccuracy,
      testAccuracy: snap.testAccuracy,
      diverged: snap.diverged,
      network: { features: [...setup.features], layers: setup.network.layers.map((l) => ({ ...l })), loss: setup.network.loss ?? 'mse' },
      parameters: { weights: snap.params.weights.map((w) => w.slice()), biases: snap.params.biases.map((b) => b.slice()) },
      train: built.train,
      test: built.test,
      domain: this.domain,
      hash: this.#lastHash,
    };
  }

  #frameInput(): FrameInput {
    return {
      catalog: this.catalog,
      state: this.#state,
      shape: this.shape,
      built: this.#built,
      snap: this.#snap,
      focus: this.#ui.focusUnit,
      drawing: this.#ui.drawMode !== 'off',
      playing: this.#playing,
      palette: this.palette,
      mainCss: this.#views?.mainCss ?? 360,
      diagramWidth: this.#diagramWidth,
      hoverWeight: this.#hoverWeight,
    };
  }

  // ---- what the panels ask for --------------------------------------------------------------

  setUi(patch: Partial<UiState>): void {
    if (patch.editor && !this.#ui.editor) this.#editorOpened = true;
    // Drawing shows the test points and hints (the layout moves); the rest is text or overlays.
    const structure = patch.drawMode !== undefined && patch.drawMode !== this.#ui.drawMode;
    this.#ui = { ...this.#ui, ...patch };
    this.#changed(structure);
  }

  setFocus(f: UnitRef | null): void {
    const cur = this.#ui.focusUnit;
    if (cur?.layer === f?.layer && cur?.unit === f?.unit) return;
    this.setUi({ focusUnit: f });
    this.#frames.refresh();
    this.#frames.repaint();
  }

  weightAt(x: number, y: number): WeightRef | null {
    return this.#views?.weightAt(x, y) ?? null;
  }

  hoverWeight(w: WeightRef | null): void {
    const h = this.#hoverWeight;
    const same = w && h && w.layer === h.layer && w.unit === h.unit && w.input === h.input;
    if (same || (!w && !h)) return;
    this.#hoverWeight = w;
    if (this.#catalog) this.#views?.paintLines(this.#frameInput());
  }

  async applyEdit(value: number): Promise<void> {
    const e = this.#ui.editor;
    const api = this.#client?.api;
    if (!e || !api) return;
    const set = e.kind === 'weight' ? api.setWeight(e.layer, e.unit, e.input, value) : api.setBias(e.layer, e.unit, value);
    // The editor closes once the value is in (it stays open, for the error, if that fails).
    await this.#edited(set.then(() => this.setUi({ editor: null })));
  }

  editPoints(fn: (points: Dataset) => Dataset): void {
    let base: Dataset;
    if (this.#state.dataset === 'custom' && this.#state.data) base = this.#state.data;
    else if (this.#built) base = concatPoints(this.#built.train, this.#built.test);
    else return;
    const next = fn(base);
    if (next === base) return;
    const wasCustom = this.#state.dataset === 'custom';
    this.applySettings({ dataset: 'custom', data: next }, { reset: !wasCustom && next.classes !== base.classes });
  }

  pointAt(clientX: number, clientY: number): ViewPoint | null {
    return this.#views?.pointAt(clientX, clientY) ?? null;
  }
}
