// The training-history scrubber under the loss chart: a range over the recorded snapshots
// (its last position is the live network), what it shows ("viewing epoch N" or live), the
// replay from epoch 0 and "Continue from here". The views follow it through the host
// (history.ts); the slider's end follows the recording in the per-frame readouts.
import { css, html, type TemplateResult } from 'lit';
import type { PanelHost } from '../host.js';

export function historyScrubber(h: PanelHost): TemplateResult | null {
  if (h.isHidden('chart') || h.state.compare.length > 0) return null;
  const m = h.m;
  const hs = h.history;
  const viewing = hs.index !== null;
  const state = !viewing ? m.t('history.live') : hs.epoch === null ? '…' : m.t('history.viewing', { epoch: m.int(hs.epoch) });
  return html`
    <div class="history" ?data-viewing=${viewing}>
      <label class="history-range">
        <span>${m.t('history.label')}</span>
        <input type="range" data-history min="0" max=${hs.count} step="1" .value=${String(hs.index ?? hs.count)}
          aria-valuetext=${state} ?disabled=${hs.count === 0}
          @input=${(e: Event) => h.showHistory(Number((e.target as HTMLInputElement).value))} />
      </label>
      <output class="history-state" aria-live=${hs.replaying ? 'off' : 'polite'}>${state}</output>
      <button type="button" ?disabled=${hs.count < 2} aria-pressed=${hs.replaying ? 'true' : 'false'} @click=${() => h.replayHistory()}>${m.t('history.replay')}</button>
      <button type="button" ?disabled=${!viewing || hs.replaying} @click=${() => h.continueFromHere()}>${m.t('history.continue')}</button>
      ${viewing ? html`<button type="button" @click=${() => h.showHistory(hs.count)}>${m.t('history.backToLive')}</button>` : null}
    </div>
  `;
}

export const historyStyles = css`
  .history {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    margin: 4px 0 8px;
    font-size: 13px;
  }
  .history-range {
    display: flex;
    align-items: center;
    gap: 6px;
    flex: 1 1 220px;
  }
  .history-range input {
    flex: 1;
    min-width: 120px;
  }
  .history-state {
    min-width: 8em;
    font-variant-numeric: tabular-nums;
  }
  .history[data-viewing] .history-state,
  [data-readout][data-viewing] {
    color: var(--accent);
    font-weight: 600;
  }
`;
