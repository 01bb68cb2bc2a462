// The element's panels, in page order: adding a panel is one module and one row here. The
// element renders the 'top' ones above the notices and the 'column' ones in the columns;
// their styles follow the element's own, in the same order.
import type { CSSResultGroup } from 'lit';
import { baseStyles } from '../styles.js';
import { comparePanel } from './compare-panel.js';
import { dataPanel } from './data-panel.js';
import { digitsPanel } from './digits-panel.js';
import { headerPanel } from './header.js';
import { insightStyles } from './insight-panel.js';
import { keysHelpPanel } from './keys-help.js';
import { networkPanel } from './network-panel.js';
import { outputPanel } from './output-panel.js';
import type { Panel } from './panel.js';
import type { PlaygroundState } from '../settings.js';
import { toolbarPanel } from './toolbar.js';

export const PANELS: readonly Panel[] = [headerPanel, toolbarPanel, comparePanel, dataPanel, networkPanel, outputPanel, digitsPanel, keysHelpPanel];
export const TOP_PANELS = PANELS.filter((p) => p.place === 'top');
export const COLUMN_PANELS = PANELS.filter((p) => p.place === 'column');

/** The fetches of the lazy parts these settings show (Panel.prepare), or null when all are in. */
export function preparePanels(state: PlaygroundState): Promise<unknown>[] | null {
  const waits = PANELS.map((p) => p.prepare?.(state) ?? null).filter((w): w is Promise<unknown> => w !== null);
  return waits.length ? waits : null;
}

/**
 * The shadow root's styles: the element's, then each panel's (uPlot's come with its chunk,
 * before these: view/loss-chart.ts).
 */
export const elementStyles: CSSResultGroup = [baseStyles, ...PANELS.map((p) => p.styles), insightStyles];
