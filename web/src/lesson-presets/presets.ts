// The settings of every live playground in the lessons, in the URL-hash format (each is an
// element's `config`). tests/web/lesson-presets.test.ts trains each one exactly as the
// element does (the worker's Trainer, to its `stop` epoch) and checks the lesson's claim,
// so what a page shows is what the test proved.

/** Settings shared by the classification presets of lessons 1, 2, 3 and 7 (as in tests/web/lessons.test.ts). */
const ADAM = 'opt=adam&lr=0.03&seed=1';
/** Lesson 10's learning-rate presets, without their rate. */
const DESCENT = 'dataset=sin&dseed=10&features=x1&layers=8&act=tanh&init=xavier&opt=sgd&seed=1&logloss=1&speed=1&stop=200';

export const PRESETS = {
  // 1. One linear layer: no hidden layer, one tanh output = one straight line.
  linearXor: `dataset=xor&dseed=2&layers=&${ADAM}&speed=1&stop=100`,
  linearCircle: `dataset=circle&dseed=2&layers=&${ADAM}&speed=1&stop=100`,
  // 2. Three linear hidden layers of 8: still one straight line.
  deepLinear: `dataset=circle&dseed=2&layers=8,8,8&act=linear&${ADAM}&speed=1&stop=100`,
  // 3. The same kind of stack with tanh bends the boundary.
  tanhXor: `dataset=xor&dseed=2&layers=8,8&act=tanh&${ADAM}&speed=1&stop=150`,
  tanhCircle: `dataset=circle&dseed=2&layers=8,8&act=tanh&${ADAM}&speed=1&stop=150`,
  // 4. A 2-unit last hidden layer: the space it makes is cut by the output's line.
  composition: `dataset=circle&dseed=3&layers=6,2&act=tanh&${ADAM}&speed=1&stop=150`,
  // 5. One hidden layer of N tanh units fits a 1-D function (N set by the page's slider).
  approximation: 'dataset=abs&dseed=4&train=90&features=x1&layers=4&act=tanh&opt=adam&lr=0.01&init=xavier&seed=5&speed=max&stop=1500',
  // 6. ReLU nets of the same size (125 parameters each) on the spiral.
  reluWide: 'dataset=spiral&dseed=6&layers=31&act=relu&init=he&opt=adam&lr=0.03&seed=1&speed=1&stop=100',
  reluDeep: 'dataset=spiral&dseed=6&layers=6,6,8&act=relu&init=he&opt=adam&lr=0.03&seed=1&speed=1&stop=100',
  // 7. Features as a prior.
  squares: `dataset=circle&dseed=7&features=x1sq,x2sq&layers=&${ADAM}&speed=1&stop=100`,
  spiralFlat: `dataset=spiral&dseed=7&layers=&${ADAM}&speed=3&stop=200`,
  spiralDeep: 'dataset=spiral&dseed=7&layers=16,16&act=tanh&opt=adam&lr=0.01&seed=1&speed=3&stop=300',
  spiralSin: `dataset=spiral&dseed=7&features=x1,x2,sinx1,sinx2&layers=8&act=tanh&${ADAM}&speed=3&stop=300`,
  // 10. The digits (the Digits tile's network), 3 epochs; the claims: tests/web/lesson-digits.test.ts.
  images: 'dataset=digits&layers=32&act=relu&loss=softmax-ce&opt=adam&lr=0.001&batch=32&init=he&seed=1&speed=1&stop=3',
  // 8. Forty noisy points, a big network: overfitting; L2 or fewer units rein it in.
  overfit: 'dataset=sin&n=40&noise=30&train=50&dseed=2&features=x1&layers=32,32&act=tanh&opt=adam&lr=0.01&init=xavier&batch=4&seed=1&test=1&logloss=1&speed=max&stop=2000',
  overfitL2: 'dataset=sin&n=40&noise=30&train=50&dseed=2&features=x1&layers=32,32&act=tanh&opt=adam&lr=0.01&init=xavier&batch=4&seed=1&reg=l2&regrate=0.003&test=1&logloss=1&speed=max&stop=2000',
  overfitSmall: 'dataset=sin&n=40&noise=30&train=50&dseed=2&features=x1&layers=4&act=tanh&opt=adam&lr=0.01&init=xavier&batch=4&seed=1&test=1&logloss=1&speed=max&stop=2000',
  // 8. The same network with either loss, started confidently wrong (output bias −8) by the page.
  lossMse: 'dataset=circle&dseed=8&layers=4&act=tanh&loss=mse&opt=sgd&lr=0.03&seed=1&speed=1&stop=100',
  lossBce: 'dataset=circle&dseed=8&layers=4&act=tanh&loss=bce&opt=sgd&lr=0.03&seed=1&speed=1&stop=100',
  // 9. Three seeds, all solve XOR; zoomed out ×10 they disagree.
  farSeed1: 'dataset=xor&dseed=9&layers=8,8&act=tanh&init=xavier&opt=adam&lr=0.03&seed=1&speed=3&stop=200&zoom=10',
  farSeed2: 'dataset=xor&dseed=9&layers=8,8&act=tanh&init=xavier&opt=adam&lr=0.03&seed=2&speed=3&stop=200&zoom=10',
  farSeed3: 'dataset=xor&dseed=9&layers=8,8&act=tanh&init=xavier&opt=adam&lr=0.03&seed=3&speed=3&stop=200&zoom=10',
  // 10. One step by hand: a 1-D fit by 1 → 2 tanh → 1 with plain SGD (the page does the arithmetic of one point).
  handStep: 'dataset=sin&dseed=10&features=x1&layers=2&act=tanh&init=xavier&opt=sgd&lr=0.1&seed=2&speed=1',
  // 10. The same fit with three learning rates: too small crawls, about right descends, too large diverges.
  lrSmall: `${DESCENT}&lr=0.001`,
  lrGood: `${DESCENT}&lr=0.05`,
  lrLarge: `${DESCENT}&lr=1`,
  // 11. Ten tanh layers of 8 on the spiral barely train; the page trains the same network with skips beside it.
  deepTanh: 'dataset=spiral&dseed=11&layers=8,8,8,8,8,8,8,8,8,8&act=tanh&init=classic&opt=sgd&lr=0.03&batch=10&seed=1&logloss=1&speed=3&stop=300',
  // Gradient flow (the element's "Gradient flow" panel; lesson 11, "Why depth is hard to train"): 8 sigmoid
  // layers with classic init, whose first layers get vanishing gradients, against ReLU with He init.
  deepSigmoid: 'dataset=circle&dseed=2&layers=8,8,8,8,8,8,8,8&act=sigmoid&init=classic&opt=sgd&lr=0.1&seed=1&flow=1&speed=10&stop=200',
  deepReluHe: 'dataset=circle&dseed=2&layers=8,8,8,8,8,8,8,8&act=relu&init=he&opt=sgd&lr=0.03&seed=1&flow=1&speed=10&stop=200',
} as const;

export type PresetName = keyof typeof PRESETS;

/** Lesson 8: the output bias that makes both loss presets confidently wrong. */
export const WRONG_BIAS = -8;

/** Lesson 5's slider: hidden units from 1 to 32. */
export const APPROXIMATION_UNITS = { min: 1, max: 32 } as const;

/** A number of a preset's settings (its hash field `key`), for the pages' own computations on the same network. */
export function presetNumber(name: PresetName, key: string): number {
  const v = new URLSearchParams(PRESETS[name]).get(key);
  if (v === null) throw new Error(`preset ${name} has no ${key}`);
  return Number(v);
}
