// The challenges' goal checkers on synthetic snapshots: for each challenge a snapshot that
// meets every rule passes; breaking any one rule alone fails it (so each rule counts);
// memorising (training accuracy high, test low) and a network built from other settings
// than the ones shown (changed controls, not yet rebuilt) do not pass. Also: a link
// `challenge=<id>` starts from the challenge's setup, the hash's own fields winning; the
// progress kept in localStorage; every challenge has its words in both catalogs.
import { describe, expect, it } from 'vitest';
import type { PlaygroundSnapshot } from '../../web/src/app/api.js';
import { type Challenge, CHALLENGES, type ChallengeInput, check, type Rule } from '../../web/src/app/challenges/list.js';
import { doneChallenges, markDone } from '../../web/src/app/challenges/progress.js';
import { challengeText, ruleText } from '../../web/src/app/challenges/watch.js';
import { defaultState, parseHash } from '../../web/src/app/state.js';
import { english, loadChallengeMessages, loadLang } from '../../web/src/i18n/messages.js';
import { catalog } from './support/catalog.js';

interface Solution {
  dataset: string;
  optimizer: string;
  loss: string;
  hidden: number[];
  features: string[];
  testAccuracy: number;
  trainAccuracy: number;
  testLoss: number;
  /** The dataset and optimizer the built network was trained with (its snapshot's hash). */
  built: { dataset: string; opt: string };
}

/** A network that meets every rule of `c`. */
function solve(c: Challenge): Solution {
  const s: Solution = { dataset: 'circle', optimizer: 'adam', loss: 'softmax-ce', hidden: [4], features: ['x1', 'x2'], testAccuracy: 0.5, trainAccuracy: 0.5, testLoss: 1, built: { dataset: '', opt: 'adam' } };
  for (const r of c.rules) {
    const v = r.value;
    if (r.kind === 'dataset') s.dataset = String(v);
    if (r.kind === 'maxNeurons') s.hidden = [Number(v)];
    if (r.kind === 'layers') s.hidden = Array.from({ length: Number(v) }, () => 3);
    if (r.kind === 'minLayers') s.hidden = Array.from({ length: Number(v) }, () => 4);
    if (r.kind === 'noHidden') s.hidden = [];
    if (r.kind === 'features') s.features = String(v).split(', ');
    if (r.kind === 'optimizer') s.optimizer = String(v);
    if (r.kind === 'testAccuracy') s.testAccuracy = s.trainAccuracy = Number(v) / 100 + 0.001;
    if (r.kind === 'testRmse') [s.loss, s.testLoss] = ['mse', (Number(v) * 0.9) ** 2];
  }
  s.built = { dataset: s.dataset, opt: s.optimizer };
  return s;
}

/** The same network with rule `r` broken (and nothing else). */
function breakRule(s: Solution, r: Rule): Solution {
  const b: Solution = { ...s, hidden: [...s.hidden], built: { ...s.built } };
  switch (r.kind) {
    case 'dataset': b.dataset = b.built.dataset = r.value === 'circle' ? 'xor' : 'circle'; break;
    case 'maxNeurons': b.hidden = [Number(r.value) + 1]; break;
    case 'layers': b.hidden = [...b.hidden, 3]; break;
    case 'minLayers': b.hidden = b.hidden.slice(1); break;
    case 'noHidden': b.hidden = [1]; break;
    case 'features': b.features = [...b.features, 'sinx1']; break;
    case 'optimizer': b.optimizer = b.built.opt = 'adam'; break;
    case 'testAccuracy': b.testAccuracy = Number(r.value) / 100 - 0.01; break;
    case 'testRmse': b.testLoss = Number(r.value) ** 2 * 1.2; break;
  }
  return b;
}

function input(s: Solution, epoch = 100): ChallengeInput {
  const snapshot = {
    epoch, trainLoss: 0.01, testLoss: s.testLoss, trainAccuracy: s.trainAccuracy, testAccuracy: s.testAccuracy, diverged: false, compare: [],
    network: { features: s.features, layers: [...s.hidden.map((units) => ({ units, activation: 'relu' })), { units: 1, activation: 'tanh' }], loss: s.loss },
    hash: `dataset=${s.built.dataset}&opt=${s.built.opt}&layers=${s.hidden.join(',')}`,
  } as unknown as PlaygroundSnapshot;
  return { state: { dataset: s.dataset, optimizer: s.optimizer, loss: s.loss }, snapshot };
}

describe('the challenges', () => {
  it('has about ten, with distinct ids, each with a goal that can be met', () => {
    expect(CHALLENGES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(CHALLENGES.map((c) => c.id)).size).toBe(CHALLENGES.length);
    for (const c of CHALLENGES) expect(check(c, input(solve(c))), c.id).toEqual({ rules: c.rules.map(() => true), met: true });
  });

  it.each(CHALLENGES.map((c) => [c.id, c] as const))('%s: every rule counts (breaking one alone fails the goal)', (_, c) => {
    const ok = solve(c);
    c.rules.forEach((r, i) => {
      const result = check(c, input(breakRule(ok, r)));
      expect(result.met, `${c.id}: ${r.kind}`).toBe(false);
      expect(result.rules[i], `${c.id}: ${r.kind}`).toBe(false);
    });
    // Nothing trained yet (epoch 0) is not a result.
    expect(check(c, input(ok, 0)).met).toBe(false);
  });

  it.each(CHALLENGES.map((c) => [c.id, c] as const))('%s: cannot be gamed', (_, c) => {
    const ok = solve(c);
    // Memorising: perfect on the training points, not on the test points.
    if (c.rules.some((r) => r.kind === 'testAccuracy')) expect(check(c, input({ ...ok, trainAccuracy: 1, testAccuracy: 0.6 })).met).toBe(false);
    // The controls say the task's dataset, but the network was built (trained) on another.
    expect(check(c, input({ ...ok, built: { ...ok.built, dataset: 'gauss' === ok.dataset ? 'circle' : 'gauss' } })).met).toBe(false);
    // A diverged network does not count, whatever its last metrics were.
    const diverged = input(ok);
    (diverged.snapshot as { diverged: boolean }).diverged = true;
    expect(check(c, diverged).met).toBe(false);
  });

  it('starts a link from the setup, the hash\'s own fields winning', () => {
    const { state, problems } = parseHash('challenge=spiral-8&act=relu', catalog);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ challenge: 'spiral-8', dataset: 'spiral', hidden: [8, 8, 8], activations: ['relu', 'relu', 'relu'] });
    // Every challenge's setup is a valid hash.
    for (const c of CHALLENGES) expect(parseHash(`challenge=${c.id}`, catalog).problems, c.id).toEqual([]);
    expect(parseHash('challenge=nope', catalog).state.challenge).toBe(defaultState().challenge);
  });

  it('keeps met goals in localStorage, and survives a storage that fails', () => {
    const store = new Map<string, string>();
    const fake = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    Object.defineProperty(globalThis, 'localStorage', { value: fake, configurable: true });
    try {
      expect(doneChallenges().size).toBe(0);
      markDone('spiral-8');
      markDone('spiral-8');
      expect([...doneChallenges()]).toEqual(['spiral-8']);
      store.set('mlp-playground:challenges-done', '{not json');
      expect(doneChallenges().size).toBe(0);
      fake.setItem = () => { throw new Error('quota'); };
      expect(() => markDone('deep-8')).not.toThrow();
    } finally {
      Reflect.deleteProperty(globalThis, 'localStorage');
    }
  });

  it('has its title, goal, explanation and rules in both languages', async () => {
    // The English ones are a chunk of their own (en-challenges.ts), added when a challenge shows.
    await loadChallengeMessages();
    const zh = await loadLang('zh');
    for (const m of [english, zh]) {
      for (const c of CHALLENGES) {
        for (const part of ['title', 'goal', 'why'] as const) expect(challengeText(m, c.id, part), `${m.lang} ${c.id} ${part}`).not.toMatch(/^challenge\.|^$/);
        c.rules.forEach((_, i) => expect(ruleText(m, c, i)).not.toMatch(/challenge-rule/));
      }
    }
    expect(challengeText(zh, 'spiral-8', 'title')).toBe('8 个神经元分开螺旋');
    expect(ruleText(zh, CHALLENGES.find((c) => c.id === 'spiral-8')!, 1)).toBe('隐藏神经元总数不超过 8 个');
  });
});
