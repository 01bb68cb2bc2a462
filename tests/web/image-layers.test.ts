// The digits' image layers in the settings (`conv` key, app/image-layers.ts): hashes without
// it read as before, the tokens round-trip, bad tokens and layers that do not fit a 28×28
// digit are refused naming the key and the layer, the key needs the digits, and the
// network the page builds from them has the shapes the core itself computes (real wasm).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCore, type MlpCore } from '../../web/src/core/index.js';
import { imageShapes, type ImageLayer } from '../../web/src/app/image-layers.js';
import { networkConfig, patchState } from '../../web/src/app/setup.js';
import { parseHash, serializeHash } from '../../web/src/app/state.js';
import { catalog } from './support/catalog.js';

const DIGITS = 'dataset=digits&layers=64&act=relu&loss=softmax-ce';

describe('the conv key', () => {
  it('is absent from old hashes, which read as before (no image layers)', () => {
    const { state, problems } = parseHash(DIGITS, catalog);
    expect(problems).toEqual([]);
    expect(state.conv).toEqual([]);
    expect(serializeHash(state)).not.toContain('conv=');
    expect(networkConfig(state, catalog).layers).toEqual([{ units: 64, activation: 'relu' }, { units: 10, activation: 'softmax' }]);
  });

  it('reads conv and pool tokens with their defaults and writes them back', () => {
    const { state, problems } = parseHash(`${DIGITS}&conv=conv8k3,pool,conv16k5s2valid-tanh`, catalog);
    expect(problems).toEqual([]);
    expect(state.conv).toEqual([
      { type: 'conv2d', channels: 8, kernel: 3, stride: 1, padding: 'same', activation: 'relu' },
      { type: 'maxpool', size: 2 },
      { type: 'conv2d', channels: 16, kernel: 5, stride: 2, padding: 'valid', activation: 'tanh' },
    ]);
    expect(serializeHash(state)).toContain('conv=conv8k3,pool,conv16k5s2valid-tanh&');
    expect(parseHash(serializeHash(state), catalog).state.conv).toEqual(state.conv);
  });

  it.each([
    ['conv0k3', /conv: .*conv0k3: must be conv<channels 1-32>k<3 or 5>/],
    ['conv8k4', /conv: .*conv8k4: must be conv/],
    ['conv8k3s3', /conv: .*must be conv/],
    ['conv8k3-softmax', /conv: .*conv8k3-softmax: the activation must be one of .*relu/],
    ['pool,pool,pool,pool,pool', /conv: .*layer 5 \(pool\) does not fit the 1×1 image it gets/],
    ['conv8k5valid,pool,pool,pool,conv4k5valid', /conv: .*layer 5 \(conv4k5valid\) does not fit the 3×3 image it gets/],
    ['pool,pool,pool,pool,pool,pool,pool', /conv: .*at most 6 image layers/],
  ])('refuses %s, naming the key and the reason, and keeps none', (conv, reason) => {
    const { state, problems } = parseHash(`${DIGITS}&conv=${conv}`, catalog);
    expect(problems.join(' ')).toMatch(reason);
    expect(state.conv).toEqual([]);
    expect(state.hidden).toEqual([64]);
  });

  it('needs the digits: refused for 2-D data, and dropped with a note when the digits are left', () => {
    const plane = parseHash('dataset=xor&conv=conv8k3', catalog);
    expect(plane.problems.join(' ')).toMatch(/conv: .*only with dataset=digits/);
    expect(plane.state.conv).toEqual([]);
    const digits = parseHash(`${DIGITS}&conv=conv8k3,pool`, catalog).state;
    const { state, notes } = patchState(digits, { dataset: 'xor', hidden: [4] }, false, catalog);
    expect(state.conv).toEqual([]);
    expect(notes).toContain('conv: image layers removed (only the digits are images)');
  });
});

describe('the network built from them', () => {
  let mlp: MlpCore;
  beforeAll(async () => {
    mlp = await loadCore();
  });

  it('has the shapes imageShapes predicts, as the core computes them', () => {
    for (const conv of ['conv8k3,pool', 'conv4k5valid,pool,conv8k3s2-tanh,pool', 'conv2k5s2valid,conv2k3valid,pool,pool']) {
      const { state, problems } = parseHash(`${DIGITS}&conv=${conv}`, catalog);
      expect(problems, conv).toEqual([]);
      const config = networkConfig(state, catalog);
      expect(config.inputShape).toEqual([1, 28, 28]);
      const net = mlp.createNetwork(config);
      try {
        const predicted = imageShapes(state.conv as ImageLayer[]);
        if ('kind' in predicted) throw new Error(`${conv} refused`);
        const image = net.layers.slice(0, state.conv.length);
        expect(image.map((l) => l.type), conv).toEqual(state.conv.map((l) => l.type));
        expect(image.map((l) => l.outputShape), conv).toEqual(predicted.shapes);
        const [c, , side] = predicted.shapes.at(-1)!;
        expect(net.layers[state.conv.length]!.inputShape, conv).toEqual([c, side, side]);
      } finally {
        net.dispose();
      }
    }
  });
});
