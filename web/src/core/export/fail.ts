// How the exporters report bad input: an Error carrying the field at fault (mlpField),
// which the library's call() turns into its MlpError, as it does for the core's errors.
// (The exporters' chunk imports nothing of the library's entry: see export/index.ts.)

/** Throws "field: message" for `field`. */
export function fail(field: string, message: string): never {
  throw Object.assign(new Error(`${field}: ${message}`), { mlpField: field });
}
