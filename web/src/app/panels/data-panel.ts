// The data panel: dataset picker (with pictures), its parameters (classes, noise, train
// ratio, points, seed), drawing your own points, and CSV in and out.
import { css, html, type TemplateResult } from 'lit';
import { css as colour } from '../../view/colors.js';
import { readText } from '../files.js';
import type { PanelHost } from '../host.js';
import { parseCsv, toCsv } from '../io/csv.js';
import { concatPoints } from '../points.js';
import { type PlaygroundState, SETTINGS } from '../settings.js';
import { defaultState, reconcile } from '../state.js';
import { message } from '../text.js';
import { integerInput } from './controls.js';
import type { Panel } from './panel.js';

const CLASS_NAMES = ['orange', 'blue', 'green', 'purple', 'red', 'teal'];

const S = SETTINGS;

function render(h: PanelHost): TemplateResult {
  const s = h.state;
  const catalog = h.catalog;
  const info = catalog.dataset(s.dataset);
  const custom = s.dataset === 'custom';
  const shape = h.shape;
  const set = (patch: Partial<PlaygroundState>, reset = false): void => h.applySettings(patch, { reset });
  const pal = h.palette;
  const ui = h.ui;
  const range = (e: Event): number => Number((e.target as HTMLInputElement).value);
  const pickDataset = (name: string): void => {
    const d = catalog.dataset(name)!;
    const wasDims = shape.dims;
    const patch: Partial<PlaygroundState> = { dataset: name, data: null, samples: d.defaultSamples };
    // Moving between 1-D and 2-D data: a fresh feature set of the new kind.
    if (d.dims !== wasDims) patch.features = d.dims === 1 ? ['x1'] : defaultState().features;
    h.applySettings(patch);
  };
  const classChoices = shape.problem === 'classification' ? Math.min(6, Math.max(2, shape.classes) + (custom ? 1 : 0)) : 0;

  const loadCsv = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const text = await readText(file, 2_000_000);
      const data = parseCsv(text);
      h.dismiss('csv');
      const next = { ...h.state, dataset: 'custom', data };
      if (data.dims !== shape.dims) next.features = data.dims === 1 ? ['x1'] : defaultState().features;
      reconcile(next, catalog);
      h.applySettings({ dataset: 'custom', data, features: next.features }, { reset: true });
      h.notify({ id: 'csv-ok', kind: 'info', text: (m) => m.t('notice.csvLoaded', { n: m.int(data.size), file: file.name }) });
    } catch (err) {
      h.dismiss('csv-ok');
      h.notify({
        id: 'csv',
        kind: 'error',
        text: (m) => m.t('notice.csvFailed', { line: /\bline (\d+)/.exec(message(err))?.[1] ?? '' }),
        technical: message(err),
      });
    }
  };

  // The hidden file input sits beside its button.
  const pickFile = (e: Event): void => (e.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('#csv-file')?.click();
  const exportCsv = (): void => {
    const data = custom && s.data ? s.data : h.built ? concatPoints(h.built.train, h.built.test) : null;
    if (!data) return;
    h.download(`mlp-playground-${s.dataset}.csv`, new Blob([toCsv(data)], { type: 'text/csv' }));
  };

  return html`
    <section class="panel data" aria-labelledby="data-h">
      <h2 id="data-h">Data</h2>
      <div class="datasets" role="group" aria-label="Dataset">
        ${catalog.datasets.map(
          (d) => html`<button aria-pressed=${s.dataset === d.name ? 'true' : 'false'} title=${d.description} @click=${() => pickDataset(d.name)}>
            <canvas class="preview" data-name=${d.name} aria-hidden="true"></canvas>${h.m.name('dataset', d.name)}
          </button>`,
        )}
        ${custom ? html`<button aria-pressed="true" title="Your drawn or loaded points"><canvas class="preview" data-name="custom" aria-hidden="true"></canvas>${h.m.name('dataset', 'custom')}</button>` : null}
      </div>
      <p class="description">${custom ? `Your data: ${s.data?.size ?? 0} points, ${shape.problem === 'regression' ? 'regression' : `${shape.classes} classes`}${shape.dims === 1 ? ', 1-D' : ''}.` : info?.description}</p>
      ${info?.multiclass && !custom
        ? html`<div class="field">
            <label for="classes">${h.m.t(S.classes.label)}: ${s.classes}</label>
            <input id="classes" type="range" min=${S.classes.min} max=${S.classes.max} step=${S.classes.step} .value=${String(s.classes)} @change=${(e: Event) => set({ classes: range(e) })} />
          </div>`
        : null}
      <div class="field">
        <label for="ratio">${h.m.t(S.trainPercent.label)}: ${s.trainPercent} %</label>
        <input id="ratio" type="range" min=${S.trainPercent.min} max=${S.trainPercent.max} step=${S.trainPercent.step} .value=${String(s.trainPercent)} @change=${(e: Event) => set({ trainPercent: range(e) })} />
      </div>
      <div class="field">
        <label for="noise">${h.m.t(S.noise.label)}: ${s.noise} %</label>
        <input id="noise" type="range" min=${S.noise.min} max=${S.noise.max} step=${S.noise.step} .value=${String(s.noise)} ?disabled=${custom} @change=${(e: Event) => set({ noise: range(e) })} />
      </div>
      <div class="field">
        <label for="samples">${h.m.t(S.samples.label)}: ${custom ? s.data?.size ?? 0 : s.samples}</label>
        <input id="samples" type="range" min=${S.samples.min} max=${S.samples.max} step=${S.samples.step} .value=${String(s.samples)} ?disabled=${custom} @change=${(e: Event) => set({ samples: range(e) })} />
      </div>
      <div class="row">
        <label class="row"><span class="label">${h.m.t(S.dataSeed.label)}</span>
          ${integerInput(h, 'dataSeed', S.dataSeed, { label: h.m.t(S.dataSeed.label), width: '6em' })}
        </label>
        <button @click=${() => set({ dataSeed: Math.floor(Math.random() * 100000) }, true)} title=${custom ? 'Split your points again' : 'New points from a new seed'}>Regenerate</button>
      </div>
      ${h.isHidden('draw')
        ? null
        : html`<div class="field">
            <span class="label">Draw your own data</span>
            <div class="row">
              <button aria-pressed=${ui.drawMode === 'add' ? 'true' : 'false'} @click=${() => h.setUi({ drawMode: h.ui.drawMode === 'add' ? 'off' : 'add' })}>✎ Add points</button>
              <button aria-pressed=${ui.drawMode === 'erase' ? 'true' : 'false'} @click=${() => h.setUi({ drawMode: h.ui.drawMode === 'erase' ? 'off' : 'erase' })}>⌫ Erase</button>
              <button @click=${() => h.editPoints((d) => ({ ...d, x: new Float32Array(0), y: new Float32Array(0), size: 0 }))} ?disabled=${!h.built && !custom}>Clear</button>
            </div>
            ${ui.drawMode === 'add' && shape.problem === 'classification'
              ? html`<div class="row classes" role="group" aria-label="Class of new points">
                  ${Array.from({ length: classChoices }, (_, k) => html`<button aria-pressed=${ui.drawClass === k ? 'true' : 'false'} aria-label=${`Class ${k} (${CLASS_NAMES[k]})`} @click=${() => h.setUi({ drawClass: k })}>
                    <span class="swatch" style=${`background:${colour(pal.classes[k]!)}`}></span>${k}
                  </button>`)}
                </div>`
              : null}
            ${ui.drawMode === 'add' && shape.problem === 'regression' && shape.dims === 2
              ? html`<div class="field"><label for="dv">Value of new points: ${ui.drawValue.toFixed(1)}</label>
                  <input id="dv" type="range" min="-1" max="1" step="0.1" .value=${String(ui.drawValue)} @input=${(e: Event) => h.setUi({ drawValue: range(e) })} /></div>`
              : null}
            ${ui.drawMode !== 'off'
              ? html`<span class="hint">${ui.drawMode === 'add' ? (shape.dims === 1 ? 'Click the plot to add a point (x, y).' : 'Click or drag on the plane to add points; Shift-click removes.') : 'Click a point to remove it.'}</span>`
              : null}
          </div>`}
      <div class="row">
        <input type="file" accept=".csv,text/csv,text/plain" hidden id="csv-file" aria-label="CSV file" @change=${loadCsv} />
        <button @click=${pickFile}>Load CSV…</button>
        <button @click=${exportCsv} ?disabled=${!h.built && !custom}>Export CSV</button>
      </div>
    </section>
  `;
}

const styles = css`
  .data {
    grid-area: data;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .datasets {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(64px, 1fr));
    gap: 6px;
  }
  .datasets button {
    padding: 2px;
    display: flex;
    flex-direction: column;
    align-items: center;
    font-size: 11px;
    line-height: 1.2;
    min-height: 0;
    gap: 2px;
  }
  .datasets button canvas {
    width: 100%;
    aspect-ratio: 1;
    border-radius: 4px;
    display: block;
  }
  .datasets button[aria-pressed='true'] {
    background: transparent;
    color: inherit;
    outline: 2px solid var(--accent);
    outline-offset: -1px;
  }
  .description {
    color: var(--muted);
    font-size: 12px;
    margin: 0;
  }
  .classes button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 2px 8px;
  }
  @container (max-width: 720px) {
    .datasets {
      grid-template-columns: repeat(auto-fill, minmax(56px, 1fr));
    }
  }
`;

export const dataPanel: Panel = { id: 'data', part: 'data', place: 'column', styles, render };
