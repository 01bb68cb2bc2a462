// The static site's Content-Security-Policy, and the Vite plugin that puts it first in the
// <head> of every built page (a meta tag: a static host sends no headers of ours). What the
// site needs and nothing more:
//   script-src 'self' 'wasm-unsafe-eval'  module scripts from the site; compiling the .wasm
//                                          (no inline script, no eval)
//   worker-src 'self'                      the training worker
//   connect-src 'self'                     fetching the .wasm
//   img-src 'self' data:                   the favicon (a data: URL)
//   style-src-elem 'self' 'sha256-…'       the site's stylesheets and each page's own inline
//                                          <style> block, by hash (computed here at build)
//   style-src-attr 'unsafe-inline'         style="…" attributes that Lit templates and uPlot
//                                          set (positions, sizes, colours: no user text)
// Lit's and uPlot's component styles are constructed stylesheets (adoptedStyleSheets),
// which CSP does not govern. Everything else is refused (default-src 'none').
import { createHash } from 'node:crypto';

const BASE = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'style-src-attr': ["'unsafe-inline'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'object-src': ["'none'"],
};

const STYLE_BLOCK = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;

/** The policy for one page: BASE plus the hashes of that page's inline <style> blocks. */
export function policyFor(html) {
  const hashes = [...html.matchAll(STYLE_BLOCK)].map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
  const directives = { ...BASE, 'style-src-elem': ["'self'", ...hashes] };
  return Object.entries(directives).map(([k, v]) => `${k} ${v.join(' ')}`).join('; ');
}

/** Vite plugin: the policy as the first element of every page's <head>, after the build's own edits. */
export function contentSecurityPolicy() {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policyFor(html) }, injectTo: 'head-prepend' }];
      },
    },
  };
}
