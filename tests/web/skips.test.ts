// Residual ("skip") connections as settings: which hidden layers may have one, the hash's
// `skip` key (old hashes without it read as before, a bad one is refused naming the layer),
// the layers' config the worker gets, and a core network built from it.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
import { networkConfig } from '../../web/src/app/setup.js';
import { fitSkips, skipProblem, toggleSkip } from '../../web/src/app/skips.js';
import { parseHash, serializeHash } from '../../web/src/app/state.js';
import { catalog } from './support/catalog.js';

describe('skip connections', () => {
  it('are allowed from the second hidden layer on, between equally wide layers', () => {
    expect(skipProblem([4, 4], 1)).toBe('first');
    expect(skipProblem([4, 4], 2)).toBeNull();
    expect(skipProblem([4, 2], 2)).toBe('width');
    expect(skipProblem([4, 4], 3)).toBe('first');  // no such hidden layer
    expect(fitSkips([6, 6, 4, 4], [4, 2, 3, 2])).toEqual([2, 4]);
    expect(toggleSkip([2], 4)).toEqual([2, 4]);
    expect(toggleSkip([2, 4], 2)).toEqual([4]);
  });

  it('round-trip through the hash as `skip`; a hash without it has none; a bad one is refused by name', () => {
    const old = parseHash('#layers=8,8,8', catalog);
    expect(old.problems).toEqual([]);
    expect(old.state.skips).toEqual([]);
    const { state, problems } = parseHash('#layers=8,8,8&skip=2,3', catalog);
    expect(problems).toEqual([]);
    expect(state.skips).toEqual([2, 3]);
    expect(serializeHash(state)).toContain('skip=2,3');
    expect(parseHash('#' + serializeHash(state), catalog).state.skips).toEqual([2, 3]);
    const bad = parseHash('#layers=8,4&skip=2', catalog);
    expect(bad.problems.join(' ')).toMatch(/skip.*layer 2/);
    expect(bad.state.skips).toEqual([]);
    // The attribute spelling reads the same.
    expect(parseHash('#layers=3,3&skip=2', catalog).state.skips).toEqual([2]);
  });

  it('become residual layers of the network config, which the core builds and trains', async () => {
    const { state } = parseHash('#layers=5,5,5&skip=2,3', catalog);
    const config = networkConfig(state, catalog);
    expect(config.layers.map((l) => ('residual' in l ? l.residual === true : false))).toEqual([false, true, true, false]);
    const core = await loadCore();
    const net = core.createNetwork(config);
    expect(net.layers.map((l) => l.residual === true)).toEqual([false, true, true, false]);
    net.dispose();
  });
});
