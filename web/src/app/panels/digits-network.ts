// The network panel's body for the digits (dataset=digits): the image- and dense-layer
// editors and the digits mode's stage diagram. A chunk of its own, loaded by digits-part.ts
// with the digits mode's English messages: not on the page's first load (their styles are
// layer-editor-styles.ts, in the network panel's).
import { html, type TemplateResult } from 'lit';
import type { Activation } from '../../core/types.js';
import type { PanelHost } from '../host.js';
import { denseLayersEditor } from './dense-layers-editor.js';
import { imageLayersEditor } from './image-layers-editor.js';

export function digitsNetwork(h: PanelHost, set: (patch: { hidden?: number[]; activations?: Activation[] }) => void): TemplateResult {
  return html`${imageLayersEditor(h)}${denseLayersEditor(h, set)}<mlp-digits-shapes .layers=${h.built?.layers ?? null} .m=${h.m}></mlp-digits-shapes>`;
}
