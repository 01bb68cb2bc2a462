// The toolbar: Reset / Play / Step, the epoch counter and speed, and the training
// hyper-parameters (learning rate, optimizer, batch, regularization, loss, init, seed).
import { html, svg, type TemplateResult } from 'lit';
import { INITS, LEARNING_RATES, LIMITS, LOSS_LABELS, lossesFor, OPTIMIZERS, REG_RATES, REGULARIZATIONS, SPEEDS } from '../catalog.js';
import type { MlpPlayground } from '../playground.js';
import type { PlaygroundState } from '../state.js';

// Icons as inline SVG (no icon font or emoji needed; they follow the text colour).
const icon = (body: ReturnType<typeof svg>): TemplateResult =>
  html`<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor" style="vertical-align:-3px">${body}</svg>`;
const ICON_PLAY = icon(svg`<path d="M7 4.5v15l12-7.5z"/>`);
const ICON_PAUSE = icon(svg`<path d="M6 4h4.5v16H6zM13.5 4H18v16h-4.5z"/>`);
const ICON_STEP = icon(svg`<path d="M5 4.5v15l10-7.5zM16 4.5h3v15h-3z"/>`);
const ICON_RESET = icon(svg`<path d="M12 5a7 7 0 1 1-6.3 4H3.5l3.3-4 3.3 4H7.9A5 5 0 1 0 12 7z"/>`);

const OPT_LABELS: Record<string, string> = { sgd: 'SGD', momentum: 'Momentum', adam: 'Adam' };
const REG_LABELS: Record<string, string> = { none: 'None', l1: 'L1', l2: 'L2' };
const INIT_LABELS: Record<string, string> = { classic: 'Classic (TF Playground)', xavier: 'Xavier', he: 'He', zero: 'Zero' };

/** Options of a numeric select: the usual values plus the current one if it is unusual. */
function numberOptions(values: readonly number[], current: number): TemplateResult[] {
  const all = values.includes(current) ? [...values] : [...values, current].sort((a, b) => a - b);
  return all.map((v) => html`<option value=${String(v)} ?selected=${v === current}>${v}</option>`);
}

export function renderToolbar(h: MlpPlayground): TemplateResult {
  const s = h.state;
  const set = (patch: Partial<PlaygroundState>): void => h.applySettings(patch);
  const sel = (e: Event): string => (e.target as HTMLSelectElement).value;
  const shape = h.shape;
  const losses = lossesFor(shape);
  const problem = shape.problem === 'regression' ? 'Regression' : shape.classes > 2 ? `Classification, ${shape.classes} classes` : 'Classification, 2 classes';
  const canTrain = h.ready && h.built !== null;
  return html`
    <div class="toolbar" role="group" aria-label="Training">
      <div class="head">
      <div class="transport">
        <button aria-label="Reset" title="Reset the network (new initial weights from the seed)" @click=${() => h.reset()} ?disabled=${!h.ready}>${ICON_RESET}</button>
        <button class="play" aria-label=${h.playing ? 'Pause' : 'Play'} title=${h.playing ? 'Pause training' : 'Start training'} @click=${() => (h.playing ? h.pause() : h.play())} ?disabled=${!canTrain}>
          ${h.playing ? ICON_PAUSE : ICON_PLAY}<span aria-hidden="true">${h.playing ? 'Pause' : 'Play'}</span>
        </button>
        <button aria-label="Step" title="Train one epoch" @click=${() => h.step()} ?disabled=${!canTrain}>${ICON_STEP}</button>
      </div>
      <div class="counter">
        <span class="label">Epoch</span>
        <output class="big" aria-label="Epoch" data-readout="epoch">000000</output>
        <span class="hint" data-readout="rate">paused</span>
      </div>
      </div>
      ${h.isHidden('hyper')
        ? null
        : html`
            <div class="field">
              <label for="lr">Learning rate</label>
              <select id="lr" @change=${(e: Event) => set({ learningRate: Number(sel(e)) })}>${numberOptions(LEARNING_RATES, s.learningRate)}</select>
            </div>
            <div class="field">
              <label for="opt">Optimizer</label>
              <select id="opt" @change=${(e: Event) => set({ optimizer: sel(e) as PlaygroundState['optimizer'] })}>
                ${OPTIMIZERS.map((o) => html`<option value=${o} ?selected=${o === s.optimizer}>${OPT_LABELS[o]}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="batch">Batch size</label>
              <input id="batch" type="number" min="1" max=${LIMITS.batchSize} step="1" .value=${String(s.batchSize)} style="width: 5.5em"
                @change=${(e: Event) => {
                  const v = Math.round(Number((e.target as HTMLInputElement).value));
                  if (Number.isFinite(v) && v >= 1 && v <= LIMITS.batchSize) set({ batchSize: v });
                  else (e.target as HTMLInputElement).value = String(s.batchSize);
                }} />
            </div>
            <div class="field">
              <label for="reg">Regularization</label>
              <select id="reg" @change=${(e: Event) => set({ regularization: sel(e) as PlaygroundState['regularization'] })}>
                ${REGULARIZATIONS.map((r) => html`<option value=${r} ?selected=${r === s.regularization}>${REG_LABELS[r]}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="regrate">Regularization rate</label>
              <select id="regrate" ?disabled=${s.regularization === 'none'} @change=${(e: Event) => set({ regRate: Number(sel(e)) })}>${numberOptions(REG_RATES, s.regRate)}</select>
            </div>
            <div class="field">
              <label for="loss">Loss <span class="hint">(${problem})</span></label>
              <select id="loss" ?disabled=${losses.length < 2} @change=${(e: Event) => set({ loss: sel(e) as PlaygroundState['loss'] })}>
                ${losses.map((l) => html`<option value=${l} ?selected=${l === s.loss}>${LOSS_LABELS[l]}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="init">Initialisation</label>
              <select id="init" @change=${(e: Event) => set({ init: sel(e) as PlaygroundState['init'] })}>
                ${INITS.map((i) => html`<option value=${i} ?selected=${i === s.init}>${INIT_LABELS[i]}</option>`)}
              </select>
            </div>
            <div class="field">
              <label for="seed">Seed</label>
              <div class="row" style="flex-wrap: nowrap">
                <input id="seed" type="number" min="0" max=${LIMITS.seed} step="1" .value=${String(s.seed)} style="width: 6.5em"
                  @change=${(e: Event) => {
                    const v = Number((e.target as HTMLInputElement).value);
                    if (Number.isInteger(v) && v >= 0 && v <= LIMITS.seed) set({ seed: v });
                    else (e.target as HTMLInputElement).value = String(s.seed);
                  }} />
                <button aria-label="New random seed" title="New random seed" @click=${() => set({ seed: Math.floor(Math.random() * 100000) })}>Random</button>
              </div>
            </div>
            <div class="field">
              <label for="speed">Speed</label>
              <select id="speed" @change=${(e: Event) => set({ speed: sel(e) as PlaygroundState['speed'] })}>
                ${SPEEDS.map((v) => html`<option value=${v} ?selected=${v === s.speed}>${v === 'max' ? 'Max' : `${v} epoch${v === '1' ? '' : 's'}/frame`}</option>`)}
              </select>
            </div>
          `}
    </div>
  `;
}
