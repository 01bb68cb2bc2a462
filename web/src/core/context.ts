// What every wrapper of one loaded core shares: the Embind module, the vocabulary read
// from it, heap helpers (typed arrays in and out of wasm memory) and the lifetime
// machinery (explicit dispose, with a finalizer as a safety net for forgotten objects).
import { MlpError } from './errors.js';
import type { Deletable, RawModule } from './raw.js';
import type {
  Activation,
  DatasetInfo,
  Feature,
  Init,
  Loss,
  OptimizerType,
  RegularizationType,
} from './types.js';
import type { FloatInput } from './validate.js';

/**
 * The names and limits of the core, read once at load (a few plain lines from wasm). The
 * name lists are frozen: MlpCore hands them out as they are.
 */
export interface Vocabulary {
  version: string;
  simd: boolean;
  activations: readonly Activation[];
  losses: readonly Loss[];
  optimizers: readonly OptimizerType[];
  regularizations: readonly RegularizationType[];
  inits: readonly Init[];
  features: readonly Feature[];
  limits: { inputs: number; units: number; layers: number };
}

function parseVocabulary(text: string): Vocabulary {
  const fields = new Map(text.split('\n').map((line) => {
    const eq = line.indexOf('=');
    return [line.slice(0, eq), line.slice(eq + 1)] as const;
  }));
  const list = <T extends string>(key: string): readonly T[] => Object.freeze((fields.get(key) ?? '').split(',') as T[]);
  const [inputs, units, layers] = (fields.get('limits') ?? '').split(',').map(Number);
  return {
    version: fields.get('version') ?? '',
    simd: fields.get('simd') === '1',
    activations: list<Activation>('activations'),
    losses: list<Loss>('losses'),
    optimizers: list<OptimizerType>('optimizers'),
    regularizations: list<RegularizationType>('regularizations'),
    inits: list<Init>('inits'),
    features: list<Feature>('features'),
    limits: { inputs: inputs!, units: units!, layers: layers! },
  };
}

/** The exporters' chunk (web/src/core/export/index.ts), loaded by loadCore(). */
export type Exporters = typeof import('./export/index.js');

export class Context {
  readonly catalog: Vocabulary;
  #datasets: readonly DatasetInfo[] | null = null;
  // Deletes the wasm object of a wrapper that was garbage-collected without dispose().
  private readonly finalizer = new FinalizationRegistry<Deletable>((raw) => {
    if (!raw.isDeleted()) raw.delete();
  });

  constructor(
    readonly mod: RawModule,
    readonly exporters: Exporters,
  ) {
    this.catalog = parseVocabulary(mod.vocabulary());
  }

  /** The dataset catalog, read from wasm on first use (it is not needed to train). */
  get datasets(): readonly DatasetInfo[] {
    this.#datasets ??= Object.freeze(
      (JSON.parse(this.mod.datasetsJson()) as DatasetInfo[]).map((d) => Object.freeze(d)),
    );
    return this.#datasets;
  }

  track(wrapper: object, raw: Deletable): void {
    this.finalizer.register(wrapper, raw, wrapper);
  }

  release(wrapper: object, raw: Deletable): void {
    this.finalizer.unregister(wrapper);
    if (!raw.isDeleted()) raw.delete();
  }

  /** Copies the arrays into fresh heap buffers, runs fn with their addresses, frees them. */
  withArrays<T>(arrays: FloatInput[], fn: (...addresses: number[]) => T): T {
    const addresses: number[] = [];
    try {
      for (const a of arrays) {
        const address = this.mod._malloc(Math.max(4, a.length * 4));
        if (!address) throw new MlpError('out of memory copying an array into wasm memory');
        addresses.push(address);
        // HEAPF32 is re-read: memory may have grown (and replaced the view) since last time.
        this.mod.HEAPF32.set(a as ArrayLike<number>, address >>> 2);
      }
      return fn(...addresses);
    } finally {
      for (const address of addresses) this.mod._free(address);
    }
  }

  /** Copies doubles into a fresh heap buffer, runs fn with its address, frees it. */
  withDoubles<T>(values: readonly number[], fn: (address: number) => T): T {
    const address = this.mod._malloc(Math.max(8, values.length * 8));
    if (!address) throw new MlpError('out of memory copying an array into wasm memory');
    try {
      this.mod.HEAPF64.set(values, address >>> 3);
      return fn(address);
    } finally {
      this.mod._free(address);
    }
  }

  /** Allocates `length` floats, runs fn with the address, returns a copy of them. */
  withOutput(length: number, fn: (address: number) => void): Float32Array {
    const address = this.mod._malloc(Math.max(4, length * 4));
    if (!address) throw new MlpError('out of memory allocating an output array in wasm memory');
    try {
      fn(address);
      return this.copyOut(address, length);
    } finally {
      this.mod._free(address);
    }
  }

  copyOut(address: number, length: number): Float32Array {
    return this.mod.HEAPF32.slice(address >>> 2, (address >>> 2) + length);
  }

  view(address: number, length: number): Float32Array {
    return this.mod.HEAPF32.subarray(address >>> 2, (address >>> 2) + length);
  }
}

/** Symbol.dispose where the engine has it (explicit resource management), else a stand-in. */
export const disposeSymbol: symbol =
  (Symbol as unknown as { dispose?: symbol }).dispose ?? Symbol.for('Symbol.dispose');
