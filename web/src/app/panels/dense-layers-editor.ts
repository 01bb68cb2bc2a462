// The digits' dense-layer editor in the network panel (the diagram of 2-D data, whose +/−
// buttons edit the widths there, is not drawn for 784 inputs): each hidden dense layer's
// units and activation, then the output layer. A width is read as the hash's `layers` reads
// it (1 to 256 units on the digits): a value it refuses is not applied, and a notice says
// which layer and why, in the words of the hash's message.
import { html, type TemplateResult } from 'lit';
import type { Activation } from '../../core/types.js';
import type { PanelHost } from '../host.js';
import { outputLayer } from '../problem.js';
import { FieldError, readInteger } from '../settings-readers.js';
import { maxUnits, SETTINGS } from '../settings.js';

export function denseLayersEditor(h: PanelHost, set: (patch: { hidden?: number[]; activations?: Activation[] }) => void): TemplateResult {
  const m = h.m;
  const s = h.state;
  const max = maxUnits(s);
  const out = outputLayer(h.shape, s.loss);
  const width = (l: number, input: HTMLInputElement): void => {
    const text = input.value.trim();
    try {
      const units = readInteger(text, SETTINGS.hidden.min!, max);
      h.dismiss('dense-layers');
      input.removeAttribute('aria-invalid');
      if (units !== s.hidden[l]) set({ hidden: s.hidden.map((u, j) => (j === l ? units : u)) });
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      const said = e.said;
      h.notify({ id: 'dense-layers', kind: 'warning', text: (m) => m.t('dense.refused', { layer: l + 1, value: JSON.stringify(text.slice(0, 40)), reason: said(m) }) });
      input.value = String(s.hidden[l]);
    }
  };
  const activation = (l: number, a: string): void => set({ activations: s.activations.map((x, j) => (j === l ? (a as Activation) : x)) });
  return html`<div class="dense-layers" role="group" aria-label=${m.t('dense.heading')}>
    <h3>${m.t('dense.heading')}</h3>
    <p class="hint">${m.t('dense.range', { max: m.int(max) })}</p>
    ${s.hidden.length === 0 ? html`<p class="hint">${m.t('dense.none')}</p>` : null}
    <ol>
      ${s.hidden.map((n, l) => {
        const layer = l + 1;
        return html`<li data-dense-layer=${layer}>
          <span>${m.t('dense.layer', { layer })}</span>
          <input type="number" inputmode="numeric" min=${SETTINGS.hidden.min!} max=${max} step="1" aria-label=${m.t('dense.units', { layer })} .value=${String(n)}
            @change=${(e: Event) => width(l, e.target as HTMLInputElement)} />
          <select aria-label=${m.t('dense.activation', { layer })} @change=${(e: Event) => activation(l, (e.target as HTMLSelectElement).value)}>
            ${h.catalog.hiddenActivations.map((a) => html`<option value=${a} ?selected=${a === s.activations[l]}>${m.name('activation', a)}</option>`)}
          </select>
        </li>`;
      })}
      <li data-dense-layer="output"><span>${m.t('network.output')}</span><output>${m.t('network.outputUnits', { units: out.units, activation: m.name('activation', out.activation) })}</output></li>
    </ol>
  </div>`;
}
