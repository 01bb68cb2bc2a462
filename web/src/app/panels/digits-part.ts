// What the element shows only for the digits and fetches the first time they are chosen or
// a link asks for them: the network panel's layer editors (digits-network.ts; their styles
// are in the network panel's) and the digits mode's English messages (i18n/en-digits.ts).
// The element's first render waits for it when its settings are the digits (Panel.prepare);
// choosing the Digits tile loads it before the dataset changes.
import type { TemplateResult } from 'lit';
import type { Activation } from '../../core/types.js';
import { loadDigitsMessages } from '../../i18n/messages.js';
import type { PanelHost } from '../host.js';
import type { PlaygroundState } from '../settings.js';
import { lazyPart } from './lazy.js';

const part = lazyPart(() => Promise.all([import('./digits-network.js'), loadDigitsMessages()]).then(([m]) => m));

/** Fetches the digits' part once (again after a failed fetch). */
export const loadDigitsPart = (): Promise<unknown> => part.load();

/** Panel.prepare: the fetch to wait for when these settings show the digits and it is not in. */
export const prepareDigits = (state: PlaygroundState): Promise<unknown> | null => part.prepare(state.dataset === 'digits');

/** The network panel's body for the digits, or nothing until the part is in (then it renders again). */
export function digitsNetworkBody(h: PanelHost, set: (patch: { hidden?: number[]; activations?: Activation[] }) => void): TemplateResult | null {
  return part.render(h, (m) => m.digitsNetwork(h, set));
}
