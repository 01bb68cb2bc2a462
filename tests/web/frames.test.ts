// The frame loop under prefers-reduced-motion: the view is painted a few times a second
// instead of every frame (fake animation frames and clock: counts, not durations).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameScheduler } from '../../web/src/app/frames.js';

function paintsPerSecond(reduced: boolean): number {
  // Node has no animation frames: one every 1000/60 ms of a fake clock.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 1000 / 60));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  vi.stubGlobal('matchMedia', (q: string) => ({ matches: reduced && q === '(prefers-reduced-motion: reduce)' }));
  let paints = 0;
  const frames = new FrameScheduler({ paint: () => paints++, canTick: () => false, training: () => false, tick: async () => false, running: () => true });
  frames.start();
  for (let i = 0; i < 60; i++) {
    frames.repaint();  // a new snapshot every frame, as while training
    vi.advanceTimersByTime(1000 / 60);
  }
  frames.stop();
  return paints;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Ticks sent in one second of fake frames when each answer takes 5 ms. */
async function ticksPerSecond(unpaced: boolean): Promise<number> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 1000 / 60));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
  vi.stubGlobal('matchMedia', () => ({ matches: false }));
  let ticks = 0;
  const tick = (): Promise<boolean> => new Promise((done) => setTimeout(() => done(true), 5)).then(() => (ticks++, true));
  const frames = new FrameScheduler({ paint: () => {}, canTick: () => true, training: () => true, tick, running: () => true, unpaced: () => unpaced });
  frames.start();
  frames.kick();
  await vi.advanceTimersByTimeAsync(1000);
  frames.stop();
  return ticks;
}

describe('the frame loop', () => {
  it('sends one tick per frame, or, unpaced (maximum speed), the next as soon as an answer is in', async () => {
    const paced = await ticksPerSecond(false);
    expect(paced).toBeGreaterThanOrEqual(55);
    expect(paced).toBeLessThanOrEqual(62);  // 60 frames, and the first tick and the last one in flight
    // 5 ms per answer: about 200 a second, never waiting for a frame.
    expect(await ticksPerSecond(true)).toBeGreaterThanOrEqual(150);
  });

  it('paints every frame normally, and at most 4 times a second with reduced motion', () => {
    expect(paintsPerSecond(false)).toBeGreaterThanOrEqual(59);
    const reduced = paintsPerSecond(true);
    expect(reduced).toBeGreaterThanOrEqual(3);
    expect(reduced).toBeLessThanOrEqual(5);
  });
});
