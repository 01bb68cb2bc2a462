// A failure as the UI shows it: a sentence in the reader's language naming the field at
// fault, with the core's own English message kept as the technical detail. The core's
// errors are English by design (MlpError.message, the same in every program); `field`
// names the config field, and crosses the worker as the message's "field: " prefix.
import type { PlainKey } from '../i18n/messages.js';
import type { Notice } from './host.js';
import { message } from './text.js';

type Problem = 'error.notNumber' | 'error.unknownField' | 'error.missing' | 'error.tooLarge' | 'error.invalid';

/** The field an error names: MlpError.field, else the "field: " its message starts with. */
export function fieldOf(e: unknown): string {
  const own = (e as { field?: unknown } | null)?.field;
  if (typeof own === 'string' && own !== '') return own;
  const m = /^([A-Za-z_][\w.]*(?:\[\d+\][\w.]*)*): /.exec(message(e));
  return m ? m[1]! : '';
}

/** What kind of problem the core's English message describes (for a translated sentence). */
export function problemOf(detail: string): Problem {
  if (/must be (?:a|an) (?:finite )?number|not a number|NaN/i.test(detail)) return 'error.notNumber';
  if (/unknown field|unknown key/i.test(detail)) return 'error.unknownField';
  if (/missing|required/i.test(detail)) return 'error.missing';
  if (/memory|too large|too many|at most/i.test(detail)) return 'error.tooLarge';
  return 'error.invalid';
}

/**
 * A notice for a failed action: `what` says what failed ("Could not build the network."),
 * then the field and its problem in words; the core's message is the technical detail.
 */
export function failureNotice(id: string, what: PlainKey, e: unknown): Notice {
  const detail = message(e);
  const field = fieldOf(e);
  const problem = problemOf(detail);
  return {
    id,
    kind: 'error',
    text: (m) => m.t('error.sentences', { what: m.t(what), why: field ? m.t('error.field', { field, problem: m.t(problem) }) : m.t('error.general') }),
    technical: detail,
  };
}
