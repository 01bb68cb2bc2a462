// Argument checks done in JavaScript before anything reaches wasm: what the boundary
// itself needs (typed arrays of the right length to copy, numbers where Embind would
// silently coerce or truncate), each failure an MlpError naming the argument. Ranges,
// names and the fields of configs and specs are the C++ core's to check (cpp/src/specs.h).
import { MlpError } from './errors.js';

export type FloatInput = Float32Array | Float64Array | ArrayLike<number>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** A numeric array of `perRow` columns; returns its row count. */
export function rows(value: unknown, name: string, perRow: number): number {
  const ok =
    value instanceof Float32Array ||
    value instanceof Float64Array ||
    (Array.isArray(value) && value.every((v) => typeof v === 'number'));
  if (!ok) {
    throw new MlpError(`${name}: must be a Float32Array (or an array of numbers), got ${describe(value)}`, name);
  }
  const length = (value as ArrayLike<number>).length;
  if (length === 0 || length % perRow !== 0) {
    throw new MlpError(
      `${name}: length ${length} is not a positive multiple of ${perRow} (${perRow} values per sample, row-major)`,
      name,
    );
  }
  return length / perRow;
}

export function sameRows(a: number, b: number, nameA: string, nameB: string): void {
  if (a !== b) {
    throw new MlpError(`${nameB}: has ${b} samples but ${nameA} has ${a}; they must match`, nameB);
  }
}

export function integer(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new MlpError(`${name}: must be an integer in [${min}, ${max}], got ${describe(value)}`, name);
  }
  return value;
}

/** An integer that fits an int32 argument (Embind would truncate 2.5 and wrap 2^40). */
export function int32(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new MlpError(`${name}: must be an integer, got ${describe(value)}`, name);
  }
  return value;
}

/** A number (Embind would throw a TypeError without the argument's name otherwise). */
export function number(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new MlpError(`${name}: must be a number, got ${describe(value)}`, name);
  return value;
}

export function finiteNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MlpError(`${name}: must be a finite number, got ${describe(value)}`, name);
  }
  return value;
}

export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new MlpError(
      `${name}: unknown value ${describe(value)}; allowed: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
      name,
    );
  }
  return value as T;
}

export function object(value: unknown, name: string, allowedKeys: readonly string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw new MlpError(`${name}: must be an object, got ${describe(value)}`, name);
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key) && value[key] !== undefined) {
      const field = name ? `${name}.${key}` : key;
      throw new MlpError(`${field}: unknown field; allowed: ${allowedKeys.join(', ')}`, field);
    }
  }
  return value;
}
