// The parts of the element a page may hide (the `hide` attribute) and the sets of them each
// `view` hides: one table for both.
import type { PlaygroundView } from './api.js';

export const PARTS = ['header', 'data', 'network', 'hyper', 'chart', 'export', 'draw'] as const;
export type Part = (typeof PARTS)[number];

/** The parts each `view` hides. */
export const VIEW_HIDES: Readonly<Record<PlaygroundView, readonly Part[]>> = {
  boundary: ['data', 'network', 'hyper', 'chart', 'export', 'draw', 'header'],
  'boundary+network': ['data', 'hyper', 'export', 'draw', 'header'],
  full: [],
};

/** Whether `part` is hidden by a `hide` list (comma or space separated) or by the view. */
export function isPartHidden(hide: string, view: PlaygroundView, part: Part): boolean {
  return hide.split(/[\s,]+/).includes(part) || VIEW_HIDES[view]?.includes(part) === true;
}
