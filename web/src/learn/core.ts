// The core on a Learn page's main thread, for the lessons' measurements only (it never
// trains): its feature map, which turns points into a network's inputs for the lessons' JS
// forward pass, and the features' notation (x₁², sin x₂). Loaded in a chunk of its own
// once the page is drawn; the lessons' views draw as soon as it is in.
import type { Feature } from '../core/types.js';
import type { FeatureMap } from '../lesson-presets/forward.js';

export interface LessonCore {
  features: FeatureMap;
  featureLabel(f: Feature): string;
}

export async function loadLessonCore(): Promise<LessonCore> {
  const { loadCore } = await import('../core/index.js');
  const core = await loadCore();
  const labels = new Map(core.featureCatalog.map((f) => [f.name, f.label]));
  return {
    features: (x, dims, names) => core.computeFeatures(x, dims, names),
    featureLabel: (f) => labels.get(f) ?? f,
  };
}
