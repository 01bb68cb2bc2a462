// The embedding example page (embed.html): the package's element entry and nothing else;
// each instance reads its own attributes and owns its own worker.
import { MlpPlayground } from './element.js';

// Referencing the class keeps the module (package.json marks only dist/lib/element.js as
// having side effects, so a bare `import './element.js'` could be dropped from the build).
if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);
