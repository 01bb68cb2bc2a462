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
 * Re-raises what a call into wasm threw in JavaScript (the core itself reports through the
 * error slot, see Context.call; this is for Embind's own errors and a trap) as an MlpError.
 */
export function rethrow(e: unknown): never {
  if (e instanceof MlpError) throw e;
  if (e instanceof Error) throw new MlpError(e.message);
  throw new MlpError(`internal error in the wasm core (${String(e)})`);
}
