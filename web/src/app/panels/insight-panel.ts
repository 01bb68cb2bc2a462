// The learning panels' disclosures under the loss chart: "Gradient flow" and "Loss
// landscape", open when their settings say so (hash keys `flow` and `landscape`, attributes
// `gradient-flow` and `loss-landscape`; opening one writes it into the hash). Their live
// parts are custom elements in a lazy chunk (app/insight/elements.ts, with their English
// messages: i18n/en-teaching.ts), fetched the first time one is opened: not on the page's
// first load. They show when the chart does, or when asked for.
import { css, html, nothing, type TemplateResult } from 'lit';
import { loadTeachingMessages } from '../../i18n/messages.js';
import { failureNotice } from '../failure.js';
import type { PanelHost } from '../host.js';
import { LANDSCAPE_DIRECTIONS } from '../settings.js';

let chunk: Promise<unknown> | null = null;

/** Fetches the panels' chunk once (again after a failed fetch). */
function load(h: PanelHost): void {
  chunk ??= Promise.all([import('../insight/elements.js'), loadTeachingMessages()]).then(
    ([m]) => {
      m.defineInsightElements();
      h.dismiss('insight');
    },
    (e: unknown) => {
      chunk = null;
      h.notify(failureNotice('insight', 'insight.failed', e));
    },
  );
}

export function insightSection(h: PanelHost): TemplateResult {
  const s = h.state, m = h.m;
  const shown = !h.isHidden('chart');
  const toggle = (key: 'flow' | 'landscape') => (e: Event): void => {
    const open = (e.currentTarget as HTMLDetailsElement).open;
    if (open !== h.state[key]) h.applySettings({ [key]: open });
  };
  if (s.flow || s.landscape) load(h);
  return html`<div class="insight">
    ${shown || s.flow
      ? html`<details class="insight-flow" ?open=${s.flow} @toggle=${toggle('flow')}>
          <summary>${m.t('insight.flow')}</summary>
          ${s.flow ? html`<mlp-gradient-flow .host=${h} .m=${m} .state=${s}></mlp-gradient-flow>` : nothing}
        </details>`
      : nothing}
    ${shown || s.landscape
      ? html`<details class="insight-landscape" ?open=${s.landscape} @toggle=${toggle('landscape')}>
          <summary>${m.t('insight.landscape')}</summary>
          ${s.landscape ? html`<mlp-loss-landscape .host=${h} .m=${m} .state=${s} .playing=${h.playing} .directions=${LANDSCAPE_DIRECTIONS}></mlp-loss-landscape>` : nothing}
        </details>`
      : nothing}
  </div>`;
}

export const insightStyles = css`
  .insight {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .insight details {
    border: 1px solid var(--border);
    border-radius: 6px;
    padding: 4px 8px;
  }
  .insight summary {
    cursor: pointer;
    font-weight: 600;
    padding: 2px 0;
  }
  /* The panels' own parts (app/insight/, light DOM). */
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
