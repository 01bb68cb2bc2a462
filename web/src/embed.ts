// The embedding example page (embed.html): the element registered, nothing else; each
// instance reads its own attributes and owns its own worker.
import { MlpPlayground } from './app/playground.js';

if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);
