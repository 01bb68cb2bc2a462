// Choosing the Digits tile: the digits asset is fetched only now (the core's loadDigits in
// a chunk of its own), with its progress in the data panel and a notice; a failed or
// corrupted download (the asset's CRC-32) says so in a notice with Retry, and the dataset
// that was chosen before stays (nothing is applied until the digits are in).
import type { DatasetSplit, ImageDataset } from '../../core/types.js';
import type { PanelHost } from '../host.js';

export const NOTICE = 'digits-load';

/** A download under way: bytes so far of the asset's total (0 until its header is in). */
export interface Loading {
  loaded: number;
  total: number;
}

// One download per element (its host); the panel reads it to draw the progress bar.
const downloads = new WeakMap<PanelHost, { progress: Loading; abort: AbortController }>();

export function loadingOf(h: PanelHost): Loading | null {
  return downloads.get(h)?.progress ?? null;
}

/**
 * Fetches the digits (at most one download per element at a time) and hands them to
 * `use` once they are in and checked; on failure, the notice with Retry.
 */
export async function chooseDigits(h: PanelHost, use: (split: DatasetSplit<ImageDataset>) => void): Promise<void> {
  if (downloads.has(h)) return;
  const entry = { progress: { loaded: 0, total: 0 }, abort: new AbortController() };
  downloads.set(h, entry);
  let shown = -1;
  const progress = (loaded: number, total: number): void => {
    entry.progress = { loaded, total };
    // A notice per whole percent: enough to see it move, few renders.
    const percent = total ? Math.floor((100 * loaded) / total) : 0;
    if (percent === shown) return;
    shown = percent;
    h.notify({ id: NOTICE, kind: 'info', text: (m) => m.t('digits.loading', { percent: m.percent(percent / 100, 0) }) });
  };
  progress(0, 0);
  try {
    const { loadDigits } = await import('../../core/digits.js');
    const split = await loadDigits({ onProgress: progress, signal: entry.abort.signal });
    downloads.delete(h);
    h.dismiss(NOTICE);
    use(split);
  } catch (err) {
    downloads.delete(h);
    h.notify({
      id: NOTICE,
      kind: 'error',
      text: (m) => m.t('digits.loadFailed'),
      // (Not text.ts's message(): a value import shared with the first-load chunk splits it out.)
      technical: err instanceof Error ? err.message : String(err),
      action: { label: (m) => m.t('digits.retry'), run: () => void chooseDigits(h, use) },
    });
  }
}
