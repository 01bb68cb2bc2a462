// The toolbar: Reset / Play / Step, the epoch counter and speed, and the training
// hyper-parameters (learning rate, optimizer, batch, regularization, loss, init, seed).
import { css, html, svg, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import { lossesFor } from '../problem.js';
import { type PlaygroundState, SETTINGS } from '../settings.js';
import { choiceOptions, integerInput, numberOptions } from './controls.js';
import { scheduleControls, scheduleStyles } from './schedule-controls.js';
import type { Panel } from './panel.js';

// Icons as inline SVG (no icon font or emoji needed; they follow the text colour).
const icon = (body: ReturnType<typeof svg>): TemplateResult =>
  html`<svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor" style="vertical-align:-3px">${body}</svg>`;
const ICON_PLAY = icon(svg`<path d="M7 4.5v15l12-7.5z"/>`);
const ICON_PAUSE = icon(svg`<path d="M6 4h4.5v16H6zM13.5 4H18v16h-4.5z"/>`);
const ICON_STEP = icon(svg`<path d="M5 4.5v15l10-7.5zM16 4.5h3v15h-3z"/>`);
const ICON_RESET = icon(svg`<path d="M12 5a7 7 0 1 1-6.3 4H3.5l3.3-4 3.3 4H7.9A5 5 0 1 0 12 7z"/>`);

const S = SETTINGS;

function render(h: PanelHost): TemplateResult {
  const s = h.state;
  const set = (patch: Partial<PlaygroundState>): void => h.applySettings(patch);
  const sel = (e: Event): string => (e.target as HTMLSelectElement).value;
  const shape = h.shape;
  const losses = lossesFor(shape);
  const m = h.m;
  const problem = shape.problem === 'regression' ? m.t('toolbar.regression') : m.t('toolbar.classification', { classes: shape.classes });
  const canTrain = h.ready && h.built !== null;
  return html`
    <div class="toolbar" role="group" aria-label=${m.t('toolbar.group')}>
      <div class="head">
      <div class="transport">
        <button aria-label=${m.t('toolbar.reset')} title=${m.t('toolbar.resetTitle')} aria-keyshortcuts="R" @click=${() => h.reset()} ?disabled=${!h.ready}>${ICON_RESET}</button>
        <button class="play" aria-label=${m.t(h.playing ? 'toolbar.pause' : 'toolbar.play')} title=${m.t(h.playing ? 'toolbar.pauseTitle' : 'toolbar.playTitle')} aria-keyshortcuts="Space" @click=${() => (h.playing ? h.pause() : h.play())} ?disabled=${!canTrain}>
          ${h.playing ? ICON_PAUSE : ICON_PLAY}<span aria-hidden="true">${m.t(h.playing ? 'toolbar.pause' : 'toolbar.play')}</span>
        </button>
        <button aria-label=${m.t('toolbar.step')} title=${m.t('toolbar.stepTitle')} aria-keyshortcuts="ArrowRight" @click=${() => h.step()} ?disabled=${!canTrain}>${ICON_STEP}</button>
      </div>
      <div class="counter">
        <span class="label">${m.t('toolbar.epoch')}</span>
        <output class="big" aria-label=${m.t('toolbar.epoch')} data-readout="epoch">000000</output>
        <!-- A property, not a child part: the readouts write this text between renders. -->
        <span class="hint" data-readout="rate" .textContent=${m.t('toolbar.paused')}></span>
      </div>
      </div>
      ${h.isHidden('hyper')
        ? null
        : html`
            <div class="field">
              <label for="lr">${h.m.t(S.learningRate.label)}</label>
              <select id="lr" @change=${(e: Event) => set({ learningRate: Number(sel(e)) })}>${numberOptions(S.learningRate.suggested!, s.learningRate)}</select>
            </div>
            <div class="field">
              <label for="opt">${h.m.t(S.optimizer.label)}</label>
              <select id="opt" @change=${(e: Event) => set({ optimizer: sel(e) as PlaygroundState['optimizer'] })}>
                ${choiceOptions(h, S.optimizer.choices!(h.catalog), s.optimizer, 'optimizer')}
              </select>
            </div>
            <div class="field">
              <label for="batch">${h.m.t(S.batchSize.label)}</label>
              ${integerInput(h, 'batchSize', S.batchSize, { id: 'batch', width: '5.5em', round: true })}
            </div>
            <div class="field">
              <label for="reg">${h.m.t(S.regularization.label)}</label>
              <select id="reg" @change=${(e: Event) => set({ regularization: sel(e) as PlaygroundState['regularization'] })}>
                ${choiceOptions(h, S.regularization.choices!(h.catalog), s.regularization, 'regularization')}
              </select>
            </div>
            <div class="field">
              <label for="regrate">${h.m.t(S.regRate.label)}</label>
              <select id="regrate" ?disabled=${s.regularization === 'none'} @change=${(e: Event) => set({ regRate: Number(sel(e)) })}>${numberOptions(S.regRate.suggested!, s.regRate)}</select>
            </div>
            <div class="field">
              <label for="clip" title=${m.t('toolbar.clipTitle')}>${h.m.t(S.clipNorm.label)}</label>
              <select id="clip" @change=${(e: Event) => set({ clipNorm: Number(sel(e)) })}>
                ${numberOptions(S.clipNorm.suggested!, s.clipNorm, (v) => (v === 0 ? h.m.t('clipNorm.off') : String(v)))}
              </select>
            </div>
            <div class="field">
              <label for="loss">${`${h.m.t(S.loss.label)} `}<span class="hint">${m.t('toolbar.problemHint', { problem })}</span></label>
              <select id="loss" ?disabled=${losses.length < 2} @change=${(e: Event) => set({ loss: sel(e) as PlaygroundState['loss'] })}>
                ${choiceOptions(h, losses, s.loss, 'loss')}
              </select>
            </div>
            <div class="field">
              <label for="init">${h.m.t(S.init.label)}</label>
              <select id="init" @change=${(e: Event) => set({ init: sel(e) as PlaygroundState['init'] })}>
                ${choiceOptions(h, S.init.choices!(h.catalog), s.init, 'init')}
              </select>
            </div>
            <div class="field">
              <label for="seed">${h.m.t(S.seed.label)}</label>
              <div class="row" style="flex-wrap: nowrap">
                ${integerInput(h, 'seed', S.seed, { id: 'seed', width: '6.5em' })}
                <button aria-label=${m.t('toolbar.randomSeed')} title=${m.t('toolbar.randomSeed')} @click=${() => set({ seed: Math.floor(Math.random() * 100000) })}>${m.t('toolbar.random')}</button>
              </div>
            </div>
            <div class="field">
              <label for="speed">${h.m.t(S.speed.label)}</label>
              <select id="speed" @change=${(e: Event) => set({ speed: sel(e) as PlaygroundState['speed'] })}>
                ${S.speed.choices!(h.catalog).map((v) => html`<option value=${v} ?selected=${v === s.speed}>${v === 'max' ? m.t('speed.max') : m.t('speed.perFrame', { n: v })}</option>`)}
              </select>
            </div>
            ${scheduleControls(h)}
          `}
    </div>
  `;
}

const styles = css`
  ${scheduleStyles}
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 10px 16px;
    background: var(--panel);
    border: 1px solid var(--border);
    border-radius: 10px;
    padding: 10px 12px;
  }
  .toolbar .head {
    display: flex;
    gap: 16px;
    align-items: center;
  }
  .transport {
    display: flex;
    gap: 8px;
    align-items: center;
  }
  .transport button {
    min-width: 44px;
    min-height: 44px;
    border-radius: 22px;
    font-size: 15px;
  }
  .transport button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
  }
  .transport button.play {
    min-width: 96px;
    background: var(--accent);
    color: var(--accent-text);
    border-color: var(--accent);
    font-weight: 600;
  }
  .counter {
    display: flex;
    flex-direction: column;
    /* Room for the rates, so the changing numbers never shift the controls around. */
    min-width: 210px;
  }
  .counter .hint {
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .counter .big {
    font-size: 22px;
    font-variant-numeric: tabular-nums;
    line-height: 1.1;
  }
  @container (max-width: 720px) {
    .toolbar {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 8px 12px;
      align-items: end;
    }
    .toolbar .head {
      grid-column: 1 / -1;
    }
    .counter {
      min-width: 0;
    }
    .counter .hint {
      white-space: normal;
    }
    .toolbar .field select,
    .toolbar .field input[type='number'] {
      width: 100%;
    }
    .toolbar .field .row input[type='number'] {
      width: auto;
      flex: 1;
      min-width: 0;
    }
  }
`;

export const toolbarPanel: Panel = { id: 'toolbar', place: 'top', styles, render };
