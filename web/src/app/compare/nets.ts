// Compare mode's networks as settings: each extra network's full state (the first network's
// settings with its own overrides, made consistent), the differences listed above it, and
// the look each network has in the cards and the loss chart. Pure; the workers that train
// them are compare-set.ts (a chunk loaded only in compare mode).
import type { Messages, PlainKey } from '../../i18n/messages.js';
import type { Catalog } from '../catalog.js';
import { COMPARABLE, type CompareNet, fitActivations, SETTINGS } from '../settings.js';
import { cloneState, type PlaygroundState, reconcile } from '../state.js';

/**
 * One look per network: Okabe–Ito colours (told apart with any colour vision) and a line
 * style of its own, so the curves differ in print and in greyscale too.
 */
export const NETWORK_STYLES: readonly { colour: string; dark: string; dash: number[]; dashName: 'solid' | 'dashed' | 'dotted' | 'dash-dot' }[] = [
  { colour: '#0072b2', dark: '#56b4e9', dash: [], dashName: 'solid' },
  { colour: '#d55e00', dark: '#e69f00', dash: [8, 4], dashName: 'dashed' },
  { colour: '#009e73', dark: '#009e73', dash: [2, 3], dashName: 'dotted' },
  { colour: '#cc79a7', dark: '#cc79a7', dash: [10, 3, 2, 3], dashName: 'dash-dot' },
];

/** Every network's state: the first is `base` itself, then one per `base.compare`. */
export function networkStates(base: PlaygroundState, catalog: Catalog): PlaygroundState[] {
  return [base, ...base.compare.map((net) => netState(base, net, catalog))];
}

/** An extra network's state: `base` with `net`'s settings over it (compare mode off in it). */
export function netState(base: PlaygroundState, net: CompareNet, catalog: Catalog): PlaygroundState {
  const s = cloneState({ ...base, compare: [] });
  for (const f of COMPARABLE) {
    const v = net[f];
    if (v !== undefined) (s as Record<string, unknown>)[f] = Array.isArray(v) ? [...v] : v;
  }
  // New layers keep the first network's activations, as the controls do.
  if (net.hidden && !net.activations) s.activations = fitActivations(base.activations, s.hidden.length);
  reconcile(s, catalog);
  return s;
}

/** What an extra network changes, one line per setting ("Optimizer: Adam"). */
export function differences(net: CompareNet, m: Messages): string[] {
  return COMPARABLE.filter((f) => net[f] !== undefined).map((f) => m.t('compare.readout', { network: m.t(SETTINGS[f].label as PlainKey), what: valueText(f, net[f], m) }));
}

const GROUP: Partial<Record<(typeof COMPARABLE)[number], string>> = {
  loss: 'loss', optimizer: 'optimizer', regularization: 'regularization', init: 'init', activations: 'activation', features: 'feature',
};

function valueText(field: (typeof COMPARABLE)[number], v: unknown, m: Messages): string {
  const group = GROUP[field];
  const name = (x: unknown): string => (group ? m.name(group, String(x)) : typeof x === 'number' ? String(x) : String(x));
  if (Array.isArray(v)) {
    if (field === 'hidden') return v.length === 0 ? m.t('compare.noLayers') : v.join(' – ');
    const names = field === 'activations' && new Set(v).size === 1 ? [v[0]] : v;
    return names.map(name).join(', ');
  }
  return name(v);
}
