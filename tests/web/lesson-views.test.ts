// The pure parts of the lessons' views and pages: the output's line clipped to the
// transformed-space box, region colours, the contributions' y range, the gradient curves,
// number formatting of the collapsed matrix, plot bounds, the language choice, and that
// every lesson has both languages with the same fields.
import { describe, expect, it } from 'vitest';
import { initialLang } from '../../web/src/i18n/lang.js';
import { LESSONS } from '../../web/src/learn/pages/index.js';
import { clipLine } from '../../web/src/view/lesson-figures/space.js';
import { regionColour } from '../../web/src/view/lesson-figures/regions.js';
import { contributionsRange } from '../../web/src/view/lesson-figures/contributions.js';
import { gradientCurves } from '../../web/src/lesson-presets/analysis.js';
import { fmt, sub } from '../../web/src/view/lesson-figures/matrix.js';
import { boundsOf } from '../../web/src/view/lesson-figures/plot.js';

describe('lesson views', () => {
  it('clip the output line w·h + b = 0 to the box', () => {
    const box = { x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] };
    expect(clipLine({ w: [1, 1], b: 0 }, box)).toEqual([-1, 1, 1, -1]);
    expect(clipLine({ w: [1, 0], b: -0.5 }, box)).toEqual([0.5, -1, 0.5, 1]);
    expect(clipLine({ w: [1, 1], b: 5 }, box)).toBeNull();
  });

  it('give neighbouring regions different colours, the same id the same colour', () => {
    const seen = new Set<string>();
    for (let id = 0; id < 40; id++) seen.add(regionColour(id, false).join());
    expect(seen.size).toBe(40);
    expect(regionColour(7, true)).toEqual(regionColour(7, true));
    for (const c of regionColour(3, false)) expect(c).toBeGreaterThanOrEqual(0);
  });

  it('fit the y range to the data and the sum, the parts at most 3× beyond', () => {
    const data = { problem: 'regression' as const, dims: 1 as const, classes: 0, size: 2, x: new Float32Array([0, 1]), y: new Float32Array([-1, 1]) };
    const c = { parts: [Float64Array.from([100, -100])], sum: Float64Array.from([0, 0.5]), bias: 0 };
    const [lo, hi] = contributionsRange(c, data);
    expect(lo).toBeCloseTo(-3 * 1.08);
    expect(hi).toBeCloseTo(3 * 1.08);
    const calm = contributionsRange({ parts: [Float64Array.from([0.5])], sum: Float64Array.from([0]), bias: 0 }, data);
    expect(calm[1]).toBeCloseTo(1.08);
  });

  it('draw cross-entropy pushing hardest where squared error goes quiet', () => {
    const { z, curves } = gradientCurves(8, 161);
    const at = (k: 'bce-sigmoid' | 'mse-sigmoid' | 'mse-tanh', v: number) => curves.get(k)![z.findIndex((x) => Math.abs(x - v) < 1e-9)]!;
    expect(at('bce-sigmoid', -8)).toBeGreaterThan(0.99);
    expect(at('mse-sigmoid', -8)).toBeLessThan(1e-3);
    expect(at('mse-tanh', -8)).toBeLessThan(1e-5);
    expect(at('bce-sigmoid', 8)).toBeLessThan(1e-3);
  });

  it('format the collapsed matrix', () => {
    expect(fmt(-1.23456)).toBe('−1.235');
    expect(fmt(-0.0001)).toBe('0.000');
    expect(sub(12)).toBe('₁₂');
    expect(boundsOf([[0, 0, 2, 4, NaN, 9]], 0)).toEqual({ x: [0, 2], y: [0, 4] });
    expect(boundsOf([])).toEqual({ x: [-1, 1], y: [-1, 1] });
  });
});

describe('the Learn pages', () => {
  it('pick the language from ?lang, else the browser', () => {
    expect(initialLang('?lang=zh', 'en-US')).toBe('zh');
    expect(initialLang('?lang=en', 'zh-CN')).toBe('en');
    expect(initialLang('?lang=fr', 'zh-TW')).toBe('zh');
    expect(initialLang('', 'de')).toBe('en');
  });

  it('have twelve lessons, numbered, each in both languages with the same fields', () => {
    expect(LESSONS.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(LESSONS.map((l) => l.slug)).size).toBe(12);
    for (const l of LESSONS) {
      expect(Object.keys(l.text.zh).sort(), l.slug).toEqual(Object.keys(l.text.en).sort());
      expect(l.text.zh.title).not.toBe(l.text.en.title);
      expect(l.text.zh.title).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
