// Compare mode's cards (compare-panel.ts places them): a chunk of its own, fetched when the
// settings first have other networks to compare (compare-panel.ts' prepare), not on the page's
// first load. Only the template; the styles are compare-panel.ts'.
import { html, nothing, type TemplateResult } from 'lit';
import { differences, NETWORK_STYLES } from '../compare/nets.js';
import type { PanelHost } from '../host.js';

export function compareCards(h: PanelHost): TemplateResult {
  const nets = h.state.compare;
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
