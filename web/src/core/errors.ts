// The library's one error type. Every failure (bad argument caught in JavaScript, or an
// error raised by the C++ core) arrives as an MlpError whose message names the field.

export class MlpError extends Error {
  /** The argument or config field at fault ("layers[1].units", "x", ...), or "" if none. */
  readonly field: string;

  constructor(message: string, field = '') {
    super(message);
    this.name = 'MlpError';
    this.field = field;
  }
}

/**
 * Re-raises what a call threw in JavaScript as an MlpError: an Error carrying the field at
 * fault as `mlpField` (the exporters' convention, export/fail.ts) keeps it. The wasm core
 * itself reports through the error slot instead (Context.call); what reaches here from
 * wasm is Embind's own errors or a trap.
 */
export function rethrow(e: unknown): never {
  if (e instanceof MlpError) throw e;
  if (e instanceof Error) {
    const field = (e as Error & { mlpField?: string }).mlpField;
    throw new MlpError(e.message, typeof field === 'string' ? field : '');
  }
  throw new MlpError(`internal error in the wasm core (${String(e)})`);
}

/** Runs a JavaScript call (the exporters), translating its errors. */
export function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    rethrow(e);
  }
}
