// Vite builds the static playground site from web/ into dist/site/ with relative paths
// (base './'), so the folder can be served from any host and any sub-path. The worker is
// an ES module worker; the wasm modules it loads are emitted as assets next to it. Pages:
// the playground, the embedding example, the challenges, and the Learn section
// (web/learn/*.html). Every page gets the site's Content-Security-Policy (scripts/csp.mjs)
// first in its <head>.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { contentSecurityPolicy } from './scripts/csp.mjs';

const learn = Object.fromEntries(
  readdirSync('web/learn').filter((f) => f.endsWith('.html')).map((f) => [`learn/${f.slice(0, -5)}`, `web/learn/${f}`]),
);

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: false,
  plugins: [contentSecurityPolicy()],
  // protobufjs's own minified build of its minimal runtime (the library's ONNX codec).
  resolve: { alias: { 'protobufjs/minimal': fileURLToPath(new URL('node_modules/protobufjs/dist/minimal/protobuf.min.js', import.meta.url)) } },
  build: {
    outDir: '../dist/site',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,  // the .wasm files stay files (fetched by URL, streamed)
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      // The playground page, an example of embedding the element in a tutorial, the challenges.
      input: { index: 'web/index.html', embed: 'web/embed.html', challenges: 'web/challenges.html', ...learn },
    },
  },
  worker: {
    format: 'es',
  },
});
