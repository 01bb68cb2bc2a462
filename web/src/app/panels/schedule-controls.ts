// The learning-rate schedule and the stopping rules, under the toolbar's hyper-parameters:
// the schedule (PyTorch's StepLR, CosineAnnealingLR, LinearLR, stepped per epoch) with only
// the chosen one's parameters, early stopping's patience and the training-loss threshold,
// and the learning rate in use now (written by the per-frame readouts). Limits and labels
// come from the settings table rows.
import { css, html, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';
import { type PlaygroundState, SETTINGS } from '../settings.js';
import { choiceOptions, integerInput, numberOptions } from './controls.js';

const S = SETTINGS;

/** Each schedule's own parameters (the rows shown when it is chosen). */
const PARAMS: Record<PlaygroundState['schedule'], readonly (keyof PlaygroundState)[]> = {
  none: [],
  'step-lr': ['schedStepSize', 'schedGamma'],
  'cosine-annealing-lr': ['schedTMax', 'schedEtaMin'],
  'linear-lr': ['schedStartFactor', 'schedEndFactor', 'schedTotalIters'],
};

type IntName = 'schedStepSize' | 'schedTMax' | 'schedTotalIters' | 'patience';
type NumName = 'schedGamma' | 'schedEtaMin' | 'schedStartFactor' | 'schedEndFactor' | 'stopLoss';

export function scheduleControls(h: PanelHost): TemplateResult {
  const s = h.state;
  const m = h.m;
  const int = (name: IntName) => html`<div class="field">
      <label for=${`f-${name}`}>${m.t(S[name].label)}</label>
      ${integerInput(h, name, S[name], { id: `f-${name}`, width: '6.5em' })}
    </div>`;
  const num = (name: NumName, label?: (v: number) => string) => html`<div class="field">
      <label for=${`f-${name}`}>${m.t(S[name].label)}</label>
      <select id=${`f-${name}`} @change=${(e: Event) => h.applySettings({ [name]: Number((e.target as HTMLSelectElement).value) })}>
        ${numberOptions(S[name].suggested!, s[name], label)}
      </select>
    </div>`;
  const param = (name: keyof PlaygroundState) =>
    name === 'schedStepSize' || name === 'schedTMax' || name === 'schedTotalIters' ? int(name) : num(name as NumName);
  return html`
    <div class="field">
      <label for="sched">${m.t(S.schedule.label)}</label>
      <select id="sched" @change=${(e: Event) => h.applySettings({ schedule: (e.target as HTMLSelectElement).value as PlaygroundState['schedule'] })}>
        ${choiceOptions(h, S.schedule.choices!(h.catalog), s.schedule, 'schedule')}
      </select>
    </div>
    ${PARAMS[s.schedule].map(param)}
    <div class="field">
      <span class="label">${m.t('toolbar.lrNow')}</span>
      <output class="lr-now" aria-label=${m.t('toolbar.lrNow')} data-readout="lr">–</output>
    </div>
    ${int('patience')}
    ${num('stopLoss', (v) => (v === 0 ? m.t('clipNorm.off') : String(v)))}
  `;
}

export const scheduleStyles = css`
  .lr-now {
    display: block;
    min-width: 5em;
    padding: 4px 0;
    font-variant-numeric: tabular-nums;
  }
`;
