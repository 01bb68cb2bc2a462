// Compare mode's cards, side by side above the columns: per network its colour and line
// style (as in the loss chart), what it changes from the first, its boundary (or fit) and
// its readouts. Only the template: the extra networks are trained and painted by
// compare/compare-set.ts. Nothing is rendered without compare mode.
import { css, html, nothing, type TemplateResult } from 'lit';
import { differences, NETWORK_STYLES } from '../compare/nets.js';
import type { PanelHost } from '../host.js';
import type { Panel } from './panel.js';

function render(h: PanelHost): TemplateResult {
  const nets = h.state.compare;
  if (nets.length === 0) return html`${nothing}`;
  const classification = h.shape.problem === 'classification';
  const m = h.m;
  const cards = [null, ...nets].map((net, i) => {
    const style = NETWORK_STYLES[i]!;
    const stroke = h.palette.dark ? style.dark : style.colour;
    const n = m.int(i + 1);
    const name = m.t('compare.network', { n });
    const diffs = net ? differences(net, m) : [m.t('compare.first')];
    const out = (what: string, label: string): TemplateResult =>
      html`<div><dt>${label}</dt><dd><output data-compare=${what} data-net=${i} aria-label=${m.t('compare.readout', { network: name, what: label })}>–</output></dd></div>`;
    return html`<section class="card" aria-label=${name} data-net=${i}>
      <h3>
        <svg aria-hidden="true" width="28" height="10"><line x1="1" y1="5" x2="27" y2="5" stroke=${stroke} stroke-width="3" stroke-dasharray=${style.dash.join(' ') || nothing}></line></svg>
        ${name} <span class="dash">(${m.name('compare-dash', style.dashName)})</span>
      </h3>
      <ul class="diffs">${diffs.map((d) => html`<li>${d}</li>`)}</ul>
      <canvas class="compare-view" data-net=${i} role="img" aria-label=${m.t('compare.boundary', { n })}></canvas>
      <dl>
        ${out('epoch', m.t('toolbar.epoch'))} ${out('train-loss', m.t('output.trainLoss'))} ${out('test-loss', m.t('output.testLoss'))}
        ${classification ? out('test-acc', m.t('output.testAcc')) : nothing}
      </dl>
    </section>`;
  });
  return html`<div class="compare" role="region" aria-label=${m.t('compare.region')} data-networks=${nets.length + 1}>${cards}</div>`;
}

const styles = css`
  .compare {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(150px, 1fr));
    gap: 10px;
    margin: 0 0 10px;
  }
  .compare .card {
    background: var(--panel);
    border: 1px solid var(--border);
    border-radius: 8px;
    padding: 8px;
    min-width: 0;
  }
  .compare h3 {
    margin: 0 0 4px;
    font-size: 14px;
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .compare .dash {
    color: var(--muted);
    font-weight: normal;
    font-size: 12px;
  }
  .compare .diffs {
    margin: 0 0 6px;
    padding: 0 0 0 16px;
    min-height: 1.4em;
    font-size: 13px;
  }
  .compare canvas {
    display: block;
    width: 100%;
    aspect-ratio: 1;
    border-radius: 4px;
  }
  .compare dl {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 2px 8px;
    margin: 6px 0 0;
    font-size: 12px;
  }
  .compare dt {
    color: var(--muted);
  }
  .compare dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
`;

export const comparePanel: Panel = { id: 'compare', place: 'top', styles, render };
