// The element's keyboard shortcuts: Space play / pause, → one step, R reset, ? the list of
// keys (Escape closes it). They act anywhere in the element (the main view's canvas takes
// the focus for them), but never while the reader types in a field, and Space is left to a
// focused button or link (it presses that). A leaf module.

export type Shortcut = 'play-pause' | 'step' | 'reset' | 'help' | 'close';

/** The keys as the help overlay lists them (its text is the catalog's `keys.*`). */
export const SHORTCUTS = [
  { key: { word: 'keys.space' }, action: 'keys.playPause' },
  { key: { glyph: '→' }, action: 'keys.step' },
  { key: { glyph: 'R' }, action: 'keys.reset' },
  { key: { glyph: '?' }, action: 'keys.help' },
] as const;

/** What the element at the start of an event's path is, as far as the keys care. */
export interface KeyTarget {
  tagName: string;
  isContentEditable?: boolean;
  type?: string;
}

const TEXT_INPUTS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);
const PRESSABLE = new Set(['BUTTON', 'A', 'SUMMARY']);

/** The shortcut a key press means, or null (typing, a modifier held, another key). */
export function shortcutOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, target: KeyTarget | null): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  const tag = target?.tagName.toUpperCase() ?? '';
  // A checkbox is no field one types in: the keys work there (Space still ticks it).
  const typing = (TEXT_INPUTS.has(tag) && !(tag === 'INPUT' && (target?.type === 'checkbox' || target?.type === 'radio'))) || target?.isContentEditable === true;
  if (typing) return e.key === 'Escape' ? 'close' : null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return PRESSABLE.has(tag) || tag === 'INPUT' ? null : 'play-pause';
    case 'ArrowRight':
      return 'step';
    case 'r':
    case 'R':
      return 'reset';
    case '?':
      return 'help';
    case 'Escape':
      return 'close';
    default:
      return null;
  }
}
