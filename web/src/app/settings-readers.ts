// The settings table's value readers (settings.ts): each reads one hash or attribute value
// of a kind and throws a FieldError saying, in English and in the reader's language, what
// is allowed.
import type { Messages } from '../i18n/messages.js';
import { DECIMAL } from './text.js';

/** Text in the reader's language (the UI's notices are made of it). */
export type Said = (m: Messages) => string;

/**
 * A value a row cannot accept; the message says what is allowed ("must be ...") in English,
 * `said` the same in the reader's language.
 */
export class FieldError extends Error {
  constructor(message: string, readonly said: Said = () => message) {
    super(message);
  }
}

export function range(lo: number, hi: number, openLow = false): string {
  return `${openLow ? '(' : '['}${lo}, ${hi}]`;
}

export function readInteger(v: string, lo: number, hi: number): number {
  const fail = (): FieldError => new FieldError(`must be an integer in [${lo}, ${hi}]`, (m) => m.t('reason.integerRange', { lo: String(lo), hi: String(hi) }));
  if (!/^[+-]?\d{1,12}$/.test(v)) throw fail();
  const n = Number(v);
  if (n < lo || n > hi) throw fail();
  return n;
}

export function readNumber(v: string, lo: number, hi: number, openLow = false): number {
  const r = range(lo, hi, openLow);
  const fail = (): FieldError => new FieldError(`must be a number in ${r}`, (m) => m.t('reason.numberRange', { range: r }));
  if (!DECIMAL.test(v)) throw fail();
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi || (openLow && n === lo)) throw fail();
  return n;
}

export function readChoice<T extends string>(v: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(v)) throw new FieldError(`must be one of ${allowed.join(', ')}`, (m) => m.t('reason.oneOf', { values: allowed.join(', ') }));
  return v as T;
}

export function readFlag(v: string): boolean {
  if (v === '1' || v === 'true') return true;
  if (v === '0' || v === 'false') return false;
  throw new FieldError('must be 0 or 1', (m) => m.t('reason.flag'));
}

export function items(v: string): string[] {
  return v === '' ? [] : v.split(',');
}
