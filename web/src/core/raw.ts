// The shape of the Embind module (cpp/bindings/bindings.cpp) as the wrappers use it.
// Internal: nothing here is exported from the package.

export interface RawEpoch {
  loss: number;
  steps: number;
  epochs: number;
  diverged: boolean;
}

export interface RawMetrics {
  loss: number;
  accuracy: number;
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
}

export interface RawDatasetPair extends Deletable {
  isRegression(): number;
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
  numParameters(): number;
  stepCount(): number;
  diverged(): boolean;
  trainBatch(x: number, y: number, n: number): number;
  trainEpochs(data: RawTrainingData, batchSize: number, epochs: number): RawEpoch;
  predict(x: number, n: number, out: number): void;
  evaluate(x: number, y: number, n: number): RawMetrics;
  evaluateData(data: RawTrainingData): RawMetrics;
  evaluateGrid(width: number, height: number, xMin: number, xMax: number, yMin: number,
               yMax: number, dims: number, features: string, allUnits: boolean): number;
  parametersAddress(): number;
  gradientsAddress(): number;
  setParameters(flat: number, n: number): void;
  weight(layer: number, unit: number, input: number): number;
  setWeight(layer: number, unit: number, input: number, value: number): void;
  bias(layer: number, unit: number): number;
  setBias(layer: number, unit: number, value: number): void;
  setLearningRate(lr: number): void;
  setOptimizer(json: string): void;
  setRegularization(json: string): void;
  setClipNorm(clip: number): void;
  reset(seed: number): void;
  toJson(): string;
  prepare(data: RawDatasetPair, test: boolean, features: string): RawTrainingData;
}

export interface RawModule {
  HEAPF32: Float32Array;
  _malloc(bytes: number): number;
  _free(address: number): void;
  HEAPF64: Float64Array;
  NetworkHandle: { create(descriptor: number, length: number): RawNetwork; fromJson(json: string): RawNetwork };
  DatasetPair: {
    generate(specJson: string): RawDatasetPair;
    fromPoints(x: number, y: number, n: number, dims: number, classes: number,
               regression: boolean, trainRatio: number, seed: number): RawDatasetPair;
    whole(x: number, y: number, n: number, dims: number, classes: number,
          regression: boolean): RawDatasetPair;
  };
  TrainingData: { new (x: number, y: number, n: number, inputs: number, outputs: number): RawTrainingData };
  vocabulary(): string;
  datasetsJson(): string;
  heapBytesInUse(): number;
}

export type ModuleFactory = (options: Record<string, unknown>) => Promise<RawModule>;
