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
`;
