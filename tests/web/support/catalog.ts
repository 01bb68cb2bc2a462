// The element's catalog, built from the real core's vocabulary, as the worker hands it to
// the element on init (the element has no copy of its own).
import { Catalog } from '../../../web/src/app/catalog.js';
import { loadCore } from '../../../web/src/core/index.js';

export const catalog = new Catalog(await loadCore());
