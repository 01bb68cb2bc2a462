// Vite builds the static playground site from web/ into dist/site/ with relative paths
// (base './'), so the folder can be served from any host and any sub-path. The worker is
// an ES module worker; the wasm modules it loads are emitted as assets next to it. Pages:
// the playground, the embedding example, the challenges, and the Learn section
// (web/learn/*.html). Every page gets the site's Content-Security-Policy (scripts/csp.mjs)
// first in its <head>.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './scripts/csp.mjs';

const learn = Object.fromEntries(
  readdirSync('web/learn').filter((f) => f.endsWith('.html')).map((f) => [`learn/${f.slice(0, -5)}`, `web/learn/${f}`]),
);

/**
 * The playground page preloads its worker's first core (the lite .wasm, fetched by main.ts
 * and handed to the worker: app/client.ts), so that its download starts with the page's
 * scripts instead of after them.
 */
function preloadLiteCore(): Plugin {
  return {
    name: 'preload-lite-core',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.filename.endsWith('/web/index.html') || !ctx.bundle) return undefined;
        const wasm = Object.values(ctx.bundle).find((f) => f.type === 'asset' && /(^|\/)mlp-simd-lite-[^/]*\.wasm$/.test(f.fileName));
        if (!wasm) throw new Error('preload-lite-core: the build has no mlp-simd-lite .wasm (web/src/main.ts no longer fetches it?)');
        return [{ tag: 'link', attrs: { rel: 'preload', as: 'fetch', type: 'application/wasm', crossorigin: '', href: `./${wasm.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

/**
 * The element's stylesheets (Lit `css` templates in web/src) without their indentation and
 * comments: runs of white space become one space, none is left around { } ;. The rules are
 * the same (no string in them holds a run of spaces); the site's first load is smaller.
 */
function squeezeCss(): Plugin {
  const squeeze = (body: string): string =>
    body.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/ ?([{};]) ?/g, '$1').trim();
  return {
    name: 'squeeze-css',
    apply: 'build',
    transform(code, id) {
      if (!/\/web\/src\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: code.replace(/\bcss`([^`]*)`/g, (_m, body: string) => `css\`${squeeze(body)}\``), map: null };
    },
  };
}

export default defineConfig({
  root: 'web',
  base: './',
  publicDir: false,
  plugins: [contentSecurityPolicy(), preloadLiteCore(), squeezeCss()],
  // protobufjs's own minified build of its minimal runtime (the library's ONNX codec).
  resolve: { alias: { 'protobufjs/minimal': fileURLToPath(new URL('node_modules/protobufjs/dist/minimal/protobuf.min.js', import.meta.url)) } },
  build: {
    outDir: '../dist/site',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,  // the .wasm files stay files (fetched by URL, streamed)
    chunkSizeWarningLimit: 1024,
    // Every browser with wasm SIMD has <link rel="modulepreload">: no polyfill (it would be a
    // file of its own next to the manual chunks below).
    modulePreload: { polyfill: false },
    rollupOptions: {
      // The playground page, an example of embedding the element in a tutorial, the challenges.
      input: { index: 'web/index.html', embed: 'web/embed.html', challenges: 'web/challenges.html', ...learn },
      output: {
        // The playground's first load in fewer files. `base`: what the element shares with
        // the challenges page (Lit, the challenge list, the English catalog and the language
        // switch, Vite's chunk loader) plus Comlink, the text helpers, the SIMD check and
        // the lite core's URL, instead of a file each. `playground`: the element with every
        // module it shares with its lazy chunks (compare mode), which it loads anyway.
        manualChunks(id: string) {
          if (/\/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element|comlink)\//.test(id) || id.includes('vite/preload-helper')) return 'base';
          if (/\/web\/src\/(app\/text|core\/simd|core\/lite-url|app\/challenges\/(list|progress)|i18n\/(en|messages|lang|switch))\.ts$/.test(id)) return 'base';
          if (/\/web\/src\/app\/playground\.ts$/.test(id)) return 'playground';
          return undefined;
        },
      },
    },
  },
  worker: {
    format: 'es',
  },
});
