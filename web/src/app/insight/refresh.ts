// How the learning panels follow training without costing the page: they listen to their
// playground's events and fetch from the worker at most once per interval, one fetch at a
// time (an ask while one runs queues exactly one more). The panels draw a few times a
// second at most, whatever the frame rate.

/** Runs `run` when asked, no more often than every `everyMs`, never two at once. */
export class Refresher {
  #run: () => Promise<void>;
  #everyMs: number;
  #busy = false;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #last = -Infinity;
  #stopped = false;

  constructor(run: () => Promise<void>, everyMs: number) {
    this.#run = run;
    this.#everyMs = everyMs;
  }

  ask(): void {
    this.#stopped = false;
    if (this.#busy) {
      this.#again = true;
      return;
    }
    if (this.#timer !== null) return;
    const wait = Math.max(0, this.#last + this.#everyMs - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#go();
    }, wait);
  }

  async #go(): Promise<void> {
    if (this.#stopped) return;
    this.#busy = true;
    this.#last = performance.now();
    try {
      await this.#run();
    } finally {
      this.#busy = false;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        this.ask();
      }
    }
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#again = false;
  }
}

/** The <mlp-playground> a panel's custom element renders in (its shadow root's host), or null. */
export function playgroundOf(el: Element): HTMLElement | null {
  const root = el.getRootNode();
  return root instanceof ShadowRoot && root.host instanceof HTMLElement ? root.host : null;
}
