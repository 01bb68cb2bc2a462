// <mlp-step-walk>: "Step through one update", a lazily loaded chunk (panels/walk-slot.ts
// imports it on the first open; its styles, walk-styles.ts, come with it). It asks the host for the core's numbers of one update on
// the chosen training points (host.walkStep), walks through its stages with Previous / Next
// (buttons, ← and → inside it; Escape closes), tells the diagram which layer to outline
// and what to draw on its edges (ui.walk), and takes the step only on "Apply this step".
import { html, LitElement, type PropertyValues } from 'lit';
import type { Parameters } from '../../../core/types.js';
import type { Messages } from '../../../i18n/messages.js';
import type { Built, WalkStep } from '../../../worker/protocol.js';
import type { PanelHost, WalkUi } from '../../host.js';
import { adoptStyles } from '../../../view/adopt-styles.js';
import { message } from '../../text.js';
import { walkStyles } from './walk-styles.js';
import { renderStage, type Stage, type StageContext, stagesOf, stageTitle } from './stages.js';

export class StepWalk extends LitElement {
  static override properties = {
    host: { attribute: false },
    walk: { attribute: false },
    m: { attribute: false },
    built: { attribute: false },
    parameters: { attribute: false },
    _step: { state: true },
    _stage: { state: true },
    _error: { state: true },
    _busy: { state: true },
  };

  host!: PanelHost;
  walk!: WalkUi;
  m!: Messages;
  built: Built | null = null;
  parameters: Parameters | null = null;
  _step: WalkStep | null = null;
  _stage = 0;
  _error = '';
  _busy = false;
  /** What the shown numbers were computed for (points and parameters). */
  #for: { points: string; parameters: Parameters | null } | null = null;
  /** Where "Next minibatch" starts next. */
  #cursor = 0;

  // Rendered in the element's own shadow root (no root of its own): its buttons look like the
  // element's; its styles (walk-styles.ts) join that root when it is first connected there.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    adoptStyles(this, 'walk', walkStyles.styleSheet ?? walkStyles.cssText);
    super.connectedCallback();
    // Focus inside, so the arrow keys and Escape act at once.
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.walk')?.focus());
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!changed.has('walk') && !changed.has('parameters') && !changed.has('built')) return;
    const key = this.walk.points.join(',');
    if (key === '' || (this.#for?.points === key && this.#for.parameters === this.parameters)) return;
    // Other points, or the network moved (an applied step, an edit): the numbers again.
    const keepStage = this.#for?.points === key;
    this.#for = { points: key, parameters: this.parameters };
    void this.#load(this.walk.points, keepStage);
  }

  async #load(points: number[], keepStage: boolean): Promise<void> {
    this._busy = true;
    this._error = '';
    try {
      const step = await this.host.walkStep(points);
      if (points.join(',') !== this.walk.points.join(',')) return;  // a newer choice is loading
      this._step = step;
      if (!keepStage) {
        this._stage = 0;
        // A point was just picked on the main view: ← and → now belong to the walk.
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.walk')?.focus({ preventScroll: true }));
      }
      this._stage = Math.min(this._stage, this.#stages().length - 1);
      this.#show();
    } catch (e) {
      this._error = message(e);
    } finally {
      this._busy = false;
    }
  }

  #stages(): Stage[] {
    return this._step ? stagesOf(this._step.trace.layers.length) : [];
  }

  /** The diagram follows the stage: the layer outlined, ∂L/∂W (backward) or Δw (update) on its edges. */
  #show(): void {
    const stage = this.#stages()[this._stage];
    const s = this._step;
    if (!stage || !s) return;
    const layer = stage.kind === 'loss' ? s.trace.layers.length : stage.layer + 1;
    const edges = stage.kind === 'backward' ? s.gradients.weights : stage.kind === 'update' ? s.preview.delta.weights : null;
    this.host.setUi({ walk: { ...this.walk, layer, edges } });
  }

  #go(delta: number): void {
    const n = this.#stages().length;
    const next = Math.max(0, Math.min(n - 1, this._stage + delta));
    if (next === this._stage) return;
    this._stage = next;
    this.#show();
  }

  #nextBatch(): void {
    const train = this.built?.train;
    if (!train || train.size === 0) return;
    const b = Math.max(1, Math.min(this.host.state.batchSize, train.size, 1000));
    const start = this.#cursor % train.size;
    this.#cursor = start + b;
    this.host.setUi({ walk: { ...this.walk, points: Array.from({ length: b }, (_, k) => (start + k) % train.size) } });
  }

  #close(): void {
    // Back to the button that opened it (before this element leaves the page).
    (this.getRootNode() as ShadowRoot | Document).querySelector<HTMLElement>('.walk-open')?.focus();
    this.host.setUi({ walk: null });
  }

  async #apply(): Promise<void> {
    const s = this._step;
    if (!s || this._busy) return;
    this._busy = true;
    try {
      await this.host.applyWalkStep(s.points);
      this.host.setUi({ walk: null });
    } catch (e) {
      this._error = message(e);
    } finally {
      this._busy = false;
    }
  }

  #key(e: KeyboardEvent): void {
    const tag = (e.composedPath()[0] as HTMLElement | undefined)?.tagName ?? '';
    if (e.key === 'Escape') this.#close();
    else if (e.key === 'ArrowRight' && tag !== 'SELECT') this.#go(1);
    else if (e.key === 'ArrowLeft' && tag !== 'SELECT') this.#go(-1);
    else return;
    // The element's own shortcuts (→ is one epoch) do not see these keys.
    e.preventDefault();
    e.stopPropagation();
  }

  override render(): unknown {
    const m = this.m;
    const s = this._step;
    const stages = this.#stages();
    const stage = stages[this._stage];
    const layers = this.built?.layers ?? [];
    const c: StageContext | null = s
      ? { m, step: s, activations: layers.map((l) => l.activation ?? 'linear'), residual: layers.map((l) => l.residual), inputs: this.host.state.features.map((f) => this.host.catalog.featureLabel(f)) }
      : null;
    const chosen = s?.points ?? this.walk.points;
    const which =
      chosen.length === 0 ? m.t('walk.pick')
      : chosen.length === 1 ? m.t('walk.point', { n: chosen[0]! + 1 })
      : m.t('walk.batch', { from: chosen[0]! + 1, n: chosen.length });
    const last = this._stage === stages.length - 1;
    return html`<section class="walk" role="region" aria-labelledby="walk-h" tabindex="-1" @keydown=${(e: KeyboardEvent) => this.#key(e)}>
      <div class="head">
        <h3 id="walk-h">${m.t('walk.title')}</h3>
        <button class="close" @click=${() => this.#close()}>${m.t('walk.close')}</button>
      </div>
      <p class="which" data-points=${chosen.join(',')}>${which}
        <button class="batch" @click=${() => this.#nextBatch()}>${m.t('walk.nextBatch')}</button></p>
      ${this._error ? html`<p class="warn" role="alert">${this._error}</p>` : null}
      ${c && stage
        ? html`<div class="stage" data-stage=${stage.kind} data-layer=${stage.kind === 'loss' ? '' : String(stage.layer)} aria-live="polite">
              <h4><span class="count">${m.t('walk.stageOf', { k: this._stage + 1, n: stages.length })}</span> ${stageTitle(c, stage)}</h4>
              ${renderStage(c, stage)}
            </div>
            <div class="nav">
              <button class="prev" ?disabled=${this._stage === 0} @click=${() => this.#go(-1)}>${m.t('walk.previous')}</button>
              <button class="next" ?disabled=${last} @click=${() => this.#go(1)}>${m.t('walk.next')}</button>
              ${last ? html`<button class="apply" ?disabled=${this._busy} @click=${() => void this.#apply()}>${m.t('walk.apply')}</button>` : null}
            </div>
            <p class="hint">${m.t('walk.keys')}</p>`
        : null}
    </section>`;
  }
}

/** Defines <mlp-step-walk> (once; called by the loader: the bundles treat modules as side-effect free). */
export function defineStepWalk(): void {
  if (!customElements.get('mlp-step-walk')) customElements.define('mlp-step-walk', StepWalk);
}

declare global {
  interface HTMLElementTagNameMap {
    'mlp-step-walk': StepWalk;
  }
}
