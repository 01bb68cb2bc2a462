// The frame scheduler of one element: at most one paint and one worker tick per display
// frame, a tick sent as soon as the previous answer is in (the worker never waits for a
// frame, and "epochs per frame" keeps its meaning), and no frames at all while nothing
// changes and nothing trains.

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

  constructor(hooks: FrameHooks) {
    this.#hooks = hooks;
  }

  /** Frames may run (the element is connected). */
  start(): void {
    this.#active = true;
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
    if (this.#fresh) {
      this.#fresh = false;
      this.#hooks.paint();
    }
    this.maybeTick();
    if (this.#hooks.running()) this.kick();
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
