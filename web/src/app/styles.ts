// The element's own styles, inside its shadow root: light and dark themes as custom
// properties, the controls, notices, and the layout of the columns (data | network |
// output) that stacks on narrow containers (container queries, so an embedded instance
// adapts to its own width). Each panel's styles sit beside it in panels/.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --bg: #f7f7f8;
    --panel: #ffffff;
    --text: #202124;
    --muted: #5f6368;
    --border: #dadce0;
    --accent: #0671b4;
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
  /* Less motion when the reader asks for it (the frame loop also redraws less often). */
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  .app {
    max-width: 1400px;
    margin: 0 auto;
    padding: 8px 12px 24px;
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
  .notice button.action {
    font-weight: 600;
    border-color: var(--danger);
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
  .row {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
    align-items: center;
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
  }
`;
