// What every wrapper of one loaded core shares: the Embind module, the vocabulary read
// from it, calls into it (with the error a failed call leaves in the error slot raised as
// MlpError), heap helpers (typed arrays in and out of wasm memory) and the lifetime
// machinery (explicit dispose, with a finalizer as a safety net for forgotten objects).
import { MlpError, rethrow } from './errors.js';
import type { Deletable, GridPlanes, RawModule } from './raw.js';
import type {
  Activation,
  DatasetInfo,
  Feature,
  FeatureInfo,
  Init,
  LayerType,
  Loss,
  OptimizerType,
  Padding,
  RegularizationType,
  ScheduleType,
  StopReason,
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
  schedules: readonly ScheduleType[];
  stopReasons: readonly StopReason[];
  layerTypes: readonly LayerType[];
  paddings: readonly Padding[];
  limits: { inputs: number; units: number; layers: number; channels: number };
  /** The memory budget (bytes) of one network and of one dataset (cpp: kMemoryBudget, kDataBudget). */
  budget: { network: number; data: number };
  /** int32 words per layer record of RawNetwork.layersAddress. */
  layerWords: number;
  /** Address of the error slot (cpp/bindings/convert.h ErrorSlot). */
  errors: number;
}

function parseVocabulary(text: string): Vocabulary {
  const fields = new Map(text.split('\n').map((line) => {
    const eq = line.indexOf('=');
    return [line.slice(0, eq), line.slice(eq + 1)] as const;
  }));
  const list = <T extends string>(key: string): readonly T[] => Object.freeze((fields.get(key) ?? '').split(',') as T[]);
  const [inputs, units, layers, channels] = (fields.get('limits') ?? '').split(',').map(Number);
  const [network, data] = (fields.get('budget') ?? '').split(',').map(Number);
  return {
    version: fields.get('version') ?? '',
    simd: fields.get('simd') === '1',
    activations: list<Activation>('activations'),
    losses: list<Loss>('losses'),
    optimizers: list<OptimizerType>('optimizers'),
    regularizations: list<RegularizationType>('regularizations'),
    inits: list<Init>('inits'),
    features: list<Feature>('features'),
    schedules: list<ScheduleType>('schedules'),
    stopReasons: list<StopReason>('stopReasons'),
    layerTypes: list<LayerType>('layerTypes'),
    paddings: list<Padding>('paddings'),
    limits: { inputs: inputs!, units: units!, layers: layers!, channels: channels! },
    budget: { network: network!, data: data! },
    layerWords: Number(fields.get('layerWords')),
    errors: Number(fields.get('errors')),
  };
}

/**
 * What the lite module (cpp/bindings/bindings.cpp, MLP_LITE) does not register: the network
 * file's reader and writer, the introspection and the loss surface, all on Network.
 */
export const LITE_ABSENT = {
  static: ['fromJson'],
  methods: ['configJson', 'toJson', 'trace', 'gradients', 'previewStep', 'layerStats', 'lossSurface'],
} as const;

/** In the lite module, a call of an absent function throws an MlpError naming it (not a TypeError). */
function withoutLiteAbsent(mod: RawModule): void {
  const absent = (name: string) => () => {
    throw new MlpError(`${name}: not in the playground's lite core (it has no network file, introspection or loss surface); load the full core (loadCore())`, name);
  };
  const statics = mod.Network as unknown as Record<string, unknown>;
  for (const name of LITE_ABSENT.static) if (typeof statics[name] !== 'function') statics[name] = absent(name);
  const proto = (mod.Network as unknown as { prototype: Record<string, unknown> }).prototype;
  for (const name of LITE_ABSENT.methods) if (typeof proto[name] !== 'function') proto[name] = absent(name);
}

/** The exporters' chunk (web/src/core/export/index.ts), loaded by loadCore() or core.loadExporters(). */
export type Exporters = typeof import('./export/index.js');

const decoder = new TextDecoder();

/** Deep-freezes the plain objects of a catalog (their arrays included). */
function frozen<T extends object>(items: T[]): readonly T[] {
  for (const item of items) {
    for (const v of Object.values(item)) if (typeof v === 'object' && v !== null) Object.freeze(v);
    Object.freeze(item);
  }
  return Object.freeze(items);
}

export class Context {
  readonly catalog: Vocabulary;
  #datasets: readonly DatasetInfo[] | null = null;
  #features: readonly FeatureInfo[] | null = null;
  /** The error slot: int32 pending, field and message lengths, uint32 field and message addresses. */
  readonly #slot: number;
  // Deletes the wasm object of a wrapper that was garbage-collected without dispose().
  private readonly finalizer = new FinalizationRegistry<Deletable>((raw) => {
    if (!raw.isDeleted()) raw.delete();
  });

  #exporters: Exporters | null;

  constructor(
    readonly mod: RawModule,
    exporters: Exporters | null,
    lite = false,
  ) {
    this.#exporters = exporters;
    if (lite) withoutLiteAbsent(mod);
    this.catalog = parseVocabulary(mod.vocabulary());
    this.#slot = this.catalog.errors;
  }

  /** The exporters; throws when the core was loaded with lazyExporters and they are not yet. */
  get exporters(): Exporters {
    if (this.#exporters) return this.#exporters;
    throw new MlpError('exporters: not loaded (loadCore({ lazyExporters: true })); await core.loadExporters() first', 'exporters');
  }

  get hasExporters(): boolean {
    return this.#exporters !== null;
  }

  adoptExporters(e: Exporters): void {
    this.#exporters ??= e;
  }

  /** The dataset catalog, built by the core on first use (it is not needed to train). */
  get datasets(): readonly DatasetInfo[] {
    this.#datasets ??= frozen(this.mod.datasetCatalog());
    return this.#datasets;
  }

  /** Each input feature's name, label and the dims it needs, from the core on first use. */
  get featureCatalog(): readonly FeatureInfo[] {
    this.#features ??= frozen(this.mod.featureCatalog());
    return this.#features;
  }

  /**
   * Runs a call into wasm and raises what it failed with. The core never throws across the
   * boundary (a JavaScript exception inside a call would skip the cleanups on its way out
   * and leak): a failed call returns a default value and leaves its error in the slot, read
   * here once the call has returned and everything it allocated is freed.
   */
  call<T>(fn: () => T): Exclude<T, null> {
    let result: T;
    try {
      result = fn();
    } catch (e) {
      rethrow(e);
    }
    const i32 = this.mod.HEAP32;  // re-read: memory may have grown during the call
    const at = this.#slot >>> 2;
    if (i32[at] !== 0) {
      const bytes = this.mod.HEAPU8;
      const text = (address: number, length: number): string => decoder.decode(bytes.subarray(address, address + length));
      const e = new MlpError(text(i32[at + 4]! >>> 0, i32[at + 2]!), text(i32[at + 3]! >>> 0, i32[at + 1]!));
      i32[at] = 0;
      throw e;
    }
    if (result === null) throw new MlpError('internal error: the wasm core returned nothing and reported no error');
    return result as Exclude<T, null>;
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

  /**
   * Allocates `length` bytes, runs fn with the address, frees them; with `copy`, returns a
   * copy of the bytes fn left there.
   */
  withBytes(length: number, fn: (address: number) => void, copy: boolean): Uint8Array | null {
    const address = this.mod._malloc(Math.max(4, length));
    if (!address) throw new MlpError('out of memory allocating a buffer in wasm memory');
    try {
      fn(address);
      return copy ? this.mod.HEAPU8.slice(address, address + length) : null;
    } finally {
      this.mod._free(address);
    }
  }

  /** A GridPlanes record (three 32-bit words) at `address`. */
  planesAt(address: number): GridPlanes {
    const i32 = this.mod.HEAP32, at = address >>> 2;
    return { address: i32[at]! >>> 0, width: i32[at + 1]!, height: i32[at + 2]! };
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
