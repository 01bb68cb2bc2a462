// The shape of the Embind module (cpp/bindings/bindings.cpp) as the wrappers use it.
// Internal: nothing here is exported from the package. Configs and specs are passed as the
// caller's objects (the core reads and checks them); a failed call returns a default value
// and leaves its error in the error slot (its address in the vocabulary), which Context.call
// raises.
import type { DatasetInfo, FeatureInfo } from './types.js';

export interface RawEpoch {
  loss: number;
  steps: number;
  epochs: number;
  diverged: boolean;
  /** 0: none; k: the vocabulary's stopReasons[k - 1]. */
  stop: number;
  testLoss: number;
  /** Addresses of the last epoch's gradient flow, a float per layer each. */
  gradNorms: number;
  updateRatios: number;
}

/** previewStep's scalars; its arrays are in the result buffer (cpp/bindings/wasm_api.h). */
export interface RawPreview {
  loss: number;
  diverged: boolean;
  learningRate: number;
  step: number;
  clipScale: number;
  /** 0 sgd, 1 momentum (velocity), 2 adam (m, v). */
  slots: number;
}

export interface RawMetrics {
  loss: number;
  accuracy: number;
}

/** Where a grid's planes are in wasm memory, and the size its spec resolved to. */
export interface GridPlanes {
  address: number;
  width: number;
  height: number;
}

/** What every Embind object has: explicit deletion (see Context.track / release). */
export interface Deletable {
  delete(): void;
  isDeleted(): boolean;
}

export interface RawTrainingData extends Deletable {
  size(): number;
  inputs(): number;
  outputs(): number;
  xAddress(): number;
  yAddress(): number;
}

export type RawDataset = Deletable;

export interface RawDatasetSplit extends Deletable {
  isRegression(): boolean;
  dims(): number;
  classes(): number;
  trainSize(): number;
  testSize(): number;
  trainX(): number;
  trainY(): number;
  testX(): number;
  testY(): number;
}

export interface RawNetwork extends Deletable {
  configJson(): string;
  inputs(): number;
  outputs(): number;
  numLayers(): number;
  units(layer: number): number;
  /** num_layers records of layerWords int32 (cpp/bindings/wasm_api.h NetworkHandle::layers_address). */
  layersAddress(): number;
  parameterCount(): number;
  stepCount(): number;
  epochCount(): number;
  learningRate(): number;
  diverged(): boolean;
  trainBatch(x: number, y: number, n: number): number;
  trainEpoch(data: RawTrainingData, batchSize: number, epochs: number, test: RawTrainingData | null, shuffle: boolean): RawEpoch;
  trainPart(data: RawTrainingData, batchSize: number, shuffle: boolean): RawEpoch;
  endEpoch(loss: number, test: RawTrainingData | null): RawEpoch;
  predict(x: number, n: number, out: number): void;
  evaluate(x: number, y: number, n: number): RawMetrics;
  evaluateData(data: RawTrainingData): RawMetrics;
  /** The address of three 32-bit words: the planes' address, width, height (GridPlanes). */
  evaluateGrid(grid: unknown, allUnits: boolean, inputs: boolean): number;
  parametersAddress(): number;
  gradientsAddress(): number;
  setParameters(flat: number, n: number): void;
  weight(layer: number, unit: number, input: number): number;
  setWeight(layer: number, unit: number, input: number, value: number): void;
  bias(layer: number, unit: number): number;
  setBias(layer: number, unit: number, value: number): void;
  setLearningRate(lr: number): void;
  setOptimizer(optimizer: unknown): void;
  setRegularization(regularization: unknown): void;
  setClipNorm(clip: number): void;
  setSchedule(schedule: unknown): void;
  setStopping(stopping: unknown): void;
  /** The introspection calls fill one result buffer (resultAddress); see cpp/bindings/wasm_api.h for its layout. */
  trace(x: number, n: number): number;
  gradients(x: number, y: number, n: number, perLayer: boolean): number;
  previewStep(x: number, y: number, n: number): RawPreview;
  /** Address of 7 doubles per layer. */
  layerStats(x: number, y: number, n: number): number;
  /** Returns steps; spec is { directions: 'random' | 'pca' | 'given', range?, steps?, seed? }. */
  lossSurface(x: number, y: number, n: number, spec: unknown, d1: number, d2: number, trajectory: number, k: number): number;
  resultAddress(): number;
  /** The address of a 32-bit byte count n, 4 bytes of padding, then the n bytes of the state. */
  saveState(handover: boolean): number;
  restoreState(bytes: number, n: number): void;
  reset(seed: number): void;
  toJson(): string;
  prepare(data: RawDataset, features: unknown): RawTrainingData | null;
}

export interface RawModule {
  HEAPU8: Uint8Array;
  HEAP32: Int32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
  _malloc(bytes: number): number;
  _free(address: number): void;
  Network: { create(config: unknown): RawNetwork | null; fromJson(json: string): RawNetwork | null };
  Dataset: {
    fromPoints(x: number, y: number, n: number, dims: number, classes: number, regression: boolean): RawDataset | null;
  };
  DatasetSplit: {
    generate(spec: unknown): RawDatasetSplit | null;
    split(data: RawDataset, trainRatio: number, seed: number): RawDatasetSplit | null;
  };
  TrainingData: { fromArrays(x: number, y: number, n: number, inputs: number, outputs: number): RawTrainingData | null };
  vocabulary(): string;
  datasetCatalog(): DatasetInfo[];
  featureCatalog(): FeatureInfo[];
  computeFeatures(x: number, n: number, dims: number, features: unknown, out: number): void;
  /** As evaluateGrid; the planes are a fresh buffer (features × width·height floats) the caller frees with _free. */
  featureGrid(grid: unknown): number;
  heapBytesInUse(): number;
}

export type ModuleFactory = (options: Record<string, unknown>) => Promise<RawModule>;
