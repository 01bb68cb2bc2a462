// A part of a panel that is a chunk of its own, fetched the first time it is shown (or when
// the element's first render needs it: Panel.prepare), so the page's first load does not
// carry it. Until it is in, the panel renders without it and renders again once it arrives.
import type { PanelHost } from '../host.js';

export interface LazyPart<M> {
  /** The module, or null until it is in. */
  readonly module: M | null;
  /** Fetches it once (again after a failed fetch). */
  load(): Promise<M>;
  /** Panel.prepare's answer: its fetch when `shown` and not in, else null. */
  prepare(shown: boolean): Promise<M> | null;
  /** `show(module)` once it is in; else null, and the host renders again when it is. */
  render<T>(h: PanelHost, show: (m: M) => T): T | null;
}

export function lazyPart<M>(fetch: () => Promise<M>): LazyPart<M> {
  let module: M | null = null;
  let loading: Promise<M> | null = null;
  const load = (): Promise<M> =>
    (loading ??= fetch().then(
      (m) => (module = m),
      (e: unknown) => {
        loading = null;
        throw e;
      },
    ));
  return {
    get module() { return module; },
    load,
    prepare: (shown) => (shown && !module ? load() : null),
    render(h, show) {
      if (module) return show(module);
      load().then(() => h.setUi({}), () => {});  // the element's notice says why (Panel.prepare), or the next render tries again
      return null;
    },
  };
}

/**
 * The lazy chunks the element's first render shows (panels' `prepare`, the element's own, e.g.
 * the digits' editors, a challenge's banner): `in` says whether they are in, and calls
 * `arrived` when one it waited for is, so the first render waits for them and nothing moves
 * in later. A failed fetch does not hold the page: `failed` says why and it renders without
 * that part. Once in (or failed), later parts render when they arrive (LazyPart.render).
 */
export class FirstRenderParts {
  #ready = false;
  readonly #awaited = new WeakSet<Promise<unknown>>();

  constructor(private readonly arrived: () => void, private readonly failed: (e: unknown) => void) {}

  in(waits: () => Promise<unknown>[]): boolean {
    if (this.#ready) return true;
    const pending = waits();
    if (pending.length === 0) return (this.#ready = true);
    for (const w of pending) {
      if (this.#awaited.has(w)) continue;
      this.#awaited.add(w);
      w.then(this.arrived, (e: unknown) => {
        this.#ready = true;
        this.failed(e);
      });
    }
    return false;
  }
}
