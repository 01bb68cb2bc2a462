// The learning panels' styles (<mlp-gradient-flow>, <mlp-loss-landscape>: light DOM in the
// element's shadow root), adopted into that root by each when it is connected; in the
// panels' chunk, not on the page's first load (their disclosures' styles are
// panels/insight-panel.ts').
import { css } from 'lit';

export const insightElementStyles = css`
  mlp-gradient-flow,
  mlp-loss-landscape {
    display: block;
  }
  .insight p {
    margin: 4px 0;
    font-size: 13px;
    color: var(--muted);
  }
  .insight figure {
    margin: 6px 0;
  }
  .insight figcaption {
    font-size: 13px;
  }
  .flow .flow-chart {
    min-height: 140px;
  }
  .flow table {
    border-collapse: collapse;
    font-size: 12px;
    width: 100%;
    font-variant-numeric: tabular-nums;
  }
  .flow th,
  .flow td {
    text-align: right;
    padding: 1px 4px;
    border-bottom: 1px solid var(--border);
  }
  .flow th:first-child,
  .flow td:first-child {
    text-align: left;
    white-space: nowrap;
  }
  .flow .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 2px;
    margin-right: 4px;
    vertical-align: -1px;
  }
  .insight .controls {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    margin: 6px 0;
    font-size: 13px;
  }
  .insight .controls label {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  .insight .controls select {
    max-width: 100%;
  }
  canvas.landscape {
    display: block;
    width: 100%;
    aspect-ratio: 1;
    border-radius: 6px;
    border: 1px solid var(--border);
  }
  .insight .error {
    color: var(--text);
  }
`;
