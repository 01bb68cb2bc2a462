// The static site: one full-page <mlp-playground> whose settings live in the URL hash.
// Settings changes replace the hash (no history entry per click); editing the hash (or
// following a link) applies it.
import { MlpPlayground } from './app/playground.js';

// Referencing the class keeps the module (the package is marked side-effect free).
if (!customElements.get('mlp-playground')) customElements.define('mlp-playground', MlpPlayground);

const el = document.querySelector('mlp-playground');
if (el) {
  el.config = location.hash.slice(1);
  let written = location.hash.slice(1);
  el.addEventListener('change', (e) => {
    const hash = (e as CustomEvent<{ hash: string }>).detail.hash;
    written = hash;
    history.replaceState(null, '', `#${hash}`);
  });
  window.addEventListener('hashchange', () => {
    const hash = location.hash.slice(1);
    if (hash !== written) {
      written = hash;
      el.config = hash;
    }
  });
}
