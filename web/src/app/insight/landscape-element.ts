// <mlp-loss-landscape>: the "Loss landscape" canvas. The training loss over θ + α·d₁ + β·d₂
// (41 × 41, computed in the worker by the core's one batched call) as a heatmap with contour
// lines, the recorded path projected onto the plane and the current point. Directions:
// random filter-normalised, or the path's principal directions; colours linear or log. It is
// computed when opened, when the directions change, on Recompute, and when training pauses
// at a new epoch — never per frame while training. The canvas's data- attributes state what
// it shows (the epoch, the range, the path's last point and the current point, in the
// plane's coordinates and in CSS pixels) for tests and for readers of the page's markup.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Messages } from '../../i18n/messages.js';
import { drawLandscape, planeToPixel } from '../../view/landscape.js';
import type { Landscape } from '../../worker/protocol.js';
import type { PanelHost } from '../host.js';
import type { LandscapeDirections, PlaygroundState } from '../settings.js';
import { follow, Refresher } from './refresh.js';
import { adoptStyles } from '../../view/adopt-styles.js';
import { insightElementStyles } from './styles.js';

/** α and β values each: the issue's 41 × 41 slice. */
export const LANDSCAPE_STEPS = 41;
const SEED = 1;

type Status = { kind: 'idle' | 'computing' | 'ready' } | { kind: 'error'; pcaShort: boolean; technical: string };

export class LossLandscape extends LitElement {
  static override properties = { host: { attribute: false }, m: { attribute: false }, state: { attribute: false }, playing: { attribute: false }, directions: { attribute: false } };
  host!: PanelHost;
  m!: Messages;
  state!: PlaygroundState;
  /** The host's playing, as a property: pausing is what recomputes. */
  playing = false;
  /** The directions the setting allows (its row's choices, handed in: this chunk imports no settings code). */
  directions: readonly LandscapeDirections[] = [];
  #result: Landscape | null = null;
  #status: Status = { kind: 'idle' };
  #shownRange = { lo: NaN, hi: NaN };
  #unfollow: (() => void) | null = null;
  #refresh = new Refresher(() => this.#compute(), 250);
  #resize = new ResizeObserver(() => this.#paint());

  /** The latest epoch its playground reported (its update events). */
  #epoch: number | null = null;

  #onUpdate = (e: Event): void => {
    const epoch = (e as CustomEvent<{ epoch?: number } | null>).detail?.epoch;
    if (typeof epoch === 'number') this.#epoch = epoch;
    this.#followPause();
  };

  /** Paused at a state the picture is not of: compute it again (never while training). */
  #followPause(): void {
    if (this.host.playing) return;
    const r = this.#result, built = this.host.built;
    if (!r || !built || r.version !== built.version || r.epoch !== this.#epoch || r.directions !== this.state.landscapeDirs) this.#refresh.ask();
  }

  // Light DOM, as <mlp-gradient-flow>: styled by the playground's insightStyles.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    adoptStyles(this, 'insight', insightElementStyles.styleSheet ?? insightElementStyles.cssText);
    super.connectedCallback();
    this.#unfollow = follow(this, this.#onUpdate, this.#resize);
    this.#refresh.ask();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unfollow?.();
    this.#unfollow = null;
    this.#refresh.stop();
  }

  async #compute(): Promise<void> {
    const directions = this.state.landscapeDirs;
    this.#status = { kind: 'computing' };
    this.requestUpdate();
    try {
      const r = await this.host.insight.landscape({ directions, steps: LANDSCAPE_STEPS, seed: SEED });
      if (!r) {
        this.#status = { kind: this.#result ? 'ready' : 'idle' };
      } else {
        this.#result = r;
        this.#status = { kind: 'ready' };
      }
    } catch (e) {
      const technical = e instanceof Error ? e.message : String(e);
      this.#status = { kind: 'error', pcaShort: /needs a trajectory/.test(technical), technical };
    }
    this.requestUpdate();
    // The directions changed while it ran: once more.
    if (this.state.landscapeDirs !== directions) this.#refresh.ask();
  }

  protected override updated(changed: PropertyValues): void {
    const before = changed.get('state') as PlaygroundState | undefined;
    if (before && before.landscapeDirs !== this.state.landscapeDirs) this.#refresh.ask();
    if (changed.has('playing') && changed.get('playing') === true && !this.playing) this.#followPause();
    this.#paint();
  }

  #paint(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas');
    const r = this.#result;
    if (!canvas || !r) return;
    const side = canvas.clientWidth;
    if (side <= 0) return;
    const shown = drawLandscape(canvas, { steps: r.steps, range: r.range, loss: r.loss, path: r.path, log: this.state.landscapeLog }, side, devicePixelRatio || 1, this.host.palette);
    const k = r.path.length / 2;
    const end = [r.path[2 * k - 2]!, r.path[2 * k - 1]!] as const;
    const px = (a: number, b: number): string => planeToPixel(a, b, r.range, side).map((v) => v.toFixed(2)).join(',');
    const set = (name: string, value: string): void => canvas.setAttribute(`data-${name}`, value);
    set('epoch', String(r.epoch));
    set('directions', r.directions);
    set('range', String(r.range));
    set('path-points', String(k));
    set('path-end', `${end[0]},${end[1]}`);
    set('current', '0,0');
    set('path-end-px', px(end[0], end[1]));
    set('current-px', px(0, 0));
    if (shown.lo !== this.#shownRange.lo || shown.hi !== this.#shownRange.hi) {
      this.#shownRange = shown;
      this.requestUpdate();
    }
  }

  override render() {
    const m = this.m;
    if (!m) return nothing;
    const s = this.state, r = this.#result, st = this.#status;
    const num = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : '–');
    return html`
      <p class="about">${m.t('insight.landscapeAbout')}</p>
      <div class="controls">
        <label>${m.t('insight.directions')}
          <select @change=${(e: Event) => this.host.applySettings({ landscapeDirs: (e.target as HTMLSelectElement).value as LandscapeDirections })}>
            ${this.directions.map((d) => html`<option value=${d} ?selected=${d === s.landscapeDirs}>${m.t(d === 'pca' ? 'insight.pca' : 'insight.random')}</option>`)}
          </select>
        </label>
        <label><input type="checkbox" .checked=${s.landscapeLog} @change=${(e: Event) => this.host.applySettings({ landscapeLog: (e.target as HTMLInputElement).checked })} /> ${m.t('insight.log')}</label>
        <button @click=${() => this.#refresh.ask()} ?disabled=${st.kind === 'computing'}>${m.t('insight.recompute')}</button>
      </div>
      <canvas class="landscape" role="img" aria-label=${m.t('insight.landscape')} data-state=${st.kind}></canvas>
      <div role="status">
        ${st.kind === 'computing' ? html`<p>${m.t('insight.computing')}</p>` : nothing}
        ${st.kind === 'error' ? html`<p class="error" title=${st.technical}>${m.t(st.pcaShort ? 'insight.pcaShort' : 'insight.failed')}</p>` : nothing}
      </div>
      ${r
        ? html`<p>${m.t('insight.lossRange', { lo: num(this.#shownRange.lo), hi: num(this.#shownRange.hi) })} ${m.t('insight.axes', { range: num(r.range) })}</p>
            ${r.explained ? html`<p>${m.t('insight.explained', { a: m.percent(r.explained[0]), b: m.percent(r.explained[1]) })}</p>` : nothing}
            <p>${m.t('insight.at', { epoch: m.int(r.epoch) })}</p>`
        : nothing}
    `;
  }
}
