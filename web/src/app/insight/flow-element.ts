// <mlp-gradient-flow>: the "Gradient flow" region. Per layer over the epochs, the weights'
// gradient norm and the update ratio ‖ΔW‖/‖W‖ (the worker's history records both every
// epoch), each on a log axis; and a table of the last epoch's values with the dead ReLU and
// saturated tanh/sigmoid units on the training data now (net.layerStats). It follows
// training through its playground's events, fetching and drawing at most twice a second.
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import type { Messages } from '../../i18n/messages.js';
import { FlowChart, layerColour, scientific } from '../../view/flow-chart.js';
import type { Curve } from '../../worker/history.js';
import type { FlowStats } from '../../worker/protocol.js';
import type { PanelHost } from '../host.js';
import type { PlaygroundState } from '../settings.js';
import { follow, Refresher } from './refresh.js';
import { adoptStyles } from '../../view/adopt-styles.js';
import { insightElementStyles } from './styles.js';

const REFRESH_MS = 500;

export class GradientFlow extends LitElement {
  static override properties = { host: { attribute: false }, m: { attribute: false }, state: { attribute: false } };
  host!: PanelHost;
  m!: Messages;
  state!: PlaygroundState;
  #curve: Curve | null = null;
  #stats: FlowStats | null = null;
  #grad: FlowChart | null = null;
  #ratio: FlowChart | null = null;
  #width = 300;
  #resize = new ResizeObserver((entries) => {
    const w = entries[0]?.contentRect.width ?? 0;
    if (w > 0 && Math.abs(w - this.#width) > 1) {
      this.#width = w;
      this.#draw();
    }
  });
  #refresh = new Refresher(() => this.#fetch(), REFRESH_MS);
  #unfollow: (() => void) | null = null;
  #onUpdate = (): void => this.#refresh.ask();

  // Light DOM: the element's styles (insightStyles, with uPlot's) are the playground's; the
  // chunk then imports nothing of the first load but lit.
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
    this.#grad?.destroy();
    this.#ratio?.destroy();
    this.#grad = this.#ratio = null;
  }

  async #fetch(): Promise<void> {
    const [history, stats] = await Promise.all([this.host.insight.history(), this.host.insight.flowStats()]).catch(() => [null, null] as const);
    if (!history || !stats || history.version !== stats.version) return;
    this.#curve = history.curve;
    this.#stats = stats;
    this.requestUpdate();
  }

  /** Labels of the layers: 1, 2, ... and the output layer's. */
  #labels(): string[] {
    const n = this.#stats?.stats.length ?? 0;
    return Array.from({ length: n }, (_, l) => (l === n - 1 ? this.m.t('insight.output') : String(l + 1)));
  }

  protected override updated(_changed: PropertyValues): void {
    this.#draw();
  }

  #draw(): void {
    const c = this.#curve;
    if (!c || c.epochs.length === 0 || c.layers === 0 || !this.m) return;
    const labels = this.#labels();
    if (labels.length !== c.layers) return;
    const pal = this.host.palette;
    const grad = this.renderRoot.querySelector<HTMLElement>('.flow-chart.grad');
    const ratio = this.renderRoot.querySelector<HTMLElement>('.flow-chart.ratio');
    if (!grad || !ratio) return;
    this.#grad ??= new FlowChart(grad);
    this.#ratio ??= new FlowChart(ratio);
    const width = grad.clientWidth || this.#width;
    this.#grad.draw(c.epochs, c.gradNorm, labels, this.m.t('chart.epoch'), pal, width, this.m.locale);
    this.#ratio.draw(c.epochs, c.updateRatio, labels, this.m.t('chart.epoch'), pal, width, this.m.locale);
  }

  override render() {
    const m = this.m;
    if (!m) return nothing;
    const c = this.#curve, st = this.#stats;
    const n = c?.epochs.length ?? 0;
    const L = c?.layers ?? 0;
    const labels = this.#labels();
    const last = (a: Float32Array, l: number): number => (n > 0 ? a[(n - 1) * L + l]! : NaN);
    return html`<section class="flow" role="region" aria-label=${m.t('insight.flow')} data-epoch=${st ? String(st.epoch) : nothing} data-epochs=${String(n)}>
      <p>${m.t('insight.flowAbout')}</p>
      ${n === 0 ? html`<p role="status">${m.t('insight.noEpochs')}</p>` : nothing}
      <figure ?hidden=${n === 0}><figcaption>${m.t('insight.gradNorm')}</figcaption><div class="flow-chart grad"></div></figure>
      <figure ?hidden=${n === 0}><figcaption>${m.t('insight.updateRatio')}</figcaption><div class="flow-chart ratio"></div></figure>
      ${st && c && L === st.stats.length
        ? html`<table>
            <thead>
              <tr>
                <th scope="col">${m.t('insight.layer')}</th>
                <th scope="col">${m.t('insight.units')}</th>
                <th scope="col">‖∂L/∂W‖</th>
                <th scope="col">‖ΔW‖/‖W‖</th>
                <th scope="col" title=${m.t('insight.deadTitle')}>${m.t('insight.dead')}</th>
                <th scope="col" title=${m.t('insight.saturatedTitle')}>${m.t('insight.saturated')}</th>
              </tr>
            </thead>
            <tbody>
              ${st.stats.map((s, l) => {
                const g = last(c.gradNorm, l), r = last(c.updateRatio, l);
                return html`<tr data-layer=${String(l)} data-grad-norm=${String(g)} data-update-ratio=${String(r)} data-dead=${String(s.dead)} data-saturated=${String(s.saturated)}>
                  <th scope="row"><span class="swatch" style=${`background:${layerColour(l, L)}`}></span>${labels[l]}</th>
                  <td>${m.int(s.units)}</td>
                  <td>${scientific(g, m.locale)}</td>
                  <td>${scientific(r, m.locale)}</td>
                  <td>${m.int(s.dead)}</td>
                  <td>${m.int(s.saturated)}</td>
                </tr>`;
              })}
            </tbody>
          </table>`
        : nothing}
    </section>`;
  }
}
