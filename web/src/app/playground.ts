// <mlp-playground>: one playground — its settings, its own training worker, the frame loop
// that asks the worker for snapshots and hands them to the renderers, and the panels. The
// element knows nothing of the page: the host page (web/src/main.ts) syncs the URL hash
// through the `config` property and the `change` event; tutorials embed it by attributes.
//
// Attributes: config (URL-hash format), one attribute per setting (dataset, layers,
// learning-rate, ... see attributes.ts; they win over config), hide (comma list: data,
// network, hyper, chart, export, draw, header), view (boundary | boundary+network | full),
// autoplay. Events: change, epoch, diverged, update. Methods: play(), pause(), step(),
// reset(). Getter: snapshot. The public types are in api.ts.
import { html, LitElement, type PropertyValues } from 'lit';
import type { Dataset, DenseLayerConfig } from '../core/types.js';
import type { Built, Setup, Snapshot, TickRequest, UnitRef } from '../worker/protocol.js';
import { palette, type Palette } from '../view/colors.js';
import type { DiagramLayout, WeightRef } from '../view/diagram.js';
import { fmt, LossChart } from '../view/loss-chart.js';
import type { MainView } from '../view/main-view.js';
import type { EpochDetail, PlaygroundSnapshot } from './api.js';
import { attributePatch, hashPairs, overlay, SETTING_ATTRIBUTES } from './attributes.js';
import { lossesFor, type ProblemShape } from './catalog.js';
import { changeKind, hyperOf, setupOf, TrainerClient } from './client.js';
import { diagramLayout, type FrameInput, Painter, THUMB_1D, THUMB_2D } from './painter.js';
import { concatPoints } from './points.js';
import { renderData } from './panels/data-panel.js';
import { renderNetwork } from './panels/network-panel.js';
import { renderOutput } from './panels/output-panel.js';
import { renderToolbar } from './panels/toolbar.js';
import { type Domain, valueScale, viewDomain } from './scales.js';
import { cloneState, defaultState, parseHash, type PlaygroundState, reconcile, serializeHash, serializeHashWithWarning, shapeOf } from './state.js';
import { styles } from './styles.js';
import { message } from './text.js';

export interface Notice {
  id: string;
  kind: 'info' | 'warning' | 'error';
  text: string;
  details?: string[];
}

export type DrawMode = 'off' | 'add' | 'erase';

export interface Editor {
  kind: 'weight' | 'bias';
  layer: number;
  unit: number;
  input: number;
  value: number;
  x: number;
  y: number;
  error: string;
}

/** The main view's grid is at most this many points a side (then scaled up, smoothed). */
const MAIN_MAX = 512;

/**
 * The reactive properties whose change can add, remove, resize or recolour a canvas, or
 * change what the frame draws (drawMode shows the test points; notices and the drawing
 * hints move the layout): after such an update the thumbnails are indexed again, the
 * previews and a frame painted. The others (tooltip, editor, focusUnit, drawClass,
 * drawValue) only touch text or overlays placed absolutely; setFocus and hoverWeight
 * repaint by themselves.
 */
const REDRAW_ON = ['state', 'built', 'previews', 'darkScheme', 'diagramWidth', 'hide', 'view', 'ready', 'drawMode', 'playing', 'notices'] as const;

export class MlpPlayground extends LitElement {
  static override styles = styles;
  static override properties = {
    config: { type: String },
    hide: { type: String },
    view: { type: String },
    autoplay: { type: Boolean },
    state: { state: true },
    notices: { state: true },
    playing: { state: true },
    built: { state: true },
    focusUnit: { state: true },
    drawMode: { state: true },
    drawClass: { state: true },
    drawValue: { state: true },
    editor: { state: true },
    tooltip: { state: true },
    diagramWidth: { state: true },
    ready: { state: true },
    previews: { state: true },
    darkScheme: { state: true },
  };

  /** Settings in the URL-hash format; setting it applies them (invalid fields fall back). */
  config = '';
  hide = '';
  view: 'boundary' | 'boundary+network' | 'full' = 'full';
  autoplay = false;

  state: PlaygroundState = defaultState();
  notices: Notice[] = [];
  playing = false;
  built: Built | null = null;
  focusUnit: UnitRef | null = null;
  drawMode: DrawMode = 'off';
  drawClass = 1;
  drawValue = 0.5;
  editor: Editor | null = null;
  tooltip: { x: number; y: number; text: string } | null = null;
  diagramWidth = 600;
  ready = false;
  previews: Record<string, Dataset> | null = null;
  darkScheme = false;

  #client: TrainerClient | null = null;
  #appliedConfig: string | null = null;
  #lastHash = '';
  #snap: Snapshot | null = null;
  #fresh = false;
  #inFlight = false;
  #stepsQueued = 0;
  #dirty = true;
  #raf = 0;
  #painter: Painter | null = null;
  #chart: LossChart | null = null;
  #resize: ResizeObserver | null = null;
  #mainCss = 360;
  #lastEpochEvent = -1;
  #built = 0;
  #media: MediaQueryList | null = null;
  #hoverWeight: WeightRef | null = null;
  /** Setting attributes changed since the last update (applied together in willUpdate). */
  #attrChanged = new Set<string>();
  /** What the worker built last: the network the snapshots' parameters belong to. */
  #builtSetup: Setup | null = null;
  /** Playing pauses when the epoch reaches state.stopEpoch (armed by play() below it). */
  #stopArmed = false;
  #public: PlaygroundSnapshot | null = null;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...Object.keys(SETTING_ATTRIBUTES)];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name in SETTING_ATTRIBUTES) {
      if (old === value) return;
      this.#attrChanged.add(name);
      this.requestUpdate();
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  // ---- public API -------------------------------------------------------------------------

  play(): void {
    if (!this.built) return;
    this.dismiss('diverged');
    const stop = this.state.stopEpoch;
    this.#stopArmed = stop > 0 && (this.#snap?.epoch ?? 0) < stop;
    this.playing = true;
    this.#kick();
  }

  /** The latest snapshot (copies of the parameters, the data, the domain), or null. */
  get snapshot(): PlaygroundSnapshot | null {
    return this.#public;
  }

  pause(): void {
    this.playing = false;
    this.#dirty = true;  // one full-resolution frame
    this.#kick();
  }

  step(): void {
    this.pause();
    this.dismiss('diverged');
    this.#stepsQueued++;
    this.#kick();
  }

  /** New initial weights from the seed, epoch 0; resolves when the network is rebuilt. */
  reset(): Promise<void> {
    this.playing = false;
    this.dismiss('diverged');
    return this.#rebuild(false);
  }

  /** Sets one weight of dense layer `layer` (0-based; PyTorch layout [unit, input]). */
  async setWeight(layer: number, unit: number, input: number, value: number): Promise<void> {
    await this.#edited(this.#need().setWeight(layer, unit, input, value));
  }

  /** Sets one bias of dense layer `layer` (0-based, the output layer last). */
  async setBias(layer: number, unit: number, value: number): Promise<void> {
    await this.#edited(this.#need().setBias(layer, unit, value));
  }

  #need(): TrainerClient['api'] {
    if (!this.#client || !this.built) throw new Error('mlp-playground: no network yet (wait for the first update event)');
    return this.#client.api;
  }

  async #edited(done: Promise<void>): Promise<void> {
    await done;
    this.dismiss('diverged');
    this.#dirty = true;
    this.#kick();
  }

  // ---- settings ---------------------------------------------------------------------------

  /**
   * Applies a change of settings and tells the worker what it implies: live
   * hyper-parameters, new data under the same network, or a rebuild (a reset).
   */
  applySettings(patch: Partial<PlaygroundState>, options: { reset?: boolean } = {}): void {
    const next = cloneState({ ...this.state, ...patch });
    // A different kind of problem starts from its own default loss (softmax-ce for
    // several classes, mse otherwise), unless the change picked a loss itself.
    const kindOf = (sh: ProblemShape): string => `${sh.problem}:${sh.classes > 2}`;
    if (patch.loss === undefined && kindOf(shapeOf(this.state)) !== kindOf(shapeOf(next))) next.loss = lossesFor(shapeOf(next))[0]!;
    const notes = reconcile(next);
    const kind = options.reset ? 'rebuild' : changeKind(this.state, next);
    this.state = next;
    if (notes.length) this.notify({ id: 'reconcile', kind: 'info', text: notes.join('; ') });
    this.#emitChange();
    if (kind === 'rebuild') {
      this.focusUnit = null;  // the hovered unit may be gone
      void this.#rebuild(false);
    }
    else if (kind === 'data') void this.#rebuild(true);
    else if (kind === 'hyper') void this.#client?.api.setHyper(hyperOf(next)).then(() => this.dismiss('diverged'));
    this.#dirty = true;
    this.#kick();
  }

  get shape(): ProblemShape {
    return shapeOf(this.state);
  }

  /** The ids listed in the `hide` attribute. */
  isHidden(part: string): boolean {
    const parts = this.hide.split(/[\s,]+/);
    if (parts.includes(part)) return true;
    if (this.view === 'boundary') return ['data', 'network', 'hyper', 'chart', 'export', 'draw', 'header'].includes(part);
    if (this.view === 'boundary+network') return ['data', 'hyper', 'export', 'draw', 'header'].includes(part);
    return false;
  }

  notify(n: Notice): void {
    this.notices = [...this.notices.filter((m) => m.id !== n.id), n];
  }

  dismiss(id: string): void {
    if (this.notices.some((n) => n.id === id)) this.notices = this.notices.filter((n) => n.id !== id);
  }

  #emitChange(): void {
    const { hash, warning } = serializeHashWithWarning(this.state);
    if (warning) this.notify({ id: 'hash-data', kind: 'warning', text: warning });
    else this.dismiss('hash-data');
    if (hash === this.#lastHash) return;
    this.#lastHash = hash;
    this.#appliedConfig = hash;
    this.dispatchEvent(new CustomEvent('change', { detail: { hash }, bubbles: true, composed: true }));
  }

  /** The setting attributes present, in the order of SETTING_ATTRIBUTES. */
  #settingAttributes(): [string, string][] {
    return Object.keys(SETTING_ATTRIBUTES).filter((n) => this.hasAttribute(n)).map((n) => [n, this.getAttribute(n)!]);
  }

  #applyConfig(config: string, force = false): void {
    if (config === this.#appliedConfig && !force) return;
    this.#appliedConfig = config;
    const { state, problems } = parseHash(config);
    if (problems.length > 0) {
      this.notify({ id: 'hash', kind: 'warning', text: 'Some settings in the link were invalid and fell back to their defaults:', details: problems });
    } else {
      this.dismiss('hash');
    }
    const before = this.state;
    this.state = state;
    this.#lastHash = serializeHashWithWarning(state).hash;
    if (this.#client && this.ready) {
      const kind = changeKind(before, state);
      if (kind === 'hyper') void this.#client.api.setHyper(hyperOf(state));
      else if (kind !== 'view') void this.#rebuild(kind === 'data');
    }
    this.#dirty = true;
    this.#kick();
  }

  // ---- lifecycle ----------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.#media = window.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
    this.darkScheme = this.#media?.matches ?? false;
    this.#media?.addEventListener('change', this.#onScheme);
    if (this.hasUpdated) this.#attachViews();
    this.#start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    this.#media?.removeEventListener('change', this.#onScheme);
    this.#resize?.disconnect();
    this.#resize = null;
    this.#chart?.destroy();
    this.#chart = null;
    // The worker frees its network and data, then is terminated (all its wasm memory goes).
    void this.#client?.dispose();
    this.#client = null;
    this.#public = null;
    this.ready = false;
    this.playing = false;
    this.built = null;
    this.#inFlight = false;
  }

  #onScheme = (e: MediaQueryListEvent): void => {
    this.darkScheme = e.matches;
  };

  get dark(): boolean {
    return this.state.theme === 'dark' || (this.state.theme === 'auto' && this.darkScheme);
  }

  get palette(): Palette {
    return palette(this.dark);
  }

  #start(): void {
    const client = new TrainerClient();
    this.#client = client;
    client.onError((m) => this.notify({ id: 'worker', kind: 'error', text: `The training worker failed: ${m}` }));
    void (async () => {
      try {
        await client.api.init({});
        if (this.#client !== client) return;
        this.ready = true;
        await this.#rebuild(false);
        if (this.autoplay) this.play();
        const previews = await client.api.previews(3);
        if (this.#client === client) this.previews = previews;
      } catch (e) {
        this.notify({ id: 'worker', kind: 'error', text: `Could not start training: ${message(e)}` });
      }
    })();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('config') && typeof this.config === 'string') {
      // The whole configuration: config, with every setting attribute written over it.
      this.#attrChanged.clear();
      this.#applyConfig(overlay(this.config, attributePatch(this.#settingAttributes())));
    } else if (this.#attrChanged.size > 0) {
      // One setting attribute changed: only its field changes, the rest stays as it is now.
      const names = [...this.#attrChanged];
      this.#attrChanged.clear();
      const present = names.filter((n) => this.hasAttribute(n)).map((n): [string, string] => [n, this.getAttribute(n)!]);
      const patch = attributePatch(present);
      const removed = names.filter((n) => !this.hasAttribute(n));
      if (removed.length) {
        // A removed attribute falls back to the config's value (or the default).
        const full = hashPairs(serializeHash(parseHash(overlay(this.config ?? '', attributePatch(this.#settingAttributes()))).state));
        for (const n of removed) patch.set(SETTING_ATTRIBUTES[n]!, full.get(SETTING_ATTRIBUTES[n]!) ?? '');
      }
      this.#applyConfig(overlay(serializeHash(this.state), patch), true);
    }
    if (changed.has('state') || changed.has('darkScheme')) {
      this.setAttribute('data-theme', this.dark ? 'dark' : 'light');
    }
  }

  protected override firstUpdated(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.main');
    if (canvas) this.#painter = new Painter(canvas, this.renderRoot as ShadowRoot);
    this.#painter?.indexThumbs();
    this.#attachViews();
  }

  /** Observers and the chart: on first render, and again when the element is re-inserted. */
  #attachViews(): void {
    this.#resize?.disconnect();
    this.#resize = new ResizeObserver(() => this.#measure());
    const wrap = this.renderRoot.querySelector('.main-wrap');
    if (wrap) this.#resize.observe(wrap);
    const net = this.renderRoot.querySelector('.network');
    if (net) this.#resize.observe(net);
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (chart && !this.#chart) {
      chart.replaceChildren();
      this.#chart = new LossChart(chart, this.palette);
      this.#chart.setLog(this.state.logLoss);
    }
    this.#measure();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('state') || changed.has('darkScheme')) {
      this.#chart?.setPalette(this.palette);  // redraws only when the theme changed
      this.#chart?.setLog(this.state.logLoss);
    }
    if (changed.has('playing') && this.#snap) this.#updateReadouts(this.#snap);
    if (changed.has('editor') && this.editor && !changed.get('editor')) {
      this.renderRoot.querySelector<HTMLInputElement>('.editor input')?.select();
    }
    if (REDRAW_ON.some((p) => changed.has(p))) {
      this.#painter?.indexThumbs();
      this.#painter?.paintPreviews(this.previews, this.state.dataset === 'custom' ? this.state.data : null, this.palette, this.domain);
      this.#fresh = true;
      this.#kick();
    }
  }

  #measure(): void {
    const wrap = this.renderRoot.querySelector<HTMLElement>('.main-wrap');
    if (wrap) {
      const w = wrap.clientWidth;
      if (w > 0 && Math.abs(w - this.#mainCss) > 0.5) {
        this.#mainCss = w;
        this.#dirty = true;
      }
      this.#chart?.resize(w);
    }
    const scroll = this.renderRoot.querySelector<HTMLElement>('.diagram-scroll');
    if (scroll && scroll.clientWidth > 0 && Math.abs(scroll.clientWidth - this.diagramWidth) > 1) this.diagramWidth = scroll.clientWidth;
    this.#kick();
  }

  // ---- building -----------------------------------------------------------------------------

  async #rebuild(keepWeights: boolean): Promise<void> {
    const client = this.#client;
    if (!client || !this.ready) return;
    const s = this.state;
    if (s.dataset === 'custom' && s.data && s.data.size < 2) {
      this.built = null;
      this.#snap = null;
      this.playing = false;
      this.notify({ id: 'need-data', kind: 'info', text: 'Click on the plane to add points (at least 2), then train.' });
      this.#fresh = true;
      this.#kick();
      return;
    }
    this.dismiss('need-data');
    const token = ++this.#built;
    try {
      const setup = setupOf(s);
      const built = await client.api.configure(setup, keepWeights);
      if (token !== this.#built || this.#client !== client) return;
      this.#builtSetup = setup;
      this.#adopt(built);
    } catch (e) {
      this.playing = false;
      this.notify({ id: 'build', kind: 'error', text: `Could not build the network: ${message(e)}` });
    }
  }

  #adopt(built: Built): void {
    this.built = built;
    this.dismiss('build');
    if (!built.kept) {
      this.#chart?.clear();
      this.#lastEpochEvent = -1;
      this.#public = null;
      // A new network starts below any stop epoch: autoplay-to-stop applies again.
      if (this.playing) this.#stopArmed = this.state.stopEpoch > 0;
    }
    this.#snap = null;
    this.#dirty = true;
    this.#kick();
  }

  /** Replaces the network by an imported one (all-or-nothing: errors keep everything). */
  async importNetwork(next: PlaygroundState, json: string): Promise<void> {
    const client = this.#client;
    if (!client) return;
    this.playing = false;
    const setup = setupOf(next);
    const built = await client.api.importNetwork(setup, json);
    this.#built++;
    this.#builtSetup = setup;
    this.state = next;
    this.#emitChange();
    this.#adopt(built);
  }

  get api(): TrainerClient['api'] | null {
    return this.#client?.api ?? null;
  }

  // ---- the frame loop -----------------------------------------------------------------------

  #kick(): void {
    if (!this.#raf && this.isConnected) this.#raf = requestAnimationFrame(this.#frame);
  }

  #frame = (): void => {
    this.#raf = 0;
    this.#tickedThisFrame = false;
    if (this.#fresh) {
      this.#fresh = false;
      this.#render();
    }
    this.#maybeTick();
    if (this.playing) this.#kick();
  };

  /**
   * At most one tick per display frame, sent as soon as the previous answer is in: the
   * worker never waits for a frame, and "epochs per frame" keeps its meaning.
   */
  #maybeTick(): void {
    if (this.#tickedThisFrame || this.#inFlight || !this.built || !this.ready) return;
    if (!(this.playing || this.#dirty || this.#stepsQueued > 0)) return;
    this.#tickedThisFrame = true;
    void this.#tick();
  }
  #tickedThisFrame = false;

  async #tick(): Promise<void> {
    const client = this.#client;
    const built = this.built;
    if (!client || !built || !this.#painter) return;
    const train: TickRequest['train'] = this.#stepsQueued > 0 ? 'step' : this.playing ? 'play' : 'none';
    const until = train === 'play' && this.#stopArmed && this.state.stopEpoch > 0 ? this.state.stopEpoch : undefined;
    if (train === 'step') this.#stepsQueued--;
    this.#dirty = false;
    this.#inFlight = true;
    const shape = this.shape;
    const px = Math.min(MAIN_MAX, this.#painter.main.resize(this.#mainCss, window.devicePixelRatio || 1));
    const { xRange, yRange } = this.domain;
    const focus = this.focusUnit && this.focusUnit.layer > 0 && shape.dims === 2 ? this.focusUnit : null;
    const req: TickRequest = {
      train,
      maxEpochs: this.state.speed === 'max' ? Infinity : Number(this.state.speed),
      budgetMs: 12,
      full: !this.playing,
      main: { width: px, height: shape.dims === 1 ? 1 : px, dims: shape.dims, xRange, yRange, focus },
      thumbs: shape.dims === 1 ? THUMB_1D : THUMB_2D,
      params: true,
      until,
    };
    try {
      const snap = await client.api.tick(req);
      if (this.#client !== client) return;
      this.#inFlight = false;
      if (snap.version !== this.built?.version) {
        this.#kick();
        return;
      }
      this.#onSnapshot(snap);
      this.#maybeTick();
    } catch (e) {
      this.#inFlight = false;
      this.playing = false;
      this.notify({ id: 'tick', kind: 'error', text: `Training stopped: ${message(e)}` });
    }
  }

  #onSnapshot(snap: Snapshot): void {
    const prev = this.#snap;
    this.#snap = snap;
    this.#fresh = true;
    if (!prev || snap.epochsRun > 0 || snap.epoch !== prev.epoch) this.#chart?.push(snap.epoch, snap.trainLoss, snap.testLoss);
    this.#updateReadouts(snap);
    if (this.playing && this.#stopArmed && this.state.stopEpoch > 0 && snap.epoch >= this.state.stopEpoch) {
      this.#stopArmed = false;
      this.playing = false;
      this.#dirty = true;  // one full-resolution frame of the result
    }
    this.#public = this.#publicSnapshot(snap);
    if (snap.epoch !== this.#lastEpochEvent) {
      this.#lastEpochEvent = snap.epoch;
      const detail: EpochDetail = { epoch: snap.epoch, trainLoss: snap.trainLoss, testLoss: snap.testLoss, trainAccuracy: snap.trainAccuracy, testAccuracy: snap.testAccuracy };
      this.dispatchEvent(new CustomEvent('epoch', { detail }));
    }
    if (this.#public) this.dispatchEvent(new CustomEvent('update', { detail: this.#public }));
    if (snap.diverged && (this.playing || snap.epochsRun > 0 || !prev?.diverged)) {
      const wasPlaying = this.playing;
      this.playing = false;
      this.#stepsQueued = 0;
      this.notify({
        id: 'diverged',
        kind: 'error',
        text: `Training diverged at epoch ${snap.epoch}: the loss became infinite or NaN, so training ${wasPlaying ? 'was paused' : 'stopped'}. Lower the learning rate (now ${this.state.learningRate}) and press Play, or press Reset.`,
      });
      this.dispatchEvent(new CustomEvent('diverged', { detail: { epoch: snap.epoch } }));
    }
    this.#kick();
  }

  #publicSnapshot(snap: Snapshot): PlaygroundSnapshot | null {
    const setup = this.#builtSetup;
    const built = this.built;
    if (!setup || !built || !snap.params) return null;
    return {
      epoch: snap.epoch,
      trainLoss: snap.trainLoss,
      testLoss: snap.testLoss,
      trainAccuracy: snap.trainAccuracy,
      testAccuracy: snap.testAccuracy,
      diverged: snap.diverged,
      // The element builds dense layers only (client.ts networkConfig).
      network: { features: [...setup.features], layers: setup.network.layers.map((l) => ({ ...(l as DenseLayerConfig) })), loss: setup.network.loss ?? 'mse' },
      parameters: { weights: snap.params.weights.map((w) => w.slice()), biases: snap.params.biases.map((b) => b.slice()) },
      train: built.train,
      test: built.test,
      domain: this.domain,
      hash: this.#lastHash,
    };
  }

  /** Per-frame text goes straight into its elements (no template re-render per frame). */
  #updateReadouts(s: Snapshot): void {
    const set = (sel: string, text: string): void => {
      const el = this.renderRoot.querySelector(sel);
      if (el && el.textContent !== text) el.textContent = text;
    };
    const classification = this.shape.problem === 'classification';
    set('[data-readout="epoch"]', String(s.epoch).padStart(6, '0'));
    set('[data-readout="train-loss"]', fmt(s.trainLoss));
    set('[data-readout="test-loss"]', fmt(s.testLoss));
    set('[data-readout="train-acc"]', classification && Number.isFinite(s.trainAccuracy) ? `${(s.trainAccuracy * 100).toFixed(1)} %` : '–');
    set('[data-readout="test-acc"]', classification && Number.isFinite(s.testAccuracy) ? `${(s.testAccuracy * 100).toFixed(1)} %` : '–');
    set('[data-readout="rate"]', this.playing ? `${Math.round(s.stepsPerSecond).toLocaleString('en-US')} steps/s · ${Math.round(s.epochsPerSecond).toLocaleString('en-US')} epochs/s` : 'paused');
  }

  // ---- rendering of the canvases ------------------------------------------------------------

  get domain(): Domain {
    return viewDomain(this.state, this.shape, this.built);
  }

  get valueScale(): number {
    return valueScale(this.built);
  }

  get layout(): DiagramLayout {
    return diagramLayout(this.state, this.shape, this.built, this.diagramWidth);
  }

  #frameInput(): FrameInput {
    return {
      state: this.state,
      shape: this.shape,
      built: this.built,
      snap: this.#snap,
      focus: this.focusUnit,
      drawing: this.drawMode !== 'off',
      playing: this.playing,
      palette: this.palette,
      mainCss: this.#mainCss,
      diagramWidth: this.diagramWidth,
      hoverWeight: this.#hoverWeight,
    };
  }

  #render(): void {
    this.#painter?.paint(this.#frameInput());
  }

  // ---- interactions used by the panels ---------------------------------------------------

  setFocus(f: UnitRef | null): void {
    if (this.focusUnit?.layer === f?.layer && this.focusUnit?.unit === f?.unit) return;
    this.focusUnit = f;
    this.#dirty = true;
    this.#fresh = true;
    this.#kick();
  }

  /** The weight under a point of the diagram (CSS pixels relative to the lines canvas). */
  weightAt(x: number, y: number): WeightRef | null {
    return this.#painter?.weightAt(x, y) ?? null;
  }

  hoverWeight(w: WeightRef | null): void {
    const same = w && this.#hoverWeight && w.layer === this.#hoverWeight.layer && w.unit === this.#hoverWeight.unit && w.input === this.#hoverWeight.input;
    if (same || (!w && !this.#hoverWeight)) return;
    this.#hoverWeight = w;
    this.#painter?.paintLines(this.#frameInput());
  }

  get parameters(): Snapshot['params'] {
    return this.#snap?.params ?? null;
  }

  async applyEdit(value: number): Promise<void> {
    const e = this.editor;
    const api = this.#client?.api;
    if (!e || !api) return;
    const set = e.kind === 'weight' ? api.setWeight(e.layer, e.unit, e.input, value) : api.setBias(e.layer, e.unit, value);
    // The editor closes once the value is in (it stays open, for the error, if that fails).
    await this.#edited(
      set.then(() => {
        this.editor = null;
      }),
    );
  }

  /** Adds or removes drawn points: the first edit turns the current data into custom data. */
  editPoints(fn: (points: Dataset) => Dataset): void {
    let base: Dataset;
    if (this.state.dataset === 'custom' && this.state.data) base = this.state.data;
    else if (this.built) base = concatPoints(this.built.train, this.built.test);
    else return;
    const next = fn(base);
    if (next === base) return;
    const wasCustom = this.state.dataset === 'custom';
    this.applySettings({ dataset: 'custom', data: next }, { reset: !wasCustom && next.classes !== base.classes });
  }

  get mainView(): MainView | null {
    return this.#painter?.main ?? null;
  }

  // ---- template -------------------------------------------------------------------------------

  override render() {
    return html`
      <div class="app">
        ${this.isHidden('header')
          ? null
          : html`<header class="top">
              <h1>mlp-playground</h1>
              <p>Train a neural network in your browser and watch linear layers and nonlinearities bend the decision boundary.</p>
              <slot name="header"></slot>
              <label class="row">
                <span class="label">Theme</span>
                <select aria-label="Colour scheme" .value=${this.state.theme} @change=${(e: Event) => this.applySettings({ theme: (e.target as HTMLSelectElement).value as PlaygroundState['theme'] })}>
                  <option value="auto">System</option>
                  <option value="light">Light</option>
                  <option value="dark">Dark</option>
                </select>
              </label>
            </header>`}
        ${renderToolbar(this)}
        <div class="notices" role="status" aria-live="polite">
          ${this.notices.map(
            (n) => html`<div class="notice ${n.kind}" data-notice=${n.id} role=${n.kind === 'error' ? 'alert' : 'note'}>
              <div class="text">
                ${n.text}
                ${n.details ? html`<ul>${n.details.map((d) => html`<li>${d}</li>`)}</ul>` : null}
              </div>
              <button aria-label="Dismiss notice" @click=${() => this.dismiss(n.id)}>✕</button>
            </div>`,
          )}
        </div>
        ${this.ready ? null : html`<div class="loading">Loading the WebAssembly core…</div>`}
        <div class="columns ${this.isHidden('data') ? 'no-data' : ''} ${this.isHidden('network') ? 'no-network' : ''}">
          ${this.isHidden('data') ? null : renderData(this)}
          ${this.isHidden('network') ? null : renderNetwork(this)}
          ${renderOutput(this)}
        </div>
      </div>
    `;
  }
}

if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);
