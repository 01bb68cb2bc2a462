// The gate the element's methods wait at (web/src/app/calls.ts): calls before a network run
// once it is built, in call order; one that starts a build holds the rest back for it; a
// failure rejects what waits and what comes, until a build starts again.
import { describe, expect, it } from 'vitest';
import { CallGate } from '../../web/src/app/calls.js';

const settled = <T>(p: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> =>
  p.then((value) => ({ ok: true as const, value }), (e: Error) => ({ ok: false as const, error: e.message }));

describe('CallGate', () => {
  it('holds calls until open, then runs them in call order with their results', async () => {
    const gate = new CallGate();
    const ran: string[] = [];
    const a = gate.run(() => (ran.push('a'), 1));
    const b = gate.run(async () => (ran.push('b'), 2));
    const c = gate.run(() => (ran.push('c'), 'three'));
    expect(ran).toEqual([]);
    expect(gate.waiting).toBe(3);
    gate.open();
    expect(ran).toEqual(['a', 'b', 'c']);
    expect(await Promise.all([a, b, c])).toEqual([1, 2, 'three']);
    // Open: a call runs at once.
    void gate.run(() => ran.push('d'));
    expect(ran).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a call that closes the gate (reset starts a build) holds the later ones for that build', () => {
    const gate = new CallGate();
    const ran: string[] = [];
    void gate.run(() => ran.push('setWeight'));
    void gate.run(() => {
      ran.push('reset');
      gate.close();
    });
    void gate.run(() => ran.push('step'));
    gate.open();
    expect(ran).toEqual(['setWeight', 'reset']);
    expect(gate.waiting).toBe(1);
    // A call made now waits behind the one already waiting.
    void gate.run(() => ran.push('play'));
    gate.open();
    expect(ran).toEqual(['setWeight', 'reset', 'step', 'play']);
  });

  it('fail() rejects what waits and every later call until a build starts; an error thrown by a call is its own', async () => {
    const gate = new CallGate();
    const waiting = [gate.run(() => 1), gate.run(() => 2)].map(settled);
    gate.fail(new Error('the element was removed from the page'));
    expect(await Promise.all(waiting)).toEqual([
      { ok: false, error: 'the element was removed from the page' },
      { ok: false, error: 'the element was removed from the page' },
    ]);
    expect(await settled(gate.run(() => 3))).toEqual({ ok: false, error: 'the element was removed from the page' });
    expect(gate.state.kind).toBe('failed');
    gate.close();
    const later = settled(gate.run(() => 4));
    gate.open();
    expect(await later).toEqual({ ok: true, value: 4 });
    expect(await settled(gate.run(() => { throw new Error('out of range'); }))).toEqual({ ok: false, error: 'out of range' });
    expect(await settled(gate.run(() => Promise.reject(new Error('rejected'))))).toEqual({ ok: false, error: 'rejected' });
  });

  it('reject() fails what waits but keeps the state (a failed rebuild with the old network still there)', async () => {
    const gate = new CallGate();
    gate.open();
    gate.close();
    const waiting = settled(gate.run(() => 'never'));
    gate.reject(new Error('could not build'));
    expect(await waiting).toEqual({ ok: false, error: 'could not build' });
    expect(gate.state.kind).toBe('waiting');
    gate.open();
    expect(await settled(gate.run(() => 'runs'))).toEqual({ ok: true, value: 'runs' });
  });
});
