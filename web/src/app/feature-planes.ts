// The input features over the views' grids (the features column's thumbnails, a hovered
// feature in the main view), computed by the core in the worker: one request per grid for
// every feature of the data, kept for the next frames (a few grids at most).
import type { Feature } from '../core/types.js';
import type { FeatureRequest, GridPlanes } from '../worker/protocol.js';
import type { Domain } from './scales.js';

/** Grids kept (each holds every feature's plane). */
const KEEP = 8;

export class FeaturePlanes {
  #fetch: (r: FeatureRequest) => Promise<GridPlanes | null>;
  #arrived: () => void;
  /** Planes by grid; null while the worker computes them. */
  #grids = new Map<string, Map<Feature, Float32Array> | null>();

  /** `arrived` is called when planes that were asked for came in (time to paint again). */
  constructor(fetch: (r: FeatureRequest) => Promise<GridPlanes | null>, arrived: () => void) {
    this.#fetch = fetch;
    this.#arrived = arrived;
  }

  /** One feature over a grid of the domain, or null until the worker has sent it. */
  get(features: readonly Feature[], feature: Feature, width: number, height: number, dims: 1 | 2, d: Domain): Float32Array | null {
    const key = `${dims}:${width}x${height}:${d.xRange}:${d.yRange}:${features.join()}`;
    if (!this.#grids.has(key)) this.#request(key, { width, height, dims, xRange: d.xRange, yRange: d.yRange, features: [...features] });
    return this.#grids.get(key)?.get(feature) ?? null;
  }

  #request(key: string, r: FeatureRequest): void {
    if (this.#grids.size >= KEEP) this.#grids.clear();
    this.#grids.set(key, null);
    const forget = (): void => {
      if (this.#grids.get(key) === null) this.#grids.delete(key);
    };
    this.#fetch(r).then((g) => {
      if (!g) return forget();
      const plane = g.width * g.height;
      this.#grids.set(key, new Map(r.features.map((f, i) => [f, g.data.subarray(i * plane, (i + 1) * plane)])));
      this.#arrived();
    }, forget);
  }
}
