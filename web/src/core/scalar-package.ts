// The npm package's scalar.ts (scripts/bundle-lib.mjs swaps it in): the scalar build is the
// companion package mlp-playground-scalar, installed next to mlp-playground by those who
// need engines without WebAssembly SIMD. It is imported by name at run time, hidden from
// bundlers (an app without the companion must still build): Node finds it in node_modules;
// a browser page needs an import map naming it.
import { MlpError } from './errors.js';
import type { ScalarBuild } from './scalar.js';

export type { ScalarBuild } from './scalar.js';

/** The companion package's name (its version is mlp-playground's). */
export const SCALAR_PACKAGE = 'mlp-playground-scalar';

export async function loadScalarBuild(): Promise<ScalarBuild> {
  let glue: Partial<{ default: ScalarBuild['factory']; wasmUrl: URL }>;
  try {
    glue = (await import(/* webpackIgnore: true */ /* @vite-ignore */ SCALAR_PACKAGE)) as typeof glue;
  } catch (e) {
    throw new MlpError(
      `simd: the scalar build (for engines without WebAssembly SIMD, and simd: false) is the separate package ${SCALAR_PACKAGE}; install it next to mlp-playground, the same version (npm install ${SCALAR_PACKAGE}). Importing it failed: ${
        e instanceof Error ? e.message.split('\n')[0] : String(e)
      }`,
      'simd',
    );
  }
  if (typeof glue.default !== 'function' || !(glue.wasmUrl instanceof URL)) {
    throw new MlpError(`simd: ${SCALAR_PACKAGE} does not export the scalar build's glue and wasmUrl (a different version?)`, 'simd');
  }
  return { factory: glue.default, wasmUrl: glue.wasmUrl };
}
