// Small text helpers shared by the settings, the panels and the file readers. A leaf module
// (it imports nothing), so any module may use it without an import cycle.

/**
 * A plain decimal number: optional sign, digits with an optional point, optional exponent.
 * Rejects hex, "Infinity", "1_000", and "" which Number() would accept or turn into 0.
 */
export const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number to 6 significant digits, without trailing zeros (0.1 + 0.2 → "0.3"). */
export function sixDigits(n: number): string {
  return String(Number(n.toPrecision(6)));
}

/** What a caught value says: an Error's message, anything else as a string. */
export function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
