// The element's panels, in page order: adding a panel is one module and one row here. The
// element renders the 'top' ones above the notices and the 'column' ones in the columns;
// their styles follow the element's own, in the same order.
import { type CSSResultGroup, unsafeCSS } from 'lit';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';
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
import { toolbarPanel } from './toolbar.js';

export const PANELS: readonly Panel[] = [headerPanel, toolbarPanel, comparePanel, dataPanel, networkPanel, outputPanel, digitsPanel, keysHelpPanel];
export const TOP_PANELS = PANELS.filter((p) => p.place === 'top');
export const COLUMN_PANELS = PANELS.filter((p) => p.place === 'column');

/** The shadow root's styles: uPlot's (the loss chart), the element's, then each panel's. */
export const elementStyles: CSSResultGroup = [unsafeCSS(uplotCss), baseStyles, ...PANELS.map((p) => p.styles), insightStyles];
