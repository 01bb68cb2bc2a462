// What a tick asks the worker for and what the page hands out of a snapshot: thumbnails
// only when asked for (the painter redraws a large network's every ~90 ms), and the public
// snapshot's parameters as copies made when read.
import { describe, expect, it } from 'vitest';
import { thumbsThrottled } from '../../web/src/app/painter.js';
import { shapeOf } from '../../web/src/app/problem.js';
import { viewDomain } from '../../web/src/app/scales.js';
import { setupOf } from '../../web/src/app/setup.js';
import { publicSnapshot, tickRequest } from '../../web/src/app/snapshots.js';
import { defaultState } from '../../web/src/app/state.js';
import { Trainer } from '../../web/src/worker/trainer.js';
import { catalog, core } from './support/catalog.js';

describe('snapshots', () => {
  const state = defaultState();
  const shape = shapeOf(state, catalog);
  const domain = viewDomain(state, shape, null, catalog);
  const request = (thumbs: boolean) => tickRequest({ train: 'play', state, shape, domain, pixels: 40, focus: null, playing: true, thumbs });

  it('asks for thumbnails only when the tick wants them, and the worker then sends none', () => {
    expect(request(true).thumbs).toBeGreaterThan(0);
    expect(request(false).thumbs).toBe(0);
    const t = new Trainer(core);
    const setup = setupOf(state, catalog);
    t.configure(setup, false);
    expect(t.tick(request(false)).thumbs).toBeNull();
    const s = t.tick(request(true)).thumbs!;
    expect(s.layerSizes).toEqual([0, ...state.hidden, 1]);  // no input planes: the painter draws the features from featureGrid
    expect(s.data.length).toBe(s.width * s.height * s.planes);
    t.dispose();
  });

  it('throttles thumbnails only for networks of more than 48 hidden units', () => {
    expect(thumbsThrottled({ ...state, hidden: [8, 8, 8, 8, 8, 8] })).toBe(false);
    expect(thumbsThrottled({ ...state, hidden: Array(10).fill(32) })).toBe(true);
  });

  it('copies the parameters of the public snapshot when they are read, once', () => {
    const t = new Trainer(core);
    const setup = setupOf(state, catalog);
    const built = t.configure(setup, false);
    const snap = t.tick(request(true));
    const pub = publicSnapshot(snap, [], setup, built, domain, '')!;
    const p = pub.parameters;
    expect(p).toBe(pub.parameters);
    expect(p.weights).toEqual(snap.params!.weights);
    expect(p.biases).toEqual(snap.params!.biases);
    expect(p.weights[0]).not.toBe(snap.params!.weights[0]);
    // A page writing into its copy leaves the element's arrays alone.
    p.weights[0]![0] = 123;
    expect(snap.params!.weights[0]![0]).not.toBe(123);
    expect(Object.keys(pub)).toContain('parameters');
    t.dispose();
  });
});
