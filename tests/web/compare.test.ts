// Compare mode's settings: the `compare` value round-trips through the hash for any valid
// networks (fast-check, against the serializer), keeps its separators readable in a link,
// falls back field by field (with a message naming the network and the setting), refuses
// more than four networks, and turns into each network's full state and its differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differences, netState, networkStates } from '../../web/src/app/compare/nets.js';
import { type CompareNet, MAX_NETWORKS, SETTINGS } from '../../web/src/app/settings.js';
import { defaultState, type PlaygroundState, parseHash, serializeHash } from '../../web/src/app/state.js';
import { english as en, loadLang } from '../../web/src/i18n/messages.js';
import { catalog } from './support/catalog.js';

const layers = fc.array(fc.integer({ min: 1, max: 32 }), { maxLength: 4 });
const activation = fc.constantFrom(...catalog.hiddenActivations);
const features2D = fc.subarray([...catalog.featuresFor(2)], { minLength: 1 });
const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

/** A base network (2-D classification, two classes: every loss is allowed) and up to three others. */
const setting = fc
  .record({ hidden: layers, act: activation })
  .chain(({ hidden, act }) =>
    fc.record({
      base: fc.constant({ ...defaultState(), dataset: 'xor', hidden, activations: hidden.map(() => act) } as PlaygroundState),
      nets: fc.array(net(hidden.length), { maxLength: MAX_NETWORKS - 1 }),
    }),
  );

/** One other network: any non-empty set of overrides, each a value its row reads back as such. */
function net(baseLayers: number): fc.Arbitrary<CompareNet> {
  return fc
    .record(
      {
        features: features2D,
        hidden: layers,
        activations: activation,
        loss: pick(['mse', 'bce', 'softmax-ce'] as const),
        optimizer: pick(catalog.optimizers),
        learningRate: pick(SETTINGS.learningRate.suggested!),
        batchSize: fc.integer({ min: 1, max: 1000 }),
        regularization: pick(catalog.regularizations),
        regRate: pick(SETTINGS.regRate.suggested!),
        clipNorm: pick(SETTINGS.clipNorm.suggested!),
        init: pick(catalog.inits),
      },
      { requiredKeys: [] },
    )
    .filter((n) => Object.keys(n).length > 0)
    .map((n) => {
      const { activations: act, ...rest } = n;
      const out: CompareNet = { ...rest };
      // The activations as the parser gives them: one per layer of this network.
      if (act !== undefined) out.activations = Array.from({ length: (n.hidden ?? { length: baseLayers }).length }, () => act);
      if (out.activations?.length === 0) delete out.activations;
      return Object.keys(out).length > 0 ? out : { optimizer: 'adam' };
    });
}

describe('the compare setting', () => {
  it('round-trips any valid networks through the hash (fast-check)', () => {
    fc.assert(
      fc.property(setting, ({ base, nets }) => {
        const s: PlaygroundState = { ...base, compare: nets };
        const hash = serializeHash(s);
        const { state, problems } = parseHash(hash, catalog);
        expect(problems).toEqual([]);
        expect(state.compare).toEqual(nets);
        expect(state).toEqual(s);
      }),
      { numRuns: 300 },
    );
  });

  it('writes its separators as they are, and a list with ";"', () => {
    const s: PlaygroundState = { ...defaultState(), compare: [{ optimizer: 'adam' }, { hidden: [8, 8], activations: ['relu', 'relu'], learningRate: 0.1 }] };
    expect(serializeHash(s)).toMatch(/&compare=opt:adam\|layers:8;8,act:relu,lr:0\.1$/);
    // A hash may spell a setting by its attribute name, as at the top level.
    expect(parseHash('compare=optimizer:adam|learning-rate:0.1', catalog).state.compare).toEqual([{ optimizer: 'adam' }, { learningRate: 0.1 }]);
  });

  it('falls back field by field, naming the network and the setting', () => {
    const { state, problems } = parseHash('dataset=xor&compare=opt:adamx,lr:0.1|bogus:1,seed:3|layers:4;x', catalog);
    expect(state.compare).toEqual([{ learningRate: 0.1 }]);
    expect(problems).toEqual([
      'compare: network 2: opt: "adamx" must be one of sgd, momentum, adam; using the first network\'s',
      'compare: network 3: unknown setting "bogus" ignored',
      'compare: network 3: seed: the networks share the data, the seed and the view; ignored',
      'compare: network 3: no setting of its own left; left out',
      'compare: network 4: layers: "4;x" must be an integer in [1, 32]; using the first network\'s',
      'compare: network 4: no setting of its own left; left out',
    ]);
    const more = parseHash('dataset=xor&compare=lr,act:relu;relu;relu,opt:adam', catalog);
    expect(more.state.compare).toEqual([{ optimizer: 'adam' }]);
    expect(more.problems).toEqual([
      'compare: network 2: "lr" is not key:value; ignored',
      'compare: network 2: act: "relu;relu;relu" must list one activation or one per hidden layer (2); using the first network\'s',
    ]);
  });

  it('refuses more than four networks and keeps the rest of the hash', () => {
    const { state, problems } = parseHash('lr=0.1&compare=opt:adam|opt:momentum|lr:0.3|lr:1', catalog);
    expect(state.compare).toEqual([]);
    expect(state.learningRate).toBe(0.1);
    expect(problems).toEqual(['compare: "opt:adam|opt:momentum|lr:0.3|lr:1" lists 5 networks; at most 4 can be compared (3 besides the first); using none']);
  });

  it('makes each network a full, consistent state, and lists what it changes (in both languages)', async () => {
    const base: PlaygroundState = { ...defaultState(), dataset: 'xor', hidden: [4, 2], activations: ['tanh', 'sigmoid'], compare: [{ hidden: [8, 8, 8] }, { optimizer: 'adam', learningRate: 0.1 }] };
    const [first, deeper, adam] = networkStates(base, catalog);
    expect(first).toBe(base);
    // New layers keep the first network's activations (the last one repeated), as the controls do.
    expect(deeper).toMatchObject({ hidden: [8, 8, 8], activations: ['tanh', 'sigmoid', 'sigmoid'], compare: [], dataset: 'xor', seed: base.seed });
    expect(adam).toMatchObject({ hidden: [4, 2], optimizer: 'adam', learningRate: 0.1, compare: [] });
    expect(differences(base.compare[1]!, en)).toEqual(['Optimizer: Adam', 'Learning rate: 0.1']);
    expect(differences({ hidden: [8, 8], activations: ['relu', 'relu'] }, en)).toEqual(['Hidden layers: 8 – 8', 'Activation: ReLU']);
    expect(differences(base.compare[1]!, await loadLang('zh'))).toEqual(['优化器：Adam', '学习率：0.1']);
    // A loss the data does not allow gives way to the problem's own (1-D data is regression).
    expect(netState({ ...base, dataset: 'sin', features: ['x1'] }, { loss: 'bce' }, catalog).loss).toBe('mse');
  });
});
