// The output panel: current losses and accuracies as text, the loss chart, the main view
// (decision boundary / regression surface / 1-D fit, where points are drawn), its legend
// and options, and the exports (PNG, network JSON, PyTorch script, ONNX) and network import
// (the network file's wrapping, files.ts, is a chunk fetched on the first export or import).
import { css, html, type TemplateResult } from 'lit';
import type { Dataset } from '../../core/types.js';
import { css as colour } from '../../view/colors.js';
import type { Messages } from '../../i18n/messages.js';
import type { PanelHost } from '../host.js';
import { outputLayer } from '../problem.js';
import { SETTINGS } from '../settings.js';
import { failureNotice } from '../failure.js';
import { message } from '../text.js';
import { historyScrubber, historyStyles } from './history-scrubber.js';
import { insightSection } from './insight-panel.js';
import type { Panel } from './panel.js';
import { pickWalkPoint } from './walk-slot.js';

const S = SETTINGS;

const MAX_POINTS = 5000;

function render(h: PanelHost): TemplateResult {
  const m = h.m;
  const s = h.state;
  const shape = h.shape;
  // The digits have no plane of points: the main view's options (test points, discretized
  // output, zoom, its PNG) would do nothing, so a note stands for them.
  const digits = s.dataset === 'digits';
  const pal = h.palette;
  const ui = h.ui;
  const focus = ui.focusUnit;
  const outLayer = s.hidden.length + 1;
  const all = h.catalog.featuresFor(shape.dims);
  const focusText = !focus
    ? ''
    : focus.layer === 0
      ? m.t('output.showingFeature', { name: h.catalog.featureLabel(all[focus.unit]!) })
      : focus.layer === outLayer
        ? m.t('output.showingOutput', { n: focus.unit + 1 })
        : m.t('output.showingUnit', { layer: focus.layer, unit: focus.unit + 1 });
  const out = outputLayer(shape, s.loss);

  // ---- drawing points ----
  let last: [number, number] | null = null;
  const addAt = (e: PointerEvent, drag: boolean): void => {
    const view = h.pointAt(e.clientX, e.clientY);
    if (!view) return;
    const { x, y } = view;
    const erase = h.ui.drawMode === 'erase' || e.shiftKey || e.altKey;
    if (!erase && drag && last && Math.hypot(x - last[0], y - last[1]) < 0.35) return;
    last = [x, y];
    const radius = 10 / view.pixelsPerUnit;
    h.editPoints((d) => (erase ? removeNear(d, x, y, radius) : addPoint(d, x, y, h.ui.drawClass, h.ui.drawValue, h)));
  };
  const down = (e: PointerEvent): void => {
    if (h.ui.drawMode === 'off') {
      pickWalkPoint(h, e);  // the walk's training point, while it is open
      return;
    }
    e.preventDefault();
    (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
    last = null;
    addAt(e, false);
  };
  const move = (e: PointerEvent): void => {
    if (h.ui.drawMode !== 'add' || e.buttons !== 1 || shape.dims === 1) return;
    addAt(e, true);
  };

  // An export that fails says so, in words, with the library's message as the detail.
  const guarded = (run: () => Promise<void>) => (): void => {
    h.dismiss('export');
    run().catch((err: unknown) => h.notify(failureNotice('export', 'notice.exportFailed', err)));
  };
  const exportPng = async (): Promise<void> => {
    const png = await h.exportImage();
    if (png) h.download('mlp-playground-boundary.png', png);
  };
  const exportJson = async (): Promise<void> => {
    const [json, { wrapNetwork }] = await Promise.all([h.exportNetwork(), import('../files.js')]);
    h.download('mlp-playground-network.json', new Blob([wrapNetwork(s, json)], { type: 'application/json' }));
  };
  // The exports are made by the library in the worker (net.toPyTorch, net.toONNX).
  const exportPy = async (): Promise<void> => {
    const classes = shape.problem === 'classification' ? shape.classes : undefined;
    const script = await h.exportPyTorch({ features: s.features, dims: shape.dims, problem: shape.problem, classes, batchSize: s.batchSize });
    h.download('mlp_playground_model.py', new Blob([script], { type: 'text/x-python' }));
  };
  const exportOnnx = async (): Promise<void> => {
    const bytes = await h.exportONNX({ features: s.features, dims: shape.dims });
    h.download('mlp_playground_model.onnx', new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  };
  const importJson = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    let files: typeof import('../files.js') | null = null;
    try {
      files = await import('../files.js');
      const doc = files.unwrapNetwork(await files.readText(file, files.MAX_IMPORT_BYTES.network), s, h.catalog);
      await h.importNetwork(doc.state, doc.network);
      h.dismiss('import');
      h.notify({ id: 'import-ok', kind: 'info', text: (m) => m.t('notice.importOk', { file: file.name }), details: doc.said.length ? (m) => doc.said.map((f) => f(m)) : undefined });
    } catch (err) {
      h.dismiss('import-ok');
      const tooLarge = files && err instanceof files.TooLargeError ? err : null;
      const why = (m: Messages): string => (tooLarge ? ` ${m.t('notice.tooLarge', { kb: m.int(tooLarge.kb), max: m.int(tooLarge.maxKb) })}` : '');
      h.notify({ id: 'import', kind: 'error', text: (m) => `${m.t('notice.importFailed')}${why(m)}`, technical: message(err) });
    }
  };

  return html`
    <section class="panel output" role="group" aria-labelledby="out-h">
      <h2 id="out-h">${m.t('output.heading')}</h2>
      <div class="metrics">
        <div class="metric"><span class="label" id="l-train">${m.t('output.trainLoss')}</span><output aria-label=${m.t('output.trainLoss')} data-readout="train-loss">–</output></div>
        <div class="metric"><span class="label" id="l-test">${m.t('output.testLoss')}</span><output aria-label=${m.t('output.testLoss')} data-readout="test-loss">–</output></div>
        ${shape.problem === 'classification'
          ? html`<div class="metric"><span class="label">${m.t('output.trainAcc')}</span><output aria-label=${m.t('output.trainAcc')} data-readout="train-acc">–</output></div>
              <div class="metric"><span class="label">${m.t('output.testAcc')}</span><output aria-label=${m.t('output.testAcc')} data-readout="test-acc">–</output></div>`
          : null}
      </div>
      <div class="chart" ?hidden=${h.isHidden('chart')} role="figure" aria-label=${m.t('output.chart')}></div>
      ${historyScrubber(h)}
      ${insightSection(h)}
      <!-- Digits are no points of a plane: no main view (the digits panel shows what the network answers). -->
      <div class="main-wrap" ?hidden=${s.dataset === 'digits'}>
        <canvas class="main ${ui.drawMode !== 'off' ? 'drawing' : ''}" tabindex="0" role="img" aria-label=${m.t('output.boundary')}
          @pointerdown=${down} @pointermove=${move} @pointerup=${() => (last = null)}></canvas>
        ${focusText ? html`<span class="focus-label">${focusText}</span>` : null}
      </div>
      <div class="legend" ?hidden=${s.dataset === 'digits'}>
        ${s.dataset === 'digits' ? null : shape.problem === 'classification' && out.activation === 'softmax'
          ? Array.from({ length: shape.classes }, (_, k) => html`<span><span class="swatch" style=${`background:${colour(pal.classes[k]!)}`}></span> ${m.t('output.class', { k })}</span>`)
          : shape.dims === 1
            ? html`<span>${m.t(focus ? 'output.legend1dFocus' : 'output.legend1d')}</span>`
            : html`<span>${shape.problem === 'regression' ? `−${fmtScale(h.valueScale)}` : out.activation === 'sigmoid' ? '0' : '−1'}</span>
                <span class="bar" style=${`background:linear-gradient(90deg, ${colour(pal.negative)}, ${colour(pal.neutral)}, ${colour(pal.positive)})`}></span>
                <span>${shape.problem === 'regression' ? fmtScale(h.valueScale) : '1'}</span>
                <span>${m.t(shape.problem === 'regression' ? 'output.legendValue' : 'output.legendClasses')}</span>`}
      </div>
      <div class="checks row">
        ${digits ? null : html`<label><input type="checkbox" .checked=${s.showTest} @change=${(e: Event) => h.applySettings({ showTest: (e.target as HTMLInputElement).checked })} /> ${h.m.t(S.showTest.label)}</label>`}
        <label ?hidden=${h.isHidden('chart')}><input type="checkbox" .checked=${s.logLoss} @change=${(e: Event) => h.applySettings({ logLoss: (e.target as HTMLInputElement).checked })} /> ${h.m.t(S.logLoss.label)}</label>
        ${digits
          ? null
          : html`<label><input type="checkbox" .checked=${s.discretize} ?disabled=${shape.problem !== 'classification'} @change=${(e: Event) => h.applySettings({ discretize: (e.target as HTMLInputElement).checked })} /> ${h.m.t(S.discretize.label)}</label>
              <label title=${m.t('output.zoomTitle')}>${h.m.t(S.zoom.label)}
                <select id="zoom" @change=${(e: Event) => h.applySettings({ zoom: Number((e.target as HTMLSelectElement).value) })}>
                  ${S.zoom.suggested!.includes(s.zoom) ? null : html`<option value=${String(s.zoom)} selected>×${s.zoom}</option>`}
                  ${S.zoom.suggested!.map((z) => html`<option value=${String(z)} ?selected=${z === s.zoom}>×${z}</option>`)}
                </select>
              </label>`}
      </div>
      ${digits ? html`<p class="note" data-note="digits-view">${m.t('digits.viewNote')}</p>` : null}
      ${h.isHidden('export')
        ? null
        : html`<div class="exports" role="group" aria-label=${m.t('output.exports')}>
            ${digits ? null : html`<button @click=${guarded(exportPng)}>${m.t('output.png')}</button>`}
            <button @click=${guarded(exportJson)} ?disabled=${!h.built}>${m.t('output.json')}</button>
            <button @click=${guarded(exportPy)} ?disabled=${!h.built}>${m.t('output.pytorch')}</button>
            <button @click=${guarded(exportOnnx)} ?disabled=${!h.built} title=${m.t('output.onnxTitle')}>${m.t('output.onnx')}</button>
            <input type="file" accept=".json,application/json" hidden id="net-file" aria-label=${m.t('output.networkFile')} @change=${importJson} />
            <button @click=${(e: Event) => (e.currentTarget as HTMLElement).parentElement?.querySelector<HTMLInputElement>('#net-file')?.click()}>${m.t('output.import')}</button>
          </div>`}
    </section>
  `;
}

function fmtScale(v: number): string {
  return String(Number(v.toPrecision(2)));
}

function addPoint(d: Dataset, x: number, y: number, cls: number, value: number, h: PanelHost): Dataset {
  if (d.size >= MAX_POINTS) {
    h.notify({ id: 'draw', kind: 'info', text: (m) => m.t('notice.maxPoints', { n: m.int(MAX_POINTS) }) });
    return d;
  }
  const xs = new Float32Array(d.x.length + d.dims);
  xs.set(d.x);
  const ys = new Float32Array(d.size + 1);
  ys.set(d.y);
  if (d.dims === 1) {
    xs[d.x.length] = x;
    ys[d.size] = y;
  } else {
    xs[d.x.length] = x;
    xs[d.x.length + 1] = y;
    ys[d.size] = d.problem === 'regression' ? value : cls;
  }
  const classes = d.problem === 'classification' ? Math.max(d.classes, cls + 1) : 0;
  return { ...d, x: xs, y: ys, size: d.size + 1, classes };
}

function removeNear(d: Dataset, x: number, y: number, radius: number): Dataset {
  let best = -1;
  let bestD = radius;
  for (let i = 0; i < d.size; i++) {
    const px = d.x[i * d.dims]!;
    const py = d.dims === 1 ? d.y[i]! : d.x[i * d.dims + 1]!;
    const dist = Math.hypot(px - x, py - y);
    if (dist <= bestD) {
      bestD = dist;
      best = i;
    }
  }
  if (best < 0) return d;
  const xs = new Float32Array(d.x.length - d.dims);
  xs.set(d.x.subarray(0, best * d.dims));
  xs.set(d.x.subarray((best + 1) * d.dims), best * d.dims);
  const ys = new Float32Array(d.size - 1);
  ys.set(d.y.subarray(0, best));
  ys.set(d.y.subarray(best + 1), best);
  return { ...d, x: xs, y: ys, size: d.size - 1 };
}

const styles = css`
  ${historyStyles}
  .output {
    grid-area: output;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .metrics {
    display: grid;
    grid-template-columns: repeat(2, minmax(0, 1fr));
    gap: 4px 12px;
  }
  .metric {
    display: flex;
    flex-direction: column;
  }
  .metric output {
    font-size: 18px;
    font-variant-numeric: tabular-nums;
  }
  .chart {
    min-height: 150px;
  }
  .chart .u-legend {
    font-size: 12px;
    color: var(--text);
  }
  .chart .u-legend th {
    font-weight: normal;
  }
  .main-wrap {
    position: relative;
    width: 100%;
  }
  canvas.main {
    width: 100%;
    aspect-ratio: 1;
    display: block;
    border-radius: 6px;
    border: 1px solid var(--border);
    touch-action: pan-y;
  }
  canvas.main.drawing {
    touch-action: none;
    cursor: crosshair;
  }
  .focus-label {
    position: absolute;
    left: 8px;
    top: 8px;
    background: var(--panel);
    border-radius: 4px;
    padding: 1px 6px;
    font-size: 12px;
    opacity: 0.9;
  }
  .legend {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 12px;
    color: var(--muted);
    flex-wrap: wrap;
  }
  .legend .bar {
    height: 10px;
    width: 120px;
    border-radius: 3px;
  }
  .note {
    color: var(--muted);
    font-size: 12px;
    margin: 0;
  }
  .checks label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    margin-right: 12px;
  }
  .exports {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
`;

export const outputPanel: Panel = { id: 'output', place: 'column', styles, render };
