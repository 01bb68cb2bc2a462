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

describe('the frame loop', () => {
  it('paints every frame normally, and at most 4 times a second with reduced motion', () => {
    expect(paintsPerSecond(false)).toBeGreaterThanOrEqual(59);
    const reduced = paintsPerSecond(true);
    expect(reduced).toBeGreaterThanOrEqual(3);
    expect(reduced).toBeLessThanOrEqual(5);
  });
});
