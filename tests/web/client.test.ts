// The calls to the training worker in flight (web/src/app/client.ts, PendingCalls): each
// keeps its rejecter only until it settles (a soak of the largest network found the page
// heap growing 250 KiB a minute when every call raced one long-lived "worker gone"
// promise); the worker's death rejects every call in flight and none that has settled; a
// wasm trap becomes the stop error.
import { describe, expect, it } from 'vitest';
import { PendingCalls } from '../../web/src/app/client.js';

const outcome = <T>(p: Promise<T>): Promise<string> => p.then((v) => `ok ${String(v)}`, (e: Error) => `${e.name}: ${e.message}`);

describe('PendingCalls', () => {
  it('forgets every call that settles, resolved or rejected', async () => {
    const calls = new PendingCalls();
    const done: Promise<string>[] = [];
    for (let i = 0; i < 10_000; i++) done.push(outcome(calls.run(i % 10 === 0 ? Promise.reject(new RangeError(`bad ${i}`)) : Promise.resolve(i), () => new Error('fault'))));
    expect(calls.size).toBe(10_000);
    const results = await Promise.all(done);
    expect(calls.size).toBe(0);
    expect(results[3]).toBe('ok 3');
    expect(results[20]).toBe('RangeError: bad 20');
  });

  it('rejects the calls in flight when the worker stops, and only those', async () => {
    const calls = new PendingCalls();
    let finish!: (v: string) => void;
    const early = outcome(calls.run(Promise.resolve('early'), () => new Error('fault')));
    const hanging = outcome(calls.run(new Promise<string>((r) => (finish = r)), () => new Error('fault')));
    expect(await early).toBe('ok early');
    expect(calls.size).toBe(1);
    calls.rejectAll(Object.assign(new Error('the training worker stopped (closed)'), { name: 'WorkerStoppedError' }));
    finish('too late');
    expect(await hanging).toBe('WorkerStoppedError: the training worker stopped (closed)');
    expect(calls.size).toBe(0);
  });

  it('a wasm trap is handed to the fault handler, whose error the call rejects with', async () => {
    const calls = new PendingCalls();
    const trap = Object.assign(new Error('unreachable'), { name: 'RuntimeError' });
    const seen: string[] = [];
    const r = outcome(calls.run(Promise.reject(trap), (e) => (seen.push(e.message), new Error('stopped: RuntimeError: unreachable'))));
    expect(await r).toBe('Error: stopped: RuntimeError: unreachable');
    expect(seen).toEqual(['unreachable']);
    expect(calls.size).toBe(0);
  });
});
