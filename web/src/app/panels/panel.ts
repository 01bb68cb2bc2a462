// What a panel is: a template of the host's state, its own styles, and where it goes. The
// element places the panels of panels/index.ts in their order; a panel sees only the host.
import type { CSSResult, TemplateResult } from 'lit';
import type { PanelHost, Part } from '../host.js';
import type { PlaygroundState } from '../settings.js';

export interface Panel {
  id: string;
  /** The part of the `hide` attribute that removes it (none: always there). */
  part?: Part;
  /** Above the notices, or in the columns below them. */
  place: 'top' | 'column';
  styles: CSSResult;
  render(host: PanelHost): TemplateResult;
  /**
   * A part of it these settings show that is a lazy chunk not loaded yet: its fetch, which
   * the element's first render waits for (no panel moving in later); null when all is in.
   * After the first render a panel renders again when its part arrives.
   */
  prepare?(state: PlaygroundState): Promise<unknown> | null;
}
