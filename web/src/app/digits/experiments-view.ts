// The Digits mode's experiments as one-click presets with their numbers: Structure is a
// prior and Data decide run in a worker of their own (worker/experiments-worker.ts);
// Fooling the network perturbs the drawn (or the first rightly answered test) digit with
// FGSM on the page's core, ε on a slider; Outside its experience reads the draw pad.
import * as Comlink from 'comlink';
import { html, nothing, type TemplateResult } from 'lit';
import type { Network } from '../../core/index.js';
import type { ImageDataset } from '../../core/types.js';
import type { Messages } from '../../i18n/messages.js';
import type { ExperimentsApi } from '../../worker/experiments-worker.js';
import { fgsm, permuteImages, pixelPermutation } from './experiments.js';
import { argmaxRows } from './metrics.js';
import { drawDigits } from './pictures.js';
import { type DataRun, DATA_COUNTS, EPSILONS, fool, PRIOR_RUN, type PriorResult } from './runs.js';

type Status<T> = { state: 'idle' } | { state: 'running' } | { state: 'done'; result: T } | { state: 'failed'; error: string };

export class ExperimentsState {
  prior: Status<PriorResult> = { state: 'idle' };
  data: Status<DataRun[]> = { state: 'idle' };
  epsilon = 0.1;
  digit: Float32Array | null = null;
  #worker: Worker | null = null;
  #api: Comlink.Remote<ExperimentsApi> | null = null;
  // What the FGSM section shows now (drawn in draw()).
  #fooled: { x: Float32Array; image: Float32Array } | null = null;

  constructor(private readonly changed: () => void) {}

  #remote(): Comlink.Remote<ExperimentsApi> {
    if (!this.#api) {
      this.#worker = new Worker(new URL('../../worker/experiments-worker.ts', import.meta.url), { type: 'module', name: 'mlp-playground experiments' });
      this.#api = Comlink.wrap<ExperimentsApi>(this.#worker);
    }
    return this.#api;
  }

  async run(which: 'prior' | 'data'): Promise<void> {
    if (this[which].state === 'running') return;
    this[which] = { state: 'running' };
    this.changed();
    try {
      if (which === 'prior') this.prior = { state: 'done', result: await this.#remote().prior() };
      else this.data = { state: 'done', result: await this.#remote().data() };
    } catch (e) {
      this[which] = { state: 'failed', error: e instanceof Error ? e.message : String(e) };
    }
    this.changed();
  }

  setEpsilon(epsilon: number): void {
    this.epsilon = epsilon;
    this.changed();
  }

  /** The drawn digit; a drawing replaces a picked test digit as the one to fool. */
  setDigit(x: Float32Array | null): void {
    this.digit = x;
    if (x) this.testDigit = null;
  }

  /** A test digit (its index) to fool instead of the drawing; null: the drawing, else the first one answered right. */
  testDigit: number | null = null;
  pickTestDigit(i: number | null): void {
    this.testDigit = i;
    this.changed();
  }

  setFooled(f: { x: Float32Array; image: Float32Array } | null): void {
    this.#fooled = f;
  }

  draw(root: ParentNode, test: ImageDataset | null): void {
    // Eight test digits, then the same eight under the experiment's kind of permutation.
    const pictures = root.querySelector<HTMLCanvasElement>('canvas.prior-pictures');
    if (pictures && test && test.size >= 8 && pictures.dataset.drawn !== String(test.dims)) {
      const eight = test.x.slice(0, 8 * test.dims);
      const both = new Float32Array(16 * test.dims);
      both.set(eight, 0);
      both.set(permuteImages(eight, pixelPermutation(test.dims, PRIOR_RUN.seed)), eight.length);
      drawDigits(pictures, both, test.shape[1], 16, 8);
      pictures.dataset.drawn = String(test.dims);
    }
    const c = root.querySelector<HTMLCanvasElement>('canvas.fgsm');
    const f = this.#fooled;
    if (!c || !f) return;
    const side = Math.round(Math.sqrt(f.x.length));
    // The digit, the perturbation (shifted to mid-grey) and the perturbed digit, side by side.
    const delta = f.image.map((v, i) => 0.5 + (v - f.x[i]!) * 2);
    const three = new Float32Array(3 * f.x.length);
    three.set(f.x, 0);
    three.set(delta, f.x.length);
    three.set(f.image, 2 * f.x.length);
    drawDigits(c, three, side, 3, 3);
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }
}

const pct = (m: Messages, v: number): string => m.percent(v);

/** One run's training (solid) and test (dashed) loss per epoch, on a shared log scale from `lo` to `hi`. */
function curves(m: Messages, d: DataRun, lo: number, hi: number): TemplateResult {
  const W = 160, H = 60;
  const n = d.trainLoss.length;
  const y = (v: number): number => H - 2 - ((Math.log(Math.max(v, lo)) - Math.log(lo)) / (Math.log(hi) - Math.log(lo) || 1)) * (H - 4);
  const line = (vs: number[]): string => vs.map((v, i) => `${((i / Math.max(1, n - 1)) * (W - 4) + 2).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return html`<svg class="curves" width=${W} height=${H} viewBox=${`0 0 ${W} ${H}`} role="img"
      aria-label=${m.t('digits.dataCurves', { n: m.int(d.trainDigits), train: d.trainLoss[n - 1]!.toFixed(3), test: d.testLoss[n - 1]!.toFixed(3) })}>
    <rect x="0.5" y="0.5" width=${W - 1} height=${H - 1} fill="none" stroke="currentColor" stroke-opacity="0.3"></rect>
    <polyline points=${line(d.trainLoss)} fill="none" stroke="#2563eb" stroke-width="1.5"></polyline>
    <polyline points=${line(d.testLoss)} fill="none" stroke="#ea580c" stroke-width="1.5" stroke-dasharray="4 3"></polyline>
  </svg>`;
}

function status<T>(m: Messages, s: Status<T>, done: (r: T) => TemplateResult): TemplateResult | typeof nothing {
  if (s.state === 'running') return html`<p role="status">${m.t('digits.running')}</p>`;
  if (s.state === 'failed') return html`<p role="alert">${m.t('digits.runFailed')} <code>${s.error}</code></p>`;
  if (s.state === 'done') return done(s.result);
  return nothing;
}

/** The four experiments; `net` is the page's copy of the trained network (null until it has parameters). */
export function experimentsView(m: Messages, x: ExperimentsState, net: Network | null, test: ImageDataset | null, answers: Int32Array | null): TemplateResult {
  // Fooling: a picked test digit, else the drawn digit, else the first test digit the network answers right.
  let subject: { x: Float32Array; label: number } | null = null;
  const picked = test && answers && x.testDigit !== null && x.testDigit < test.size ? x.testDigit : null;
  if (net && test && answers && picked !== null) subject = { x: test.x.slice(picked * test.dims, (picked + 1) * test.dims), label: answers[picked]! };
  else if (net && x.digit && x.digit.length === net.inputs) subject = { x: x.digit, label: argmaxRows(net.predict(x.digit), 10)[0]! };
  else if (net && test && answers) {
    const i = answers.findIndex((a, k) => a === test.y[k]);
    if (i >= 0) subject = { x: test.x.slice(i * test.dims, (i + 1) * test.dims), label: answers[i]! };
  }
  let fooling: TemplateResult | typeof nothing = nothing;
  if (net && subject) {
    const y = new Float32Array(10);
    y[subject.label] = 1;
    const image = fgsm(subject.x, net.gradients(subject.x, y).inputs, x.epsilon);
    const probs = net.predict(image);
    const answer = argmaxRows(probs, 10)[0]!;
    const flip = fool(net, subject.x, subject.label, EPSILONS);
    x.setFooled({ x: subject.x, image });
    fooling = html`<p>${m.t('digits.foolAnswer', { label: m.int(subject.label), answer: m.int(answer), p: pct(m, probs[answer]!) })}</p>
      <p>${m.t('digits.foolSmallest')} <output data-digits="smallest-epsilon">${flip ? flip.epsilon.toFixed(2) : m.t('digits.foolNone', { max: EPSILONS[EPSILONS.length - 1]!.toFixed(2) })}</output></p>
      <canvas class="fgsm" role="img" aria-label=${m.t('digits.fgsmImages', { epsilon: x.epsilon.toFixed(2) })}></canvas>`;
  } else x.setFooled(null);
  const drawnMax = net && x.digit && x.digit.length === net.inputs ? Math.max(...net.predict(x.digit)) : null;
  const run = (which: 'prior' | 'data'): void => void x.run(which);

  return html`<div class="experiments" role="region" aria-label=${m.t('digits.experiments')}>
    <h3>${m.t('digits.experiments')}</h3>
    <section aria-labelledby="x-prior">
      <h4 id="x-prior">${m.t('digits.priorTitle')}</h4>
      <p>${m.t('digits.priorAbout')}</p>
      <canvas class="prior-pictures" role="img" aria-label=${m.t('digits.priorPictures')}></canvas>
      <button type="button" data-preset="prior" @click=${() => run('prior')}>${m.t('digits.run')}</button>
      ${status(m, x.prior, (r) => html`<table class="prior" aria-label=${m.t('digits.priorTitle')}>
        <tr><th></th><th scope="col">${m.t('digits.original')}</th><th scope="col">${m.t('digits.permuted')}</th></tr>
        <tr><th scope="row">MLP</th><td><output data-digits="mlp-original">${pct(m, r.mlp.original)}</output></td><td><output data-digits="mlp-permuted">${pct(m, r.mlp.permuted)}</output></td></tr>
        <tr><th scope="row">CNN</th><td><output data-digits="cnn-original">${pct(m, r.cnn.original)}</output></td><td><output data-digits="cnn-permuted">${pct(m, r.cnn.permuted)}</output></td></tr>
      </table>`)}
    </section>
    <section aria-labelledby="x-data">
      <h4 id="x-data">${m.t('digits.dataTitle')}</h4>
      <p>${m.t('digits.dataAbout', { counts: DATA_COUNTS.map((n) => m.int(n)).join(' / ') })}</p>
      <button type="button" data-preset="data" @click=${() => run('data')}>${m.t('digits.run')}</button>
      ${status(m, x.data, (runs) => {
        const all = runs.flatMap((d) => [...d.trainLoss, ...d.testLoss]).filter((v) => v > 0 && Number.isFinite(v));
        const lo = Math.max(1e-3, Math.min(...all)), hi = Math.max(...all);
        return html`<table class="data-runs" aria-label=${m.t('digits.dataTitle')}>
          <tr><th scope="col">${m.t('digits.trainDigits')}</th><th scope="col">${m.t('digits.trainAcc')}</th><th scope="col">${m.t('digits.testAcc')}</th><th scope="col">${m.t('digits.dataLoss')}</th></tr>
          ${runs.map((d) => html`<tr><th scope="row">${m.int(d.trainDigits)}</th><td data-digits=${`train-${d.trainDigits}`}>${pct(m, d.trainAccuracy)}</td><td data-digits=${`test-${d.trainDigits}`}>${pct(m, d.testAccuracy)}</td><td>${curves(m, d, lo, hi)}</td></tr>`)}
        </table>`;
      })}
    </section>
    <section aria-labelledby="x-fool">
      <h4 id="x-fool">${m.t('digits.foolTitle')}</h4>
      <p>${m.t('digits.foolAbout')}</p>
      <label>${m.t('digits.epsilon', { epsilon: x.epsilon.toFixed(2) })}
        <input type="range" min="0" max="0.3" step="0.01" .value=${String(x.epsilon)} @input=${(e: Event) => x.setEpsilon(Number((e.target as HTMLInputElement).value))} /></label>
      ${test ? html`<label>${m.t('digits.foolPick', { n: m.int(test.size) })}
        <input type="number" class="fool-pick" min="1" max=${test.size} step="1" .value=${picked === null ? '' : String(picked + 1)}
          @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).valueAsNumber;
            x.pickTestDigit(Number.isInteger(v) && v >= 1 && v <= test.size ? v - 1 : null);
          }} /></label>
        ${picked !== null && answers ? html`<p data-digits="fool-subject">${m.t('digits.foolPicked', { n: m.int(picked + 1), truth: m.int(test.y[picked]!), answer: m.int(answers[picked]!) })}</p>` : nothing}` : nothing}
      ${fooling}
    </section>
    <section aria-labelledby="x-outside">
      <h4 id="x-outside">${m.t('digits.outsideTitle')}</h4>
      <p>${m.t('digits.outsideAbout')}</p>
      ${drawnMax !== null ? html`<p>${m.t('digits.outsideNow', { p: pct(m, drawnMax) })}</p>` : nothing}
    </section>
  </div>`;
}
