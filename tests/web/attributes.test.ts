// The element's setting attributes: how they combine with the `config` attribute and patch
// a live instance's settings (a new dataset takes its defaults, new layers keep their
// activations), and the zoom / stop settings they share with the URL hash.
import { describe, expect, it } from 'vitest';
import { attributePatch, hashPairs, overlay, SETTING_ATTRIBUTES } from '../../web/src/app/attributes.js';
import { shapeOf } from '../../web/src/app/problem.js';
import { viewDomain } from '../../web/src/app/scales.js';
import { defaultState, HASH_KEYS, parseHash, serializeHash } from '../../web/src/app/state.js';
import { catalog } from './support/catalog.js';

const parse = (hash: string) => {
  const r = parseHash(hash, catalog);
  expect(r.problems).toEqual([]);
  return r.state;
};

describe('setting attributes', () => {
  it('cover every hash key but custom data, each with its own attribute', () => {
    const keys = Object.values(SETTING_ATTRIBUTES);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(HASH_KEYS.filter((k) => k !== 'data').sort());
  });

  it('win over config; a bare boolean attribute means on', () => {
    const patch = attributePatch([['learning-rate', '0.1'], ['discretize', ''], ['layers', '8'], ['bogus', 'x']]);
    expect([...patch]).toEqual([['lr', '0.1'], ['discretize', '1'], ['layers', '8']]);
    const s = parse(overlay('dataset=xor&lr=0.003&layers=4,4&act=relu', patch, catalog));
    expect(s.learningRate).toBe(0.1);
    expect(s.discretize).toBe(true);
    expect(s.hidden).toEqual([8]);
    expect(s.activations).toEqual(['relu']);
    expect(s.dataset).toBe('xor');
  });

  it('keep mixed activations when the layers change', () => {
    const s = parse(overlay('layers=4,4&act=relu,tanh', new Map([['layers', '4,4,4']]), catalog));
    expect(s.activations).toEqual(['relu', 'tanh', 'tanh']);
    expect(parse(overlay('layers=4,4&act=relu,tanh', new Map([['layers', '2']]), catalog)).activations).toEqual(['relu']);
    expect(parse(overlay('layers=4,4&act=relu,tanh', new Map([['layers', '']]), catalog)).hidden).toEqual([]);
  });

  it('give a new dataset its own points, loss and (1-D) features', () => {
    const base = serializeHash({ ...defaultState(), dataset: 'spiral-k', loss: 'softmax-ce', samples: 900, features: ['x1', 'x2', 'sinx2'] });
    const s = parse(overlay(base, new Map([['dataset', 'sin']]), catalog));
    expect(s.dataset).toBe('sin');
    expect(s.samples).toBe(200);
    expect(s.loss).toBe('mse');
    expect(s.features).toEqual(['x1']);
    // Same dimensions: the features stay.
    expect(parse(overlay(base, new Map([['dataset', 'xor']]), catalog)).features).toEqual(['x1', 'x2', 'sinx2']);
    // The same dataset again changes nothing.
    expect(parse(overlay(base, new Map([['dataset', 'spiral-k']]), catalog)).samples).toBe(900);
  });

  it('pass hostile values to parseHash, which refuses them field by field', () => {
    const r = parseHash(overlay('', new Map([['lr', '<script>'], ['seed', '3']]), catalog), catalog);
    expect(r.state.learningRate).toBe(defaultState().learningRate);
    expect(r.state.seed).toBe(3);
    expect(r.problems.join()).toMatch(/^lr: /);
  });

  it('reads hashes as parseHash does (later keys win)', () => {
    expect([...hashPairs('#a=1&b=x%2Cy&a=2')]).toEqual([['a', '2'], ['b', 'x,y']]);
  });
});

describe('zoom and stop', () => {
  it('round-trip through the hash and reject bad values', () => {
    expect(parse('zoom=10&stop=150')).toMatchObject({ zoom: 10, stopEpoch: 150 });
    const r = parseHash('zoom=0&stop=-1', catalog);
    expect(r.state).toMatchObject({ zoom: 1, stopEpoch: 0 });
    expect(r.problems).toHaveLength(2);
  });

  it('zoom widens the view about its centre (only x for 1-D data)', () => {
    const s = { ...defaultState(), zoom: 10 };
    expect(viewDomain(s, shapeOf(s, catalog), null, catalog)).toEqual({ xRange: [-60, 60], yRange: [-60, 60] });
    const d = { ...defaultState(), dataset: 'sin', features: ['x1' as const], zoom: 2 };
    const dom = viewDomain(d, shapeOf(d, catalog), null, catalog);
    expect(dom.xRange[1]).toBeCloseTo(2 * Math.PI, 5);
    expect(dom.yRange).toEqual([-1.2, 1.2]);
  });
});
