// The element's styles, all inside its shadow root: light and dark themes as custom
// properties, a three-column desktop layout (data | network | output) that stacks on
// narrow containers (container queries, so an embedded instance adapts to its own width).
import { css, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

export const styles = [
  unsafeCSS(uplotCss),
  css`
    :host {
      --bg: #f7f7f8;
      --panel: #ffffff;
      --text: #202124;
      --muted: #5f6368;
      --border: #dadce0;
      --accent: #0877bd;
      --accent-text: #ffffff;
      --orange: #c2620a;
      --danger: #b3261e;
      --danger-bg: #fdecea;
      --warn-bg: #fff4e0;
      --info-bg: #e8f1fb;
      --focus: #1a73e8;
      --input-bg: #ffffff;
      display: block;
      container-type: inline-size;
      color: var(--text);
      background: var(--bg);
      font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      -webkit-text-size-adjust: 100%;
    }
    :host([data-theme='dark']) {
      --bg: #121418;
      --panel: #1a1d23;
      --text: #e6e6e6;
      --muted: #a0a4ab;
      --border: #363a42;
      --accent: #3ea0e6;
      --accent-text: #0b1620;
      --orange: #f7a03c;
      --danger: #ff8a80;
      --danger-bg: #3b1714;
      --warn-bg: #3a2c12;
      --info-bg: #142536;
      --focus: #8ab4f8;
      --input-bg: #22262d;
      color-scheme: dark;
    }
    :host([data-theme='light']) {
      color-scheme: light;
    }
    * {
      box-sizing: border-box;
    }
    [hidden] {
      display: none !important;
    }
    button,
    select,
    input {
      font: inherit;
      color: inherit;
    }
    button {
      cursor: pointer;
      border: 1px solid var(--border);
      background: var(--panel);
      border-radius: 6px;
      padding: 4px 10px;
      min-height: 32px;
    }
    button:hover:not(:disabled) {
      border-color: var(--accent);
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    button[aria-pressed='true'] {
      background: var(--accent);
      color: var(--accent-text);
      border-color: var(--accent);
    }
    select,
    input[type='number'],
    input[type='text'] {
      background: var(--input-bg);
      border: 1px solid var(--border);
      border-radius: 6px;
      padding: 3px 6px;
      min-height: 30px;
      max-width: 100%;
    }
    input[type='range'] {
      width: 100%;
      accent-color: var(--accent);
    }
    input[type='checkbox'] {
      accent-color: var(--accent);
      width: 16px;
      height: 16px;
    }
    :focus-visible {
      outline: 2px solid var(--focus);
      outline-offset: 2px;
    }
    .app {
      max-width: 1400px;
      margin: 0 auto;
      padding: 8px 12px 24px;
    }
    header.top {
      display: flex;
      align-items: center;
      gap: 12px;
      flex-wrap: wrap;
      padding: 4px 0 8px;
    }
    header.top h1 {
      font-size: 20px;
      margin: 0;
      font-weight: 600;
    }
    header.top p {
      margin: 0;
      color: var(--muted);
      flex: 1 1 300px;
    }
    ::slotted([slot='header']) {
      color: var(--accent);
      font-weight: 600;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 10px 16px;
      background: var(--panel);
      border: 1px solid var(--border);
      border-radius: 10px;
      padding: 10px 12px;
    }
    .toolbar .head {
      display: flex;
      gap: 16px;
      align-items: center;
    }
    .transport {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    .transport button {
      min-width: 44px;
      min-height: 44px;
      border-radius: 22px;
      font-size: 15px;
    }
    .transport button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 6px;
    }
    .transport button.play {
      min-width: 96px;
      background: var(--accent);
      color: var(--accent-text);
      border-color: var(--accent);
      font-weight: 600;
    }
    .counter {
      display: flex;
      flex-direction: column;
      /* Room for the rates, so the changing numbers never shift the controls around. */
      min-width: 210px;
    }
    .counter .hint {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .counter .big {
      font-size: 22px;
      font-variant-numeric: tabular-nums;
      line-height: 1.1;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .field > label,
    .label {
      font-size: 12px;
      color: var(--muted);
    }
    .notices {
      display: flex;
      flex-direction: column;
      gap: 6px;
      margin: 8px 0 0;
    }
    .notice {
      display: flex;
      gap: 10px;
      align-items: flex-start;
      border-radius: 8px;
      padding: 8px 10px;
      border: 1px solid var(--border);
      background: var(--info-bg);
    }
    .notice.warning {
      background: var(--warn-bg);
    }
    .notice.error {
      background: var(--danger-bg);
      border-color: var(--danger);
    }
    .notice .text {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .notice ul {
      margin: 4px 0 0;
      padding-left: 18px;
    }
    .notice button {
      min-height: 28px;
      padding: 0 8px;
    }
    .columns {
      display: grid;
      grid-template-columns: 230px minmax(0, 1fr) 380px;
      grid-template-areas: 'data network output';
      gap: 12px;
      margin-top: 12px;
      align-items: start;
    }
    /* Embedded views without the data panel (and without the network). */
    .columns.no-data {
      grid-template-columns: minmax(0, 1fr) 380px;
      grid-template-areas: 'network output';
    }
    .columns.no-data.no-network {
      grid-template-columns: minmax(0, 640px);
      grid-template-areas: 'output';
      justify-content: center;
    }
    section.panel {
      background: var(--panel);
      border: 1px solid var(--border);
      border-radius: 10px;
      padding: 10px 12px;
      min-width: 0;
    }
    section.panel h2 {
      font-size: 13px;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: var(--muted);
      margin: 0 0 8px;
      font-weight: 600;
    }
    .data {
      grid-area: data;
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .network {
      grid-area: network;
    }
    .output {
      grid-area: output;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .row {
      display: flex;
      gap: 6px;
      flex-wrap: wrap;
      align-items: center;
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
    .hint {
      color: var(--muted);
      font-size: 12px;
    }
    .swatch {
      display: inline-block;
      width: 14px;
      height: 14px;
      border-radius: 50%;
      border: 1px solid var(--border);
      vertical-align: middle;
    }
    .classes button {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 8px;
    }
    .diagram-head {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
      margin-bottom: 6px;
    }
    .diagram-scroll {
      overflow-x: auto;
      overflow-y: hidden;
      padding-bottom: 4px;
    }
    .diagram {
      position: relative;
    }
    .layer-heads {
      position: relative;
      height: 64px;
    }
    .layer-head {
      position: absolute;
      top: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
      font-size: 11px;
      color: var(--muted);
      transform: translateX(-50%);
      white-space: nowrap;
    }
    .layer-head .pm button {
      min-height: 22px;
      min-width: 24px;
      padding: 0 4px;
      line-height: 1;
    }
    .layer-head select {
      min-height: 22px;
      padding: 0 2px;
      font-size: 11px;
      max-width: 84px;
    }
    .lines {
      position: absolute;
      left: 0;
      top: 0;
    }
    .node {
      position: absolute;
      padding: 0;
      min-height: 0;
      border-radius: 4px;
      border: 1px solid var(--border);
      overflow: hidden;
      background: var(--panel);
    }
    .node canvas {
      display: block;
      width: 100%;
      height: 100%;
    }
    .node.off canvas {
      opacity: 0.25;
    }
    .node.focused {
      outline: 2px solid var(--focus);
      outline-offset: 1px;
    }
    .node-label {
      position: absolute;
      font-size: 11px;
      color: var(--muted);
      white-space: nowrap;
      pointer-events: none;
    }
    .tooltip {
      position: absolute;
      pointer-events: none;
      background: var(--text);
      color: var(--panel);
      border-radius: 4px;
      padding: 2px 6px;
      font-size: 12px;
      white-space: nowrap;
      z-index: 3;
    }
    .editor {
      position: absolute;
      z-index: 4;
      background: var(--panel);
      border: 1px solid var(--accent);
      border-radius: 8px;
      padding: 8px;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.2);
      display: flex;
      flex-direction: column;
      gap: 6px;
      width: 220px;
    }
    .editor .error {
      color: var(--danger);
      font-size: 12px;
    }
    details.about {
      margin-top: 8px;
      color: var(--muted);
      font-size: 13px;
    }
    details.about summary {
      cursor: pointer;
      color: var(--text);
    }
    details.about p {
      margin: 6px 0 0;
      max-width: 70ch;
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
    .sr-only {
      position: absolute;
      width: 1px;
      height: 1px;
      padding: 0;
      margin: -1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      border: 0;
    }
    .loading {
      color: var(--muted);
      padding: 20px;
    }
    /* Narrow: output first (what you came to see), then data, then the network. */
    @container (max-width: 1080px) {
      .columns {
        grid-template-columns: minmax(0, 1fr) minmax(300px, 440px);
        grid-template-areas: 'data output' 'network network';
      }
    }
    @container (max-width: 720px) {
      .columns {
        grid-template-columns: minmax(0, 1fr);
        grid-template-areas: 'output' 'data' 'network';
      }
      .columns.no-data {
        grid-template-columns: minmax(0, 1fr);
        grid-template-areas: 'output' 'network';
      }
      .app {
        padding: 6px 8px 20px;
      }
      .toolbar {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 8px 12px;
        align-items: end;
      }
      .toolbar .head {
        grid-column: 1 / -1;
      }
      .counter {
        min-width: 0;
      }
      .counter .hint {
        white-space: normal;
      }
      .toolbar .field select,
      .toolbar .field input[type='number'] {
        width: 100%;
      }
      .toolbar .field .row input[type='number'] {
        width: auto;
        flex: 1;
        min-width: 0;
      }
      .datasets {
        grid-template-columns: repeat(auto-fill, minmax(56px, 1fr));
      }
    }
  `,
];
