// The core on a Learn page's main thread, for the lessons' measurements (it trains only the
// small networks of lessons 10 and 11): its feature map, which turns points into a network's
// inputs for the lessons' JS forward pass, the features' notation (x₁², sin x₂), and the
// library. Loaded in a chunk of its own once the page is drawn; the lessons' views draw as
// soon as it is in.
import type { MlpCore } from '../core/index.js';
import type { Feature } from '../core/types.js';
import type { FeatureMap } from '../lesson-presets/forward.js';

export interface LessonCore {
  /** The library itself, for lessons that compute with networks of their own (lessons 10 and 11). */
  mlp: MlpCore;
  features: FeatureMap;
  featureLabel(f: Feature): string;
}

export async function loadLessonCore(): Promise<LessonCore> {
  const { loadCore } = await import('../core/index.js');
  const core = await loadCore();
  const labels = new Map(core.featureCatalog.map((f) => [f.name, f.label]));
  return {
    mlp: core,
    features: (x, dims, names) => core.computeFeatures(x, dims, names),
    featureLabel: (f) => labels.get(f) ?? f,
  };
}
