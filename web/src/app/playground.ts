// <mlp-playground>: the element itself — its properties and attributes, its public methods
// and events, and the template that places the panels. Everything else is the controller's
// (controller.ts: settings, worker, frames, snapshots), which the panels see only through
// the host interface (host.ts). The element knows nothing of the page: the host page
// (web/src/main.ts) syncs the URL hash through `config` and the `change` event; tutorials
// embed it by attributes.
//
// Attributes: config (URL-hash format), one attribute per setting (the settings table,
// settings.ts; they win over config), hide (comma list of host.ts PARTS), view (boundary |
// boundary+network | full), autoplay, lang (en | zh; else the nearest lang above, live).
// Keys: Space, →, R, ? (keys.ts). Events: ready, change, epoch, diverged, update. Methods
// (callable at any time: they wait for the network): whenReady(), play(), pause(), step(),
// reset(), setWeight(), setBias(). Getters: snapshot, shownSnapshot. The public types are in api.ts.
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { loadChallengeMessages } from '../i18n/messages.js';
import { adoptStyles } from '../view/adopt-styles.js';
import type { PlaygroundSnapshot, PlaygroundView } from './api.js';
import { isSettingAttribute, OBSERVED_SETTING_ATTRIBUTES } from './attributes.js';
import type { ChallengeWatch } from './challenges/watch.js';
import { PlaygroundController } from './controller.js';
import { shortcutOf } from './keys.js';
import { COLUMN_PANELS, elementStyles, TOP_PANELS } from './panels/index.js';
import { lazyPart } from './panels/lazy.js';
import type { PlaygroundState } from './settings.js';

/**
 * A challenge's banner and live goal check (challenges/watch.ts, with the challenges' English
 * messages): a chunk fetched when the settings first name a challenge, not on the first load.
 */
const challengePart = lazyPart(() => Promise.all([import('./challenges/watch.js'), loadChallengeMessages()]).then(([w]) => w));

export class MlpPlayground extends LitElement {
  static override styles = elementStyles;
  static override properties = {
    config: { type: String },
    hide: { type: String },
    view: { type: String },
    autoplay: { type: Boolean },
  };

  /** Settings in the URL-hash format; setting it applies them (invalid fields fall back). */
  config = '';
  hide = '';
  view: PlaygroundView = 'full';
  autoplay = false;

  #controller = new PlaygroundController(this);
  /** The `challenge` setting's goal, checked on every update event (once a challenge is set). */
  #challenge: ChallengeWatch | null = null;
  /** Setting attributes changed since the last update (applied together in willUpdate). */
  #attrChanged = new Set<string>();

  constructor() {
    super();
    // Keys pressed anywhere inside (events from the shadow root arrive retargeted here).
    this.addEventListener('keydown', (e) => this.#onKey(e));
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, ...OBSERVED_SETTING_ATTRIBUTES, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'lang') {
      this.#controller.language.update();
      return;
    }
    if (isSettingAttribute(name)) {
      if (old === value) return;
      this.#attrChanged.add(name);
      this.requestUpdate();
      return;
    }
    super.attributeChangedCallback(name, old, value);
  }

  // ---- public API (api.ts MlpPlaygroundElement) ------------------------------------------------

  /** The latest snapshot (copies of the parameters, the data, the domain), or null. */
  get snapshot(): PlaygroundSnapshot | null {
    return this.#controller.snapshot;
  }

  /** What the views show: the recorded epoch the history scrubber shows, else `snapshot`. */
  get shownSnapshot(): PlaygroundSnapshot | null {
    return this.#controller.shownSnapshot;
  }

  get playing(): boolean {
    return this.#controller.playing;
  }

  // The methods may be called at any time: before the worker has loaded its core or while a
  // network is being built they wait, in call order, until it is built (controller.gate).

  /** Resolves once a network is built and no build is in flight; rejects if none can be. */
  whenReady(): Promise<void> {
    return this.#controller.gate.run(() => undefined);
  }

  /** Starts training; resolves once it has started, rejects if the network cannot be built. */
  play(): Promise<void> {
    return this.#controller.gate.run(() => this.#controller.play());
  }

  pause(): void {
    this.#controller.gate.run(() => this.#controller.pause()).catch(() => {});  // no network: nothing to pause
  }

  /** Trains exactly one epoch; resolves when it is done (its snapshot is in). */
  step(): Promise<void> {
    return this.#controller.gate.run(() => this.#controller.stepped());
  }

  /** New initial weights from the seed, epoch 0; resolves when the network is rebuilt. */
  reset(): Promise<void> {
    return this.#controller.gate.run(() => this.#controller.resetNetwork());
  }

  /** Sets one weight of dense layer `layer` (0-based; PyTorch layout [unit, input]). */
  setWeight(layer: number, unit: number, input: number, value: number): Promise<void> {
    return this.#controller.gate.run(() => this.#controller.setWeight(layer, unit, input, value));
  }

  /** Sets one bias of dense layer `layer` (0-based, the output layer last). */
  setBias(layer: number, unit: number, value: number): Promise<void> {
    return this.#controller.gate.run(() => this.#controller.setBias(layer, unit, value));
  }

  /** The controller's ElementSide.prepare: the challenge's chunk, when the settings name one. */
  prepare(state: PlaygroundState): Promise<unknown>[] | null {
    const wait = challengePart.prepare(state.challenge !== '');
    return wait ? [wait] : null;
  }

  /** The challenge's banner, if the settings name one (the chunk renders it once it is in). */
  #challengeBanner(): TemplateResult | typeof nothing {
    const c = this.#controller;
    if (!c.state.challenge) return nothing;
    if (!this.#challenge) {
      const w = challengePart.module;
      if (!w) {
        challengePart.load().then(() => this.requestUpdate(), () => {});
        return nothing;
      }
      adoptStyles(this.renderRoot, 'challenge', w.challengeStyles.styleSheet ?? w.challengeStyles.cssText);
      this.#challenge = new w.ChallengeWatch(this, () => this.#controller.state);
    }
    return this.#challenge.render(c.m);
  }

  // ---- keyboard ----------------------------------------------------------------------------

  #onKey(e: KeyboardEvent): void {
    const c = this.#controller;
    if (!c.canRender) return;
    const target = (e.composedPath()[0] ?? null) as HTMLElement | null;
    const key = shortcutOf(e, target instanceof Element ? target : null);
    if (!key) return;
    if (key === 'close') {
      if (!c.ui.help) return;
      c.setUi({ help: false });
    } else if (key === 'help') {
      c.setUi({ help: !c.ui.help });
    } else if (key === 'play-pause') {
      if (c.playing) c.pause();
      else c.play();
    } else if (key === 'step') c.step();
    else void c.reset();
    e.preventDefault();  // Space would scroll the page
  }

  /** The list of keys takes the focus while open and hands it back when closed. */
  #helpOpen = false;
  #helpReturn: Element | null = null;

  protected override updated(): void {
    const open = this.#controller.ui.help;
    if (open === this.#helpOpen) return;
    this.#helpOpen = open;
    if (open) {
      this.#helpReturn = this.shadowRoot?.activeElement ?? null;
      this.renderRoot.querySelector<HTMLElement>('.keys-help button')?.focus();
    } else if (this.#helpReturn instanceof HTMLElement && this.#helpReturn.isConnected) this.#helpReturn.focus();
  }

  // ---- attributes → settings --------------------------------------------------------------

  protected override willUpdate(changed: PropertyValues): void {
    const configChanged = changed.has('config') && typeof this.config === 'string';
    if (configChanged || this.#attrChanged.size > 0) {
      const attributes = OBSERVED_SETTING_ATTRIBUTES.filter((n) => this.hasAttribute(n)).map((n): [string, string] => [n, this.getAttribute(n)!]);
      this.#controller.setSource({ config: this.config ?? '', attributes, changed: configChanged ? null : [...this.#attrChanged] });
      this.#attrChanged.clear();
    }
    if (changed.has('hide') || changed.has('view')) this.#controller.partsChanged();
  }

  // ---- template -----------------------------------------------------------------------------

  override render() {
    const c = this.#controller;
    const m = c.m;
    const hidden = (part: 'data' | 'network') => (c.isHidden(part) ? `no-${part}` : '');
    return html`
      <div class="app" lang=${m.htmlLang}>
        ${c.canRender ? TOP_PANELS.map((p) => (p.part && c.isHidden(p.part) ? null : p.render(c))) : null}
        ${c.canRender ? this.#challengeBanner() : null}
        <div class="notices" role="status" aria-live="polite">
          ${c.notices.map(
            (n) => html`<div class="notice ${n.kind}" data-notice=${n.id} role=${n.kind === 'error' ? 'alert' : 'note'}>
              <div class="text">
                ${n.text(m)}
                ${n.details ? html`<ul>${n.details(m).map((d) => html`<li>${d}</li>`)}</ul>` : null}
                ${n.technical ? html`<details><summary>${m.t('app.technical')}</summary><code lang="en">${n.technical}</code></details>` : null}
              </div>
              ${n.action ? html`<button class="action" @click=${n.action.run}>${n.action.label(m)}</button>` : null}
              <button aria-label=${m.t('app.dismiss')} @click=${() => c.dismiss(n.id)}>✕</button>
            </div>`,
          )}
        </div>
        ${c.loading ? html`<div class="loading">${m.t('app.loading')}</div>` : null}
        ${c.canRender
          ? html`<div class="columns ${hidden('data')} ${hidden('network')}">
              ${COLUMN_PANELS.map((p) => (p.part && c.isHidden(p.part) ? null : p.render(c)))}
            </div>`
          : null}
      </div>
    `;
  }
}

if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);
