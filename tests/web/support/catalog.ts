// The element's catalog, built from the real core's vocabulary as the worker hands it to
// the element on init (the element has no copy of its own), and the core's feature map as
// the Learn pages hand it to the lessons' measurements.
import { Catalog } from '../../../web/src/app/catalog.js';
import { loadCore } from '../../../web/src/core/index.js';
import type { FeatureMap } from '../../../web/src/lesson-presets/forward.js';
import { vocabularyOf } from '../../../web/src/worker/protocol.js';

export const core = await loadCore();

export const catalog = new Catalog(vocabularyOf(core));

export const featureMap: FeatureMap = (x, dims, features) => core.computeFeatures(x, dims, features);
