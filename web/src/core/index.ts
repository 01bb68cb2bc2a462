// mlp-playground: train multi-layer perceptrons with a C++ core compiled to WebAssembly
// (SIMD where the engine has it). `loadCore()` loads the module once; everything else
// hangs off the returned MlpCore.
//
//   import { loadCore } from 'mlp-playground';
//   const mlp = await loadCore();
//   const net = mlp.createNetwork({ inputs: 2, layers: [{ units: 8, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
//   net.trainEpoch({ x, y }, { batchSize: 10, epochs: 100 });
//   net.dispose();
import { Context, type Exporters } from './context.js';
import { generateDataset, makeDataset, type PointsSpec, splitDataset } from './dataset.js';
import { call, MlpError } from './errors.js';
import { gridResult } from './grid.js';
import { simdSupported } from './simd.js';
import { Network, type TrainingData, trainingDataFromArrays } from './network.js';
import type { ModuleFactory, RawModule } from './raw.js';
import { loadScalarBuild } from './scalar.js';
import type {
  Activation,
  Dataset,
  DatasetInfo,
  DatasetSplit,
  DatasetSpec,
  Feature,
  FeatureInfo,
  GridResult,
  GridSpec,
  Init,
  LayerType,
  LoadOptions,
  Loss,
  NetworkConfig,
  OptimizerType,
  Padding,
  RegularizationType,
  ScheduleType,
} from './types.js';
import { type FloatInput, int32, isPlainObject, rows } from './validate.js';

export { MlpError } from './errors.js';
export { simdSupported } from './simd.js';
export { Network, TrainingData, type EndEpochOptions, type SampleData, type TrainOptions } from './network.js';
export type { PointsSpec } from './dataset.js';
export type { PyTorchOptions } from './export/pytorch.js';
export type { OnnxOptions } from './export/onnx.js';
export type * from './types.js';
export type * from './introspect-types.js';

/** A loaded core: the vocabulary, dataset generators and the network factory. */
export class MlpCore {
  readonly #ctx: Context;
  /** Library version (the C++ core's). */
  readonly version: string;
  /** Whether this instance runs the wasm-SIMD build. */
  readonly simd: boolean;
  readonly activations: readonly Activation[];
  readonly losses: readonly Loss[];
  readonly optimizers: readonly OptimizerType[];
  readonly regularizations: readonly RegularizationType[];
  readonly inits: readonly Init[];
  readonly features: readonly Feature[];
  /** The learning-rate schedules (config.schedule.type). */
  readonly schedules: readonly ScheduleType[];
  /** Layer types (`dense`, `conv2d`, `maxpool`) and conv2d paddings. */
  readonly layerTypes: readonly LayerType[];
  readonly paddings: readonly Padding[];
  /**
   * The memory budget in bytes: one network (parameters, gradients, rollback copy,
   * optimizer state, the workspace of its batches and grids) and one dataset or prepared
   * data. Configs and calls over it are refused with an MlpError before anything is allocated.
   */
  readonly memoryBudget: { network: number; data: number };

  /**
   * Whether this instance is the playground site's lite module (a subset: no network file,
   * introspection or loss surface; their calls throw an MlpError). Always false for the
   * package's loadCore().
   */
  readonly lite: boolean;

  /** @internal */
  constructor(mod: RawModule, exporters: Exporters | null, lite = false) {
    this.#ctx = new Context(mod, exporters, lite);
    this.lite = lite;
    const c = this.#ctx.catalog;
    this.version = c.version;
    this.simd = c.simd;
    this.activations = c.activations;
    this.losses = c.losses;
    this.optimizers = c.optimizers;
    this.regularizations = c.regularizations;
    this.inits = c.inits;
    this.features = c.features;
    this.schedules = c.schedules;
    this.layerTypes = c.layerTypes;
    this.paddings = c.paddings;
    this.memoryBudget = Object.freeze({ ...c.budget });
  }

  /** Every dataset generator: name, problem, dims, default size, description. */
  get datasets(): readonly DatasetInfo[] {
    return this.#ctx.datasets;
  }

  /** Each input feature: its name, its label in mathematical notation (x₁²) and the dims it needs. */
  get featureCatalog(): readonly FeatureInfo[] {
    return this.#ctx.featureCatalog;
  }

  /**
   * A new network. The core reads the config object itself: a field left out takes the
   * core's default (see NetworkConfig), a wrongly typed or unknown field throws MlpError
   * naming it (`optimizer.learningRate: must be a number, got "fast"`).
   */
  createNetwork(config: NetworkConfig): Network {
    return new Network(this.#ctx, this.#ctx.call(() => this.#ctx.mod.Network.create(config)));
  }

  /** A network from `network.serialize()` text or the `JSON.stringify(network)` object. */
  loadNetwork(json: string | object): Network {
    if (typeof json !== 'string' && !isPlainObject(json)) {
      throw new MlpError('json: must be the text of network.serialize() or the parsed object', 'json');
    }
    let text: string;
    try {
      text = typeof json === 'string' ? json : JSON.stringify(json);
    } catch (e) {
      // A cycle or a BigInt (TypeError), or nesting deeper than the stack (RangeError).
      throw new MlpError(`json: the object cannot be written as JSON (${e instanceof Error ? e.message : String(e)})`, 'json');
    }
    return new Network(this.#ctx, this.#ctx.call(() => this.#ctx.mod.Network.fromJson(text)));
  }

  /**
   * A network from an ONNX model (bytes of an .onnx file): toONNX()'s graphs and those of
   * the same ops from elsewhere (torch.onnx.export of an nn.Sequential of Linear and the
   * activations). Throws MlpError naming the first op or shape it cannot read.
   */
  loadONNX(bytes: Uint8Array | ArrayBuffer): Network {
    const data = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
    const { config, weights, biases } = call(() => this.#ctx.exporters.readOnnxModel(data, this.#ctx.catalog.features));
    const net = this.createNetwork(config);
    try {
      net.setParameters({ weights, biases });
    } catch (e) {
      net.dispose();
      throw e;
    }
    return net;
  }

  /** Points of a named dataset, split into train and test (seeded: same spec, same points). */
  generateDataset(spec: DatasetSpec): DatasetSplit {
    return generateDataset(this.#ctx, spec);
  }

  /** A dataset from your own points (checked: finite coordinates, labels in range). */
  makeDataset(points: PointsSpec): Dataset {
    return makeDataset(this.#ctx, points);
  }

  /** Shuffles (seeded) and splits a dataset. */
  splitDataset(dataset: Dataset, trainRatio: number, seed = 1): DatasetSplit {
    return splitDataset(this.#ctx, dataset, trainRatio, seed);
  }

  /** Network-ready inputs (n × inputs) and targets (n × outputs), resident in wasm memory. */
  createTrainingData(x: FloatInput, y: FloatInput, shape: { inputs: number; outputs: number }): TrainingData {
    if (!isPlainObject(shape)) throw new MlpError('shape: must be { inputs, outputs }', 'shape');
    const inputs = int32(shape.inputs, 'inputs');
    const outputs = int32(shape.outputs, 'outputs');
    if (inputs < 1 || outputs < 1) {  // rows() divides by them; the core checks the ranges
      throw new MlpError(`${inputs < 1 ? 'inputs' : 'outputs'}: must be an integer >= 1`, inputs < 1 ? 'inputs' : 'outputs');
    }
    return trainingDataFromArrays(this.#ctx, x, y, inputs, outputs);
  }

  /**
   * The input features of points, computed by the core (the same map the network sees):
   * `x` is n × dims raw coordinates (row-major), the result n × features.length.
   */
  computeFeatures(x: FloatInput, dims: 1 | 2, features: readonly Feature[]): Float32Array {
    const d = int32(dims, 'dims');
    const n = rows(x, 'x', d >= 1 ? d : 1);
    const width = Array.isArray(features) ? features.length : 0;
    return this.#ctx.call(() =>
      this.#ctx.withArrays([x], (xa) =>
        this.#ctx.withOutput(n * width, (out) => this.#ctx.mod.computeFeatures(xa, n, d, features, out)),
      ),
    );
  }

  /**
   * The input features over a grid of the plane (the grid of `network.evaluateGrid`, no
   * network needed): `layerSizes` is [features.length] and `unit(0, k)` is feature k's plane.
   */
  featureGrid(grid: GridSpec): GridResult {
    const planes = this.#ctx.planesAt(this.#ctx.call(() => this.#ctx.mod.featureGrid(grid)));
    try {
      return gridResult(this.#ctx, planes, [(grid as GridSpec).features.length], true);
    } finally {
      this.#ctx.mod._free(planes.address);
    }
  }

  /**
   * Loads the exporters' chunk (toPyTorch, toONNX, loadONNX) if `loadCore({ lazyExporters:
   * true })` left it out; resolves at once otherwise.
   */
  async loadExporters(): Promise<void> {
    if (this.#ctx.hasExporters) return;
    this.#ctx.adoptExporters(await importExporters());
  }

  /** Bytes of wasm heap currently allocated (for leak checks). */
  heapBytesInUse(): number {
    return this.#ctx.mod.heapBytesInUse();
  }

  /** Bytes of this core's whole wasm memory (it grows by pages as needed and never shrinks). */
  memoryBytes(): number {
    return this.#ctx.mod.HEAPU8.byteLength;
  }
}

function isNode(): boolean {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' && typeof (globalThis as { window?: unknown }).window === 'undefined';
}

/** Compiles the module from given bytes, the file (Node) or the URL (browser, streaming). */
async function compileModule(url: URL, bytes: ArrayBuffer | Uint8Array | undefined): Promise<WebAssembly.Module> {
  if (bytes !== undefined) return WebAssembly.compile(bytes as BufferSource);
  if (isNode()) {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as { readFile(u: URL): Promise<Uint8Array> };
    return WebAssembly.compile((await fs.readFile(url)) as BufferSource);
  }
  const response = fetch(url, { credentials: 'same-origin' });
  try {
    return await WebAssembly.compileStreaming(response);
  } catch {
    // A static host that serves .wasm without application/wasm: compile from the bytes.
    const r = await fetch(url, { credentials: 'same-origin' });
    if (!r.ok) throw new Error(`HTTP ${r.status}`);
    return WebAssembly.compile(await r.arrayBuffer());
  }
}

/** The exporters' chunk (export.js beside the library), errors as MlpError. */
async function importExporters(): Promise<Exporters> {
  try {
    return await import('./export/index.js');
  } catch (e) {
    throw new MlpError(`could not load the library's exporters (export.js beside it): ${e instanceof Error ? e.message : String(e)}`, 'wasmUrl');
  }
}

/**
 * Loads the wasm core. In browsers the .wasm next to this module is fetched (override with
 * `wasmUrl`); in Node it is read from disk. Picks the SIMD build when the engine supports
 * it unless `simd` forces a choice.
 */
export async function loadCore(options: LoadOptions = {}): Promise<MlpCore> {
  if (!isPlainObject(options)) throw new MlpError('options: must be an object', 'options');
  const want = options.simd ?? 'auto';
  if (want !== 'auto' && typeof want !== 'boolean') {
    throw new MlpError(`simd: must be true, false or "auto", got ${JSON.stringify(want)}`, 'simd');
  }
  const simd = want === 'auto' ? simdSupported() : want;
  if (want === true && !simdSupported()) {
    throw new MlpError('simd: this engine lacks WebAssembly SIMD or exception handling; use simd: false or "auto"', 'simd');
  }
  const lazy = options.lazyExporters ?? false;
  if (typeof lazy !== 'boolean') throw new MlpError(`lazyExporters: must be true or false, got ${JSON.stringify(lazy)}`, 'lazyExporters');
  // The site's lite module (lite.ts), when it applies: SIMD only.
  const lite = simd ? (options as InternalLoadOptions).lite : undefined;
  // The scalar build's glue comes first: it knows where its .wasm is (in the npm package,
  // the companion package mlp-playground-scalar).
  const scalar = simd ? null : await loadScalarBuild();
  const url =
    options.wasmUrl !== undefined
      ? new URL(String(options.wasmUrl), (globalThis as { location?: { href: string } }).location?.href ?? import.meta.url)
      : lite
        ? lite.url
        : scalar
          ? scalar.wasmUrl
          : new URL('./wasm/mlp-simd.wasm', import.meta.url);
  // Compile the .wasm while the glue module and the exporters load (start-up is the sum
  // otherwise).
  const compiled = compileModule(url, (options as LoadOptions).wasmBinary ?? lite?.bytes);
  compiled.catch(() => {});  // handled below, after the glue has loaded
  const exporters = lazy ? Promise.resolve(null) : importExporters();
  exporters.catch(() => {});  // handled at the end
  const factory: ModuleFactory = lite ? await lite.factory() : scalar ? scalar.factory : (await import('./wasm/mlp-simd.mjs')).default;
  let mod: RawModule;
  try {
    const module = await compiled;
    // The glue waits for receive(); a failed instantiation must reject loadCore instead.
    let fail: (e: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    mod = await Promise.race([
      factory({
        instantiateWasm(imports: WebAssembly.Imports, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
          WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), fail);
          return {};
        },
        print: () => {},
        printErr: () => {},
      }),
      failed,
    ]);
  } catch (e) {
    throw new MlpError(`could not load the wasm core from ${url.href}: ${e instanceof Error ? e.message : String(e)}`, 'wasmUrl');
  }
  return new MlpCore(mod, await exporters, lite !== undefined);
}

/**
 * @internal What lite.ts passes to loadCore: the lite module's .wasm and glue (the site's
 * first-load core, not in the package).
 */
export interface InternalLoadOptions extends LoadOptions {
  lite?: { url: URL; factory: () => Promise<ModuleFactory>; bytes?: ArrayBuffer | undefined };
}
