// Styles that arrive with a lazy chunk (uPlot's, a panel's that is fetched on first use),
// added to the shadow root (or document) a node is in, once per root: as a constructed
// stylesheet beside the root's own (the site's CSP allows those, not a <style> element).
const adopted = new WeakMap<Node, Set<string>>();

/**
 * Adds `css` (a stylesheet, or its text) to the root `node` is in, under `key` once per root;
 * `first`: before the root's own sheets (so they win where both match alike).
 */
export function adoptStyles(node: Node, key: string, css: CSSStyleSheet | string, first = false): void {
  const root = node.getRootNode();
  const done = adopted.get(root) ?? new Set<string>();
  if (done.has(key)) return;
  adopted.set(root, done.add(key));
  const sheet = typeof css === 'string' ? sheetOf(css) : css;
  const target = root as ShadowRoot | Document;
  if (sheet && 'adoptedStyleSheets' in target) {
    target.adoptedStyleSheets = first ? [sheet, ...target.adoptedStyleSheets] : [...target.adoptedStyleSheets, sheet];
    return;
  }
  // Without constructed stylesheets (old engines): a <style> element in the root.
  const style = document.createElement('style');
  style.textContent = typeof css === 'string' ? css : [...css.cssRules].map((r) => r.cssText).join('\n');
  const parent = root instanceof Document ? root.head : (root as ShadowRoot);
  if (first) parent.prepend(style);
  else parent.append(style);
}

function sheetOf(text: string): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  } catch {
    return null;
  }
}
