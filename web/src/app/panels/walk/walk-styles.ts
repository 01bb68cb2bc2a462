// The step walk's styles, adopted by <mlp-step-walk> into the shadow root it renders in
// (walk-view.ts: it has no root of its own, so its buttons look like the element's). In the
// walk's chunk: not on the page's first load.
import { css } from 'lit';

/** The walk's styles (in the element's shadow root). */
export const walkStyles = css`
  mlp-step-walk {
    display: block;
    margin-top: 8px;
  }
  mlp-step-walk .walk {
    border: 1px solid var(--accent);
    border-radius: 8px;
    padding: 8px 10px;
    background: var(--panel);
    color: var(--text);
    font-size: 14px;
  }
  mlp-step-walk .walk:focus {
    outline: 2px solid var(--focus);
    outline-offset: 1px;
  }
  mlp-step-walk .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
  }
  mlp-step-walk h3,
  mlp-step-walk h4 {
    margin: 0;
    font-size: 15px;
  }
  mlp-step-walk h4 {
    margin: 6px 0 4px;
  }
  mlp-step-walk .count {
    color: var(--muted);
    font-weight: normal;
  }
  mlp-step-walk button.apply {
    background: var(--accent);
    color: var(--accent-text);
    border-color: var(--accent);
  }
  mlp-step-walk .which {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    margin: 6px 0;
  }
  mlp-step-walk .formula {
    margin: 4px 0;
    overflow-x: auto;
  }
  mlp-step-walk math {
    font-size: 1.05em;
  }
  mlp-step-walk ul.units {
    list-style: none;
    margin: 4px 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  mlp-step-walk ul.units li {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 12px;
    border-top: 1px solid var(--border);
    padding-top: 3px;
  }
  mlp-step-walk .who {
    color: var(--muted);
    min-width: 4.5em;
  }
  mlp-step-walk .eq,
  mlp-step-walk .result,
  mlp-step-walk .inputs,
  mlp-step-walk td,
  mlp-step-walk .num {
    font-variant-numeric: tabular-nums;
  }
  mlp-step-walk .eq {
    overflow-wrap: anywhere;
  }
  mlp-step-walk .result {
    font-weight: 600;
  }
  mlp-step-walk .table-scroll {
    overflow-x: auto;
  }
  mlp-step-walk table {
    border-collapse: collapse;
    font-size: 13px;
  }
  mlp-step-walk th,
  mlp-step-walk td {
    padding: 2px 6px;
    text-align: right;
    border-bottom: 1px solid var(--border);
    white-space: nowrap;
  }
  mlp-step-walk .nav {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-top: 8px;
  }
  mlp-step-walk .hint {
    color: var(--muted);
    font-size: 12px;
    margin: 4px 0 0;
  }
  mlp-step-walk .warn {
    color: var(--danger);
  }
`;
