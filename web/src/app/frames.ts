// The frame scheduler of one element: at most one paint and one worker tick per display
// frame, a tick sent as soon as the previous answer is in (the worker never waits for a
// frame, and "epochs per frame" keeps its meaning; at maximum speed ticks follow each other
// without waiting for frames at all), and no frames at all while nothing
// changes and nothing trains. Under prefers-reduced-motion the view is redrawn a few times
// a second rather than every frame (training goes on at full speed).

/** The least time between two paints when the reader asks for less motion. */
const REDUCED_PAINT_MS = 250;

export interface FrameHooks {
  /** Draws the latest snapshot. */
  paint(): void;
  /** Whether a tick may be sent now (a network is built, the element is connected). */
  canTick(): boolean;
  /** Whether the next tick trains (playing, or a step queued). */
  training(): boolean;
  /** Sends one tick; resolves true when its answer was taken (then the next may go at once). */
  tick(): Promise<boolean>;
  /** Whether to keep asking for frames (while playing). */
  running(): boolean;
  /**
   * Whether the next tick may go as soon as the answer is in, in the same frame (playing at
   * maximum speed: the worker then trains while the page paints, and a large network's tick,
   * longer than a frame, does not wait for the next one). Default: one tick per frame.
   */
  unpaced?(): boolean;
}

export class FrameScheduler {
  #hooks: FrameHooks;
  #raf = 0;
  /** A paint is due (a snapshot arrived, or what is drawn changed). */
  #fresh = false;
  /** A tick is due without training (the view needs evaluating again). */
  #dirty = true;
  #inFlight = false;
  #tickedThisFrame = false;
  #active = false;
  #reduced: MediaQueryList | null = null;
  #lastPaint = -Infinity;

  constructor(hooks: FrameHooks) {
    this.#hooks = hooks;
  }

  /** Frames may run (the element is connected). */
  start(): void {
    this.#active = true;
    this.#reduced ??= globalThis.matchMedia?.('(prefers-reduced-motion: reduce)') ?? null;
  }

  stop(): void {
    this.#active = false;
    cancelAnimationFrame(this.#raf);
    this.#raf = 0;
    this.#inFlight = false;
  }

  /** Asks for a frame, if none is pending. */
  kick(): void {
    if (!this.#raf && this.#active) this.#raf = requestAnimationFrame(this.#frame);
  }

  /** Paint on the next frame. */
  repaint(): void {
    this.#fresh = true;
    this.kick();
  }

  /** Evaluate the view again (one tick without training) and paint it. */
  refresh(): void {
    this.#dirty = true;
    this.kick();
  }

  #frame = (): void => {
    this.#raf = 0;
    this.#tickedThisFrame = false;
    const now = performance.now();
    const held = this.#fresh && this.#reduced?.matches === true && now - this.#lastPaint < REDUCED_PAINT_MS;
    if (this.#fresh && !held) {
      this.#fresh = false;
      this.#lastPaint = now;
      this.#hooks.paint();
    }
    this.maybeTick();
    if (this.#hooks.running() || held) this.kick();
  };

  /** Sends a tick if one is due, none is in flight and none went this frame. */
  maybeTick(): void {
    if (this.#tickedThisFrame || this.#inFlight || !this.#hooks.canTick()) return;
    if (!(this.#hooks.training() || this.#dirty)) return;
    this.#tickedThisFrame = true;
    this.#dirty = false;
    this.#inFlight = true;
    void this.#hooks.tick().then(
      (taken) => {
        this.#inFlight = false;
        if (taken) {
          this.#fresh = true;
          if (this.#hooks.unpaced?.()) this.#tickedThisFrame = false;
          this.maybeTick();
        }
        this.kick();
      },
      () => {
        this.#inFlight = false;
      },
    );
  }
}
