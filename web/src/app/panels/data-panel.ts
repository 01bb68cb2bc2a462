// The data panel: dataset picker (with pictures), its parameters (classes, noise, train
// ratio, points, seed), drawing your own points, and CSV in and out.
import { html, type TemplateResult } from 'lit';
import { DATASET_LABELS, DATASETS, datasetInfo, LIMITS } from '../catalog.js';
import { download, MAX_IMPORT_BYTES, readText } from '../files.js';
import { parseCsv, toCsv } from '../io/csv.js';
import type { MlpPlayground } from '../playground.js';
import { concatPoints } from '../points.js';
import { defaultState, type PlaygroundState, reconcile } from '../state.js';
import { message } from '../text.js';
import { css } from '../../view/colors.js';

const CLASS_NAMES = ['orange', 'blue', 'green', 'purple', 'red', 'teal'];

export function renderData(h: MlpPlayground): TemplateResult {
  const s = h.state;
  const info = datasetInfo(s.dataset);
  const custom = s.dataset === 'custom';
  const shape = h.shape;
  const set = (patch: Partial<PlaygroundState>, reset = false): void => h.applySettings(patch, { reset });
  const pal = h.palette;
  const range = (e: Event): number => Number((e.target as HTMLInputElement).value);
  const pickDataset = (name: string): void => {
    const d = datasetInfo(name)!;
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
      const text = await readText(file, MAX_IMPORT_BYTES.csv);
      const data = parseCsv(text);
      h.dismiss('csv');
      const next = { ...h.state, dataset: 'custom', data };
      if (data.dims !== shape.dims) next.features = data.dims === 1 ? ['x1'] : defaultState().features;
      reconcile(next);
      h.applySettings({ dataset: 'custom', data, features: next.features }, { reset: true });
      h.notify({ id: 'csv-ok', kind: 'info', text: `Loaded ${data.size} points from ${file.name}.` });
    } catch (err) {
      h.dismiss('csv-ok');
      h.notify({
        id: 'csv',
        kind: 'error',
        text: `CSV not loaded: ${message(err)}. Your current data is unchanged. Expected rows "x1,x2,label" (label 0–5), "x1,x2,value", or "x,y" for 1-D data.`,
      });
    }
  };

  const exportCsv = (): void => {
    const data = custom && s.data ? s.data : h.built ? concatPoints(h.built.train, h.built.test) : null;
    if (!data) return;
    download(h.renderRoot as ShadowRoot, `mlp-playground-${s.dataset}.csv`, new Blob([toCsv(data)], { type: 'text/csv' }));
  };

  return html`
    <section class="panel data" aria-labelledby="data-h">
      <h2 id="data-h">Data</h2>
      <div class="datasets" role="group" aria-label="Dataset">
        ${DATASETS.map(
          (d) => html`<button aria-pressed=${s.dataset === d.name ? 'true' : 'false'} title=${d.description} @click=${() => pickDataset(d.name)}>
            <canvas class="preview" data-name=${d.name} aria-hidden="true"></canvas>${DATASET_LABELS[d.name]}
          </button>`,
        )}
        ${custom ? html`<button aria-pressed="true" title="Your drawn or loaded points"><canvas class="preview" data-name="custom" aria-hidden="true"></canvas>${DATASET_LABELS.custom}</button>` : null}
      </div>
      <p class="description">${custom ? `Your data: ${s.data?.size ?? 0} points, ${shape.problem === 'regression' ? 'regression' : `${shape.classes} classes`}${shape.dims === 1 ? ', 1-D' : ''}.` : info?.description}</p>
      ${info?.multiclass && !custom
        ? html`<div class="field">
            <label for="classes">Classes: ${s.classes}</label>
            <input id="classes" type="range" min=${LIMITS.classes[0]} max=${LIMITS.classes[1]} step="1" .value=${String(s.classes)} @change=${(e: Event) => set({ classes: range(e) })} />
          </div>`
        : null}
      <div class="field">
        <label for="ratio">Training data: ${s.trainPercent} %</label>
        <input id="ratio" type="range" min=${LIMITS.trainPercent[0]} max=${LIMITS.trainPercent[1]} step="10" .value=${String(s.trainPercent)} @change=${(e: Event) => set({ trainPercent: range(e) })} />
      </div>
      <div class="field">
        <label for="noise">Noise: ${s.noise} %</label>
        <input id="noise" type="range" min="0" max="50" step="5" .value=${String(s.noise)} ?disabled=${custom} @change=${(e: Event) => set({ noise: range(e) })} />
      </div>
      <div class="field">
        <label for="samples">Points: ${custom ? s.data?.size ?? 0 : s.samples}</label>
        <input id="samples" type="range" min=${LIMITS.samples[0]} max=${LIMITS.samples[1]} step="10" .value=${String(s.samples)} ?disabled=${custom} @change=${(e: Event) => set({ samples: range(e) })} />
      </div>
      <div class="row">
        <label class="row"><span class="label">Data seed</span>
          <input type="number" aria-label="Data seed" min="0" max=${LIMITS.seed} step="1" .value=${String(s.dataSeed)} style="width: 6em"
            @change=${(e: Event) => {
              const v = Number((e.target as HTMLInputElement).value);
              if (Number.isInteger(v) && v >= 0 && v <= LIMITS.seed) set({ dataSeed: v });
              else (e.target as HTMLInputElement).value = String(s.dataSeed);
            }} />
        </label>
        <button @click=${() => set({ dataSeed: Math.floor(Math.random() * 100000) }, true)} title=${custom ? 'Split your points again' : 'New points from a new seed'}>Regenerate</button>
      </div>
      ${h.isHidden('draw')
        ? null
        : html`<div class="field">
            <span class="label">Draw your own data</span>
            <div class="row">
              <button aria-pressed=${h.drawMode === 'add' ? 'true' : 'false'} @click=${() => (h.drawMode = h.drawMode === 'add' ? 'off' : 'add')}>✎ Add points</button>
              <button aria-pressed=${h.drawMode === 'erase' ? 'true' : 'false'} @click=${() => (h.drawMode = h.drawMode === 'erase' ? 'off' : 'erase')}>⌫ Erase</button>
              <button @click=${() => h.editPoints((d) => ({ ...d, x: new Float32Array(0), y: new Float32Array(0), size: 0 }))} ?disabled=${!h.built && !custom}>Clear</button>
            </div>
            ${h.drawMode === 'add' && shape.problem === 'classification'
              ? html`<div class="row classes" role="group" aria-label="Class of new points">
                  ${Array.from({ length: classChoices }, (_, k) => html`<button aria-pressed=${h.drawClass === k ? 'true' : 'false'} aria-label=${`Class ${k} (${CLASS_NAMES[k]})`} @click=${() => (h.drawClass = k)}>
                    <span class="swatch" style=${`background:${css(pal.classes[k]!)}`}></span>${k}
                  </button>`)}
                </div>`
              : null}
            ${h.drawMode === 'add' && shape.problem === 'regression' && shape.dims === 2
              ? html`<div class="field"><label for="dv">Value of new points: ${h.drawValue.toFixed(1)}</label>
                  <input id="dv" type="range" min="-1" max="1" step="0.1" .value=${String(h.drawValue)} @input=${(e: Event) => (h.drawValue = range(e))} /></div>`
              : null}
            ${h.drawMode !== 'off'
              ? html`<span class="hint">${h.drawMode === 'add' ? (shape.dims === 1 ? 'Click the plot to add a point (x, y).' : 'Click or drag on the plane to add points; Shift-click removes.') : 'Click a point to remove it.'}</span>`
              : null}
          </div>`}
      <div class="row">
        <input type="file" accept=".csv,text/csv,text/plain" hidden id="csv-file" aria-label="CSV file" @change=${loadCsv} />
        <button @click=${() => (h.renderRoot.querySelector('#csv-file') as HTMLInputElement | null)?.click()}>Load CSV…</button>
        <button @click=${exportCsv} ?disabled=${!h.built && !custom}>Export CSV</button>
      </div>
    </section>
  `;
}
