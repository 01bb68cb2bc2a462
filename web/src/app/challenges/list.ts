// The challenges: tasks with a goal, each a link (`challenge=<id>` in the hash) whose setup
// is the link's starting point. A goal is a list of rules checked live on the latest
// snapshot: constraints on the network that was built (the snapshot's, so changing a
// control does not count until the network is rebuilt from it), the data it must be
// trained on (no easier dataset), and test-set metrics (memorising the training points does
// not pass). Their words are in the catalogs (`challenge.<id>.*`). Pure.
import type { PlaygroundSnapshot } from '../api.js';

/**
 * What a rule sees: the settings now (the fields it reads; a PlaygroundState, which the
 * settings table, importing the ids from here, cannot be named by) and the latest snapshot.
 */
export interface ChallengeInput {
  state: { readonly dataset: string; readonly optimizer: string; readonly loss: string };
  snapshot: PlaygroundSnapshot;
}

/** One rule of a goal: its message key (`challenge-rule.<kind>`, with its value) and its check. */
export interface Rule {
  kind: 'dataset' | 'maxNeurons' | 'layers' | 'minLayers' | 'noHidden' | 'features' | 'optimizer' | 'testAccuracy' | 'testRmse';
  value: string | number;
  ok(x: ChallengeInput): boolean;
}

export interface Challenge {
  id: string;
  /** Settings (URL-hash format) the link starts from; the hash's own fields win. */
  setup: string;
  rules: readonly Rule[];
  /** The idea it teaches (the thesis of the lessons it belongs to). */
  idea: 'bend' | 'capacity' | 'prior' | 'data';
}

const hiddenOf = (s: PlaygroundSnapshot): number[] => s.network.layers.slice(0, -1).map((l) => l.units);

// ---- rules -----------------------------------------------------------------------------------

function dataset(name: string): Rule {
  // The built data too: the snapshot's hash names the dataset the network was trained on.
  return { kind: 'dataset', value: name, ok: ({ state, snapshot }) => state.dataset === name && new URLSearchParams(snapshot.hash).get('dataset') === name };
}
function maxNeurons(n: number): Rule {
  return { kind: 'maxNeurons', value: n, ok: ({ snapshot }) => hiddenOf(snapshot).reduce((a, b) => a + b, 0) <= n };
}
function layers(n: number): Rule {
  return { kind: 'layers', value: n, ok: ({ snapshot }) => hiddenOf(snapshot).length === n };
}
function minLayers(n: number): Rule {
  return { kind: 'minLayers', value: n, ok: ({ snapshot }) => hiddenOf(snapshot).length >= n };
}
const noHidden: Rule = { kind: 'noHidden', value: 0, ok: ({ snapshot }) => hiddenOf(snapshot).length === 0 };
function onlyFeatures(names: readonly string[]): Rule {
  return { kind: 'features', value: names.join(', '), ok: ({ snapshot }) => snapshot.network.features.every((f) => names.includes(f)) };
}
function optimizer(name: string): Rule {
  return { kind: 'optimizer', value: name, ok: ({ state, snapshot }) => state.optimizer === name && new URLSearchParams(snapshot.hash).get('opt') === name };
}
/** Test accuracy of at least `pct` percent (the test set: points the network never trained on). */
function testAccuracy(pct: number): Rule {
  return { kind: 'testAccuracy', value: pct, ok: ({ snapshot }) => !snapshot.diverged && snapshot.testAccuracy * 100 >= pct };
}
/** Root mean squared error on the test set (√ of the mse test loss) below `max`. */
function testRmse(max: number): Rule {
  return { kind: 'testRmse', value: max, ok: ({ state, snapshot }) => state.loss === 'mse' && !snapshot.diverged && Math.sqrt(snapshot.testLoss) < max };
}

// ---- the list ----------------------------------------------------------------------------------

export const CHALLENGES: readonly Challenge[] = [
  { id: 'gauss-line', idea: 'bend', setup: 'dataset=gauss&noise=20&layers=4&act=tanh', rules: [dataset('gauss'), noHidden, testAccuracy(95)] },
  { id: 'xor-no-hidden', idea: 'bend', setup: 'dataset=xor&layers=&features=x1,x2', rules: [dataset('xor'), noHidden, testAccuracy(95)] },
  { id: 'circle-bend', idea: 'bend', setup: 'dataset=circle&layers=4,4&act=linear&features=x1,x2', rules: [dataset('circle'), onlyFeatures(['x1', 'x2']), testAccuracy(95)] },
  { id: 'spiral-8', idea: 'prior', setup: 'dataset=spiral&layers=8,8,8&act=tanh', rules: [dataset('spiral'), maxNeurons(8), testAccuracy(90)] },
  { id: 'moons-4', idea: 'capacity', setup: 'dataset=moons&noise=10&layers=1&act=tanh', rules: [dataset('moons'), maxNeurons(4), testAccuracy(97)] },
  { id: 'xsinx-fit', idea: 'capacity', setup: 'dataset=x-sin-x&layers=4&act=tanh', rules: [dataset('x-sin-x'), layers(1), testRmse(0.05)] },
  { id: 'abs-two', idea: 'prior', setup: 'dataset=abs&layers=2&act=tanh', rules: [dataset('abs'), maxNeurons(2), testRmse(0.05)] },
  { id: 'spiral-k-sgd', idea: 'data', setup: 'dataset=spiral-k&classes=3&layers=16,16&act=relu&opt=sgd', rules: [dataset('spiral-k'), optimizer('sgd'), testAccuracy(95)] },
  { id: 'deep-8', idea: 'capacity', setup: 'dataset=circle&layers=4,4,4,4,4,4,4,4&act=sigmoid&init=classic', rules: [dataset('circle'), minLayers(8), testAccuracy(95)] },
  { id: 'big-lr', idea: 'capacity', setup: 'dataset=moons&layers=16,16,16&act=relu&lr=10', rules: [dataset('moons'), minLayers(3), testAccuracy(97)] },
];

export const CHALLENGE_IDS: readonly string[] = CHALLENGES.map((c) => c.id);

export function challengeById(id: string | undefined): Challenge | undefined {
  return CHALLENGES.find((c) => c.id === id);
}

/** Each rule's state, and whether the goal is met (every rule holds on a live network). */
export function check(c: Challenge, x: ChallengeInput): { rules: boolean[]; met: boolean } {
  const rules = c.rules.map((r) => r.ok(x));
  return { rules, met: rules.every(Boolean) && x.snapshot.epoch > 0 };
}
