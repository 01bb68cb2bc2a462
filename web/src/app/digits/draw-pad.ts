// The draw pad of the digits mode: a canvas to draw a digit on with a mouse, pen or finger
// (pointer events, one stroke per pointer), a Clear button, and the drawing handed on as a
// 28×28 MNIST-like input (preprocess.ts) after every change, at most once a frame; and the
// ten labelled probability bars that show the network's answer. Part of the digits chunk.
import { css, html, LitElement, type TemplateResult } from 'lit';
import type { Messages } from '../../i18n/messages.js';
import { inkOf, toMnist } from './preprocess.js';

/** The pad's drawing size in canvas pixels (CSS size is the layout's): ten per MNIST pixel. */
const PAD = 280;
/** The pen's width in canvas pixels: MNIST strokes are 2-3 of its 28 pixels wide. */
const PEN = 22;

/** `digit` event: the drawing as 784 values in [0, 1], or null once cleared. */
export type DigitEvent = CustomEvent<Float32Array | null>;

export class DrawPad extends LitElement {
  static override properties = { label: { type: String }, clearLabel: { type: String } };
  declare label: string;
  declare clearLabel: string;
  #last = new Map<number, { x: number; y: number }>();
  #pending = 0;

  constructor() {
    super();
    // Set by the digits view from the catalog (digits.drawPad, digits.clear).
    this.label = '';
    this.clearLabel = '';
  }

  get #canvas(): HTMLCanvasElement {
    return this.renderRoot.querySelector('canvas')!;
  }

  #point(e: PointerEvent): { x: number; y: number } {
    const r = this.#canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * PAD, y: ((e.clientY - r.top) / r.height) * PAD };
  }

  #down = (e: PointerEvent): void => {
    if (e.button !== 0 && e.pointerType === 'mouse') return;
    e.preventDefault();
    this.#canvas.setPointerCapture(e.pointerId);
    const p = this.#point(e);
    this.#last.set(e.pointerId, p);
    this.#line(p, p);
  };

  #move = (e: PointerEvent): void => {
    const from = this.#last.get(e.pointerId);
    if (!from) return;
    // Coalesced events keep a fast stroke smooth where the browser gives them.
    for (const c of e.getCoalescedEvents?.() ?? [e]) {
      const to = this.#point(c);
      this.#line(this.#last.get(e.pointerId)!, to);
      this.#last.set(e.pointerId, to);
    }
    void from;
  };

  #up = (e: PointerEvent): void => {
    this.#last.delete(e.pointerId);
  };

  #line(from: { x: number; y: number }, to: { x: number; y: number }): void {
    const g = this.#canvas.getContext('2d', { willReadFrequently: true })!;
    g.strokeStyle = '#000';
    g.lineWidth = PEN;
    g.lineCap = 'round';
    g.lineJoin = 'round';
    g.beginPath();
    g.moveTo(from.x, from.y);
    g.lineTo(to.x, to.y);
    g.stroke();
    this.#changed();
  }

  #changed(): void {
    if (this.#pending) return;
    this.#pending = requestAnimationFrame(() => {
      this.#pending = 0;
      this.dispatchEvent(new CustomEvent('digit', { detail: this.digit() }));
    });
  }

  /** The drawing as the network's input (784 values), or null when the pad is empty. */
  digit(): Float32Array | null {
    const g = this.#canvas.getContext('2d', { willReadFrequently: true })!;
    return toMnist(inkOf(g.getImageData(0, 0, PAD, PAD).data, PAD, PAD));
  }

  clear(): void {
    this.#canvas.getContext('2d', { willReadFrequently: true })!.clearRect(0, 0, PAD, PAD);
    this.#last.clear();
    this.dispatchEvent(new CustomEvent('digit', { detail: null }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.#pending) cancelAnimationFrame(this.#pending);
    this.#pending = 0;
  }

  static override styles = css`
    :host { display: inline-flex; flex-direction: column; gap: 6px; }
    canvas {
      width: min(280px, 70vw);
      aspect-ratio: 1;
      background: #fff;
      border: 1px solid #888;
      border-radius: 6px;
      touch-action: none;
      cursor: crosshair;
    }
    canvas:focus-visible { outline: 2px solid #2563eb; outline-offset: 2px; }
  `;

  override render(): TemplateResult {
    return html`<canvas width=${PAD} height=${PAD} role="img" tabindex="0" aria-label=${this.label}
        @pointerdown=${this.#down} @pointermove=${this.#move} @pointerup=${this.#up} @pointercancel=${this.#up}></canvas>
      <button type="button" @click=${() => this.clear()}>${this.clearLabel}</button>`;
  }
}

if (!customElements.get('mlp-draw-pad')) customElements.define('mlp-draw-pad', DrawPad);

/** The network's ten class probabilities as labelled bars (empty bars before a drawing). */
export function probabilityBars(m: Messages, probs: ArrayLike<number> | null): TemplateResult {
  let best = -1;
  if (probs) for (let c = 0; c < 10; c++) if (best < 0 || probs[c]! > probs[best]!) best = c;
  return html`<ol class="probs" aria-label=${m.t('digits.probabilities')}>
    ${Array.from({ length: 10 }, (_, c) => {
      const p = probs ? probs[c]! : 0;
      const text = probs ? m.percent(p, 1) : '–';
      return html`<li class=${c === best ? 'best' : ''}>
        <span class="digit">${m.int(c)}</span>
        <meter min="0" max="1" .value=${p} aria-label=${m.t('digits.probability', { digit: m.int(c) })}></meter>
        <output aria-label=${m.t('digits.probability', { digit: m.int(c) })}>${text}</output>
      </li>`;
    })}
  </ol>`;
}

/** The pad with its bars, in the reader's language: `onDigit` gets each new drawing (null: cleared). */
export function drawPadView(m: Messages, probs: ArrayLike<number> | null, onDigit: (x: Float32Array | null) => void): TemplateResult {
  return html`<div class="draw">
    <mlp-draw-pad .label=${m.t('digits.drawPad')} .clearLabel=${m.t('digits.clear')} @digit=${(e: DigitEvent) => onDigit(e.detail)}></mlp-draw-pad>
    ${probabilityBars(m, probs)}
  </div>`;
}
