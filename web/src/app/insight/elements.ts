// The learning panels' lazy chunk: <mlp-gradient-flow> and <mlp-loss-landscape>, which the
// output panel's disclosures render (panels/insight-panel.ts). Imported the first time one
// of them is opened, never on the page's first load. The definitions run when called (the
// package declares its sources free of side effects, so a bare define would be dropped).
import { GradientFlow } from './flow-element.js';
import { LossLandscape } from './landscape-element.js';

export function defineInsightElements(): void {
  if (!customElements.get('mlp-gradient-flow')) customElements.define('mlp-gradient-flow', GradientFlow);
  if (!customElements.get('mlp-loss-landscape')) customElements.define('mlp-loss-landscape', LossLandscape);
}
