// The data panel: dataset picker (with pictures), its parameters (classes, noise, train
// ratio, points, seed), drawing your own points, and CSV in and out (for the digits: the
// picker, the seed and a note on what the points' controls left out). The CSV reader and
// writer (io/csv.ts) and the file reading (files.ts) are chunks fetched on the first use:
// not part of the page's first load.
import { css, html, type TemplateResult } from 'lit';
import { css as colour } from '../../view/colors.js';
import type { PanelHost } from '../host.js';
import { concatPoints } from '../points.js';
import { type PlaygroundState, SETTINGS } from '../settings.js';
import { defaultState, reconcile } from '../state.js';
import { failureNotice } from '../failure.js';
import { message } from '../text.js';
import { integerInput } from './controls.js';
import { loadDigitsPart } from './digits-part.js';
import type { Panel } from './panel.js';

const S = SETTINGS;

/** What a dataset is: the catalog's words, else the core's own description. */
function about(h: PanelHost, name: string, description: string): string {
  const a = h.m.name('dataset-about', name);
  return a === name ? description : a;
}

/** The digits' own starting network: 784 → [64] ReLU → 10 softmax, Adam, batch 32. */
const DIGITS_NETWORK: Partial<PlaygroundState> = {
  dataset: 'digits', data: null, hidden: [64], activations: ['relu'], loss: 'softmax-ce', optimizer: 'adam', learningRate: 0.001, batchSize: 32, init: 'he',
};

/**
 * The Digits tile: the digits mode is a chunk of its own, fetched (with the asset) only
 * when digits are chosen; until they are in and checked, the chosen dataset stays.
 */
async function pickDigits(h: PanelHost): Promise<void> {
  // The network panel's digits editors and the digits' words are in before the dataset changes.
  const [{ chooseDigits }] = await Promise.all([import('../digits/choose.js'), loadDigitsPart()]);
  await chooseDigits(h, ({ train, test }) => {
    h.notify({ id: 'digits-ok', kind: 'info', text: (m) => m.t('digits.loaded', { train: m.int(train.size), test: m.int(test.size) }) });
    h.applySettings(DIGITS_NETWORK, { reset: true });
  });
}

function render(h: PanelHost): TemplateResult {
  const m = h.m;
  const s = h.state;
  const catalog = h.catalog;
  const info = catalog.dataset(s.dataset);
  const custom = s.dataset === 'custom';
  // The digits are fixed images, not generated points: the points' controls (classes, training
  // share, noise, number of points, drawing, CSV) would do nothing, so a note stands for them.
  const digits = s.dataset === 'digits';
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
    let files: typeof import('../files.js') | null = null;
    let csv: typeof import('../io/csv.js') | null = null;
    try {
      [files, csv] = await Promise.all([import('../files.js'), import('../io/csv.js')]);
      const text = await files.readText(file, files.MAX_IMPORT_BYTES.csv);
      const data = csv.parseCsv(text);
      h.dismiss('csv');
      const next = { ...h.state, dataset: 'custom', data };
      if (data.dims !== shape.dims) next.features = data.dims === 1 ? ['x1'] : defaultState().features;
      reconcile(next, catalog);
      h.applySettings({ dataset: 'custom', data, features: next.features }, { reset: true });
      h.notify({ id: 'csv-ok', kind: 'info', text: (m) => m.t('notice.csvLoaded', { n: m.int(data.size), file: file.name }) });
    } catch (err) {
      h.dismiss('csv-ok');
      const tooLarge = files && err instanceof files.TooLargeError ? err : null;
      const line = csv && err instanceof csv.CsvError && err.line !== null ? err.line : null;
      h.notify({
        id: 'csv',
        kind: 'error',
        text: (m) => (tooLarge ? m.t('notice.tooLarge', { kb: m.int(tooLarge.kb), max: m.int(tooLarge.maxKb) }) : m.t('notice.csvFailed', { line: line !== null ? m.int(line) : '' })),
        technical: message(err),
      });
    }
  };

  // The hidden file input sits beside its button.
  const pickFile = (e: Event): void => (e.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('#csv-file')?.click();
  const exportCsv = async (): Promise<void> => {
    const data = custom && s.data ? s.data : h.built ? concatPoints(h.built.train, h.built.test) : null;
    if (!data) return;
    try {
      const { toCsv } = await import('../io/csv.js');
      h.download(`mlp-playground-${s.dataset}.csv`, new Blob([toCsv(data)], { type: 'text/csv' }));
      h.dismiss('csv-export');
    } catch (err) {
      h.notify(failureNotice('csv-export', 'notice.exportFailed', err));
    }
  };

  return html`
    <section class="panel data" role="group" aria-labelledby="data-h">
      <h2 id="data-h">${m.t('data.heading')}</h2>
      <div class="datasets" role="group" aria-label=${m.t('setting.dataset')}>
        ${catalog.datasets.map(
          (d) => html`<button aria-pressed=${s.dataset === d.name ? 'true' : 'false'} title=${about(h, d.name, d.description)} @click=${() => pickDataset(d.name)}>
            <canvas class="preview" data-name=${d.name} aria-hidden="true"></canvas>${h.m.name('dataset', d.name)}
          </button>`,
        )}
        <button class="digits" aria-pressed=${s.dataset === 'digits' ? 'true' : 'false'} title=${m.t('digits.tileTitle')} @click=${() => pickDigits(h)}>
          <span class="preview glyph" aria-hidden="true">7</span>${m.t('digits.tile')}
        </button>
        ${custom ? html`<button aria-pressed="true" title=${m.t('data.customTitle')}><canvas class="preview" data-name="custom" aria-hidden="true"></canvas>${h.m.name('dataset', 'custom')}</button>` : null}
      </div>
      ${digits ? html`<p class="description" data-note="digits-data">${m.t('digits.dataNote')}</p>` : null}
      <p class="description" ?hidden=${digits}>${custom
        ? m.t('data.custom', { points: m.int(s.data?.size ?? 0), classes: shape.problem === 'regression' ? 0 : shape.classes, oneD: shape.dims === 1 })
        : info ? about(h, info.name, info.description) : null}</p>
      ${info?.multiclass && !custom && !digits
        ? html`<div class="field">
            <label for="classes">${m.t('data.labelValue', { label: m.t(S.classes.label), value: m.int(s.classes) })}</label>
            <input id="classes" type="range" min=${S.classes.min} max=${S.classes.max} step=${S.classes.step} .value=${String(s.classes)} @change=${(e: Event) => set({ classes: range(e) })} />
          </div>`
        : null}
      ${digits ? null : html`<div class="field">
        <label for="ratio">${m.t('data.labelValue', { label: m.t(S.trainPercent.label), value: m.percent(s.trainPercent / 100, 0) })}</label>
        <input id="ratio" type="range" min=${S.trainPercent.min} max=${S.trainPercent.max} step=${S.trainPercent.step} .value=${String(s.trainPercent)} @change=${(e: Event) => set({ trainPercent: range(e) })} />
      </div>
      <div class="field">
        <label for="noise">${m.t('data.labelValue', { label: m.t(S.noise.label), value: m.percent(s.noise / 100, 0) })}</label>
        <input id="noise" type="range" min=${S.noise.min} max=${S.noise.max} step=${S.noise.step} .value=${String(s.noise)} ?disabled=${custom} @change=${(e: Event) => set({ noise: range(e) })} />
      </div>
      <div class="field">
        <label for="samples">${m.t('data.labelValue', { label: m.t(S.samples.label), value: m.int(custom ? s.data?.size ?? 0 : s.samples) })}</label>
        <input id="samples" type="range" min=${S.samples.min} max=${S.samples.max} step=${S.samples.step} .value=${String(s.samples)} ?disabled=${custom} @change=${(e: Event) => set({ samples: range(e) })} />
      </div>`}
      <div class="row">
        <label class="row"><span class="label">${h.m.t(S.dataSeed.label)}</span>
          ${integerInput(h, 'dataSeed', S.dataSeed, { label: h.m.t(S.dataSeed.label), width: '6em' })}
        </label>
        <button @click=${() => set({ dataSeed: Math.floor(Math.random() * 100000) }, true)} title=${m.t(custom ? 'data.regenerateCustomTitle' : 'data.regenerateTitle')}>${m.t('data.regenerate')}</button>
      </div>
      ${h.isHidden('draw') || digits
        ? null
        : html`<div class="field">
            <span class="label">${m.t('data.draw')}</span>
            <div class="row">
              <button aria-pressed=${ui.drawMode === 'add' ? 'true' : 'false'} @click=${() => h.setUi({ drawMode: h.ui.drawMode === 'add' ? 'off' : 'add' })}>${m.t('data.add')}</button>
              <button aria-pressed=${ui.drawMode === 'erase' ? 'true' : 'false'} @click=${() => h.setUi({ drawMode: h.ui.drawMode === 'erase' ? 'off' : 'erase' })}>${m.t('data.erase')}</button>
              <button @click=${() => h.editPoints((d) => ({ ...d, x: new Float32Array(0), y: new Float32Array(0), size: 0 }))} ?disabled=${!h.built && !custom}>${m.t('data.clear')}</button>
            </div>
            ${ui.drawMode === 'add' && shape.problem === 'classification'
              ? html`<div class="row classes" role="group" aria-label=${m.t('data.classGroup')}>
                  ${Array.from({ length: classChoices }, (_, k) => html`<button aria-pressed=${ui.drawClass === k ? 'true' : 'false'} aria-label=${m.t('data.classButton', { k, colour: m.name('colour', String(k)) })} @click=${() => h.setUi({ drawClass: k })}>
                    <span class="swatch" style=${`background:${colour(pal.classes[k]!)}`}></span>${k}
                  </button>`)}
                </div>`
              : null}
            ${ui.drawMode === 'add' && shape.problem === 'regression' && shape.dims === 2
              ? html`<div class="field"><label for="dv">${m.t('data.value', { value: m.fixed(ui.drawValue, 1) })}</label>
                  <input id="dv" type="range" min="-1" max="1" step="0.1" .value=${String(ui.drawValue)} @input=${(e: Event) => h.setUi({ drawValue: range(e) })} /></div>`
              : null}
            ${ui.drawMode !== 'off'
              ? html`<span class="hint">${m.t(ui.drawMode === 'add' ? (shape.dims === 1 ? 'data.hintAdd1d' : 'data.hintAdd2d') : 'data.hintErase')}</span>`
              : null}
          </div>`}
      ${digits
        ? null
        : html`<div class="row">
            <input type="file" accept=".csv,text/csv,text/plain" hidden id="csv-file" aria-label=${m.t('data.csvFile')} @change=${loadCsv} />
            <button @click=${pickFile}>${m.t('data.loadCsv')}</button>
            <button @click=${exportCsv} ?disabled=${!h.built && !custom}>${m.t('data.exportCsv')}</button>
          </div>`}
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
  /* The Digits tile has no points to draw: a large handwritten-looking glyph instead. */
  .datasets button .glyph {
    width: 100%;
    aspect-ratio: 1;
    border-radius: 4px;
    display: flex;
    align-items: center;
    justify-content: center;
    font: italic 600 28px/1 Georgia, serif;
    background: #111;
    color: #fff;
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
