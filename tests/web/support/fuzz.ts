// Shared pieces of the property-based tests (fast-check): the number of cases each property
// runs (printed at the end of a file, for the record), awkward numbers, hostile keys, and
// the check that nothing wrote to Object.prototype.
import fc from 'fast-check';
import { afterAll, expect } from 'vitest';

/** Cases run per property, by name; printed once the file's tests are done. */
const counts = new Map<string, number>();

/** fc.assert with an explicit number of cases, recorded under `name`. */
export function check<T>(name: string, property: fc.IPropertyWithHooks<T>, numRuns: number): void {
  let ran = 0;
  const counted = property.beforeEach((previous: () => void) => {
    ran++;
    previous();
  });
  fc.assert(counted, { numRuns });
  counts.set(name, (counts.get(name) ?? 0) + ran);
}

/** Prints "fast-check cases per property" for the file (call once at the top level). */
export function reportCases(file: string): void {
  afterAll(() => {
    const lines = [...counts].map(([name, n]) => `  ${name}: ${n}`);
    console.log(`fast-check cases per property (${file}):\n${lines.join('\n')}`);
  });
}

/** Numbers that break naive code: NaN, ±Infinity, −0, subnormals, float32 edges, huge and tiny. */
export const awkwardNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 5e-324, -5e-324, 1e-45, 1.4e-45, 1.17549435e-38, 3.4028234663852886e38, 3.5e38, -3.5e38, 1e308, 2 ** 31, 2 ** 32, 2 ** 53, -1, 0.5, 1.5),
  fc.double(),
  fc.integer({ min: -10, max: 10 }),
);

/** Keys that have bitten JavaScript parsers (prototype pollution) and C++ ones (empty names). */
export const hostileKey: fc.Arbitrary<string> = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'valueOf');

/** Any value, with the hostile ones often. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  awkwardNumber,
  fc.constantFrom(null, undefined, true, false, '', 'NaN', 'Infinity', '1', '-0', '__proto__', '<img src=x onerror=alert(1)>'),
  fc.string(),
  fc.anything({ maxDepth: 2 }),
);

const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
const baseline = prototypeKeys();

/** Nothing added to or replaced on Object.prototype; a fresh object has no stray property. */
export function expectNoPollution(): void {
  expect(prototypeKeys()).toEqual(baseline);
  const probe: Record<string, unknown> = {};
  for (const key of ['polluted', 'inputs', 'layers', 'x', 'y', 'isAdmin']) expect(probe[key]).toBeUndefined();
}
