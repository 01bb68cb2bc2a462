// The network file (format "mlp-playground/network", version 4) against its JSON Schema
// (web/src/core/network.schema.json, shipped as mlp-playground/network.schema.json): every
// file the library saves validates (each case, conv2d / maxpool / residual layers included,
// each optimizer's state, after loadONNX, the page's export), the schema's names are the
// core's, real version-1 and version-2 files and a version-3 one (layer types, no schedule)
// load (migrated) and a newer version is refused
// naming it. The PyTorch script's --out files are checked
// against the same schema in export-pytorch and export-torchrun.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { wrapNetwork } from '../../web/src/app/files.js';
import { defaultState } from '../../web/src/app/state.js';
import { loadCore, MlpError, type MlpCore, type NetworkConfig } from '../../web/src/core/index.js';
import { FORWARD_CASES, TRAINING_CASES } from './support/export-cases.js';
import { schemaErrors } from './support/exported.js';

const schema = JSON.parse(readFileSync(new URL('../../web/src/core/network.schema.json', import.meta.url), 'utf8'));
const v1 = readFileSync(new URL('../fixtures/network-v1.json', import.meta.url), 'utf8');
const v2 = readFileSync(new URL('../fixtures/network-v2.json', import.meta.url), 'utf8');
let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
});

function trained(config: NetworkConfig): ReturnType<MlpCore['createNetwork']> {
  const net = mlp.createNetwork(config);
  const x = new Float32Array(3 * config.inputs).map((_, i) => Math.sin(i));
  const units = net.outputs;
  const y = new Float32Array(3 * units).map((_, i) => (i % units === 0 ? 1 : 0));
  net.trainBatch(x, y);
  return net;
}

describe('every saved network fits the schema', () => {
  const configs = [...FORWARD_CASES, ...TRAINING_CASES].map((c) => [c.name, c.config] as const);
  it.each(configs)('%s', (_, config) => {
    const net = trained(config);
    const doc = JSON.parse(net.serialize());
    expect(schemaErrors(doc)).toBe('');
    expect(schemaErrors(JSON.parse(JSON.stringify(net)))).toBe('');
    const back = mlp.loadONNX(net.toONNX());
    expect(schemaErrors(JSON.parse(back.serialize()))).toBe('');
    back.dispose();
    net.dispose();
  });

  it("the page's exported file carries a valid network", () => {
    const net = trained({ inputs: 2, features: ['x1', 'x2'], layers: [{ units: 4, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
    const file = JSON.parse(wrapNetwork(defaultState(), net.serialize())) as { network: unknown };
    expect(schemaErrors(file.network)).toBe('');
    net.dispose();
  });
});

describe('the schema', () => {
  it("lists the core's names and limits", () => {
    const d = schema.$defs;
    expect(d.activation.enum).toEqual([...mlp.activations]);
    expect(d.feature.enum).toEqual([...mlp.features]);
    expect(d.optimizer.enum).toEqual([...mlp.optimizers]);
    expect(d.config.properties.loss.enum).toEqual([...mlp.losses]);
    expect(d.config.properties.regularization.properties.type.enum).toEqual([...mlp.regularizations]);
    expect(d.config.properties.init.enum).toEqual([...mlp.inits]);
    expect(d.schedule.enum).toEqual([...mlp.schedules]);
    expect(d.layerType.enum).toEqual([...mlp.layerTypes]);
    expect(d.padding.enum).toEqual([...mlp.paddings]);
    const net = mlp.createNetwork({ inputs: 1, layers: [{ units: 1, activation: 'linear' }] });
    expect(schema.properties.version.const).toBe(JSON.parse(net.serialize()).version);
    net.dispose();
    expect(() => mlp.createNetwork({ inputs: d.config.properties.inputs.maximum + 1, layers: [{ units: 1, activation: 'linear' }] })).toThrow(MlpError);
    expect(() => mlp.createNetwork({ inputs: 1, layers: [{ units: d.denseLayer.properties.units.maximum + 1, activation: 'linear' }] })).toThrow(MlpError);
    const conv = (channels: number) => ({ inputs: 16, inputShape: [1, 4, 4] as [number, number, number], layers: [{ type: 'conv2d' as const, channels, kernel: 3 as const, activation: 'relu' as const }, { units: 1, activation: 'linear' as const }] });
    mlp.createNetwork(conv(d.conv2dLayer.properties.channels.maximum)).dispose();
    expect(() => mlp.createNetwork(conv(d.conv2dLayer.properties.channels.maximum + 1))).toThrow(MlpError);
    expect(d.conv2dLayer.properties.kernel.enum).toEqual([3, 5]);
  });

  it('refuses what the library refuses', () => {
    const net = trained({ inputs: 2, layers: [{ units: 2, activation: 'relu' }, { units: 1, activation: 'tanh' }], optimizer: { type: 'adam' } });
    const good = JSON.parse(net.serialize());
    const bad = (f: (d: Record<string, any>) => void, where: string): void => {
      const d = structuredClone(good);
      f(d);
      expect(schemaErrors(d)).toContain(where);
      expect(() => mlp.loadNetwork(d)).toThrow(MlpError);
    };
    bad((d) => (d.format = 'other'), '/format');
    bad((d) => delete d.version, 'version');
    bad((d) => (d.colour = 1), 'colour');
    bad((d) => (d.config.layers[0].activation = 'swishy'), '/config/layers/0/activation');
    bad((d) => (d.config.features = ['x1', 'x1']), '/config/features');
    bad((d) => delete d.optimizerState.m, 'm');
    bad((d) => (d.rng = 'abc'), '/rng');
    bad((d) => (d.config.layers[0].residual = 'yes'), '/config/layers/0/residual');
    bad((d) => (d.config.layers[0] = { type: 'conv2d', channels: 2, kernel: 4, activation: 'relu' }), '/config/layers/0/kernel');
    bad((d) => (d.config.inputShape = [1, 2]), '/config/inputShape');
    net.dispose();
  });
});

describe('versions', () => {
  it.each([['1', v1], ['2', v2]])('a version-%s file loads, migrated to version 4 with everything else unchanged', (version, text) => {
    const old = JSON.parse(text);
    expect(old.version).toBe(Number(version));
    const net = mlp.loadNetwork(text);
    const now = JSON.parse(net.serialize());
    expect(now).toEqual({ ...old, version: 4 });
    expect(schemaErrors(now)).toBe('');
    net.dispose();
  });

  it('a version-3 file (layer types, before schedules) loads as version 4 unchanged and trains on exactly', () => {
    const cnn = mlp.createNetwork({
      inputs: 36, inputShape: [1, 6, 6], loss: 'softmax-ce', optimizer: { type: 'adam' }, layers: [
        { type: 'conv2d', channels: 2, kernel: 3, padding: 'same', activation: 'relu' }, { type: 'maxpool' },
        { units: 3, activation: 'tanh' }, { units: 3, activation: 'tanh', residual: true }, { units: 2, activation: 'softmax' }],
    });
    const x = Float32Array.from({ length: 72 }, (_, i) => Math.sin(i)), y = new Float32Array([1, 0, 0, 1]);
    cnn.trainBatch(x, y);
    const v3 = { ...JSON.parse(cnn.serialize()), version: 3 };
    for (const key of ['epochs', 'earlyStopping']) expect(v3).not.toHaveProperty(key);
    const net = mlp.loadNetwork(JSON.stringify(v3));
    expect(JSON.parse(net.serialize())).toEqual({ ...v3, version: 4 });
    net.trainBatch(x, y);
    cnn.trainBatch(x, y);
    expect(net.getParameters()).toEqual(cnn.getParameters());
    for (const n of [net, cnn]) n.dispose();
  });

  it('a newer version is refused, naming it', () => {
    const doc = { ...JSON.parse(v1), version: 5 };
    expect(() => mlp.loadNetwork(doc)).toThrow('version: 5 is newer than this mlp-playground reads (versions 1 to 4)');
  });

  it('a schedule, stopping rules, the epoch count and early stopping\'s best travel with the network', () => {
    const config: NetworkConfig = {
      inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }],
      schedule: { type: 'step-lr', stepSize: 2, gamma: 0.5 }, stopping: { patience: 4, trainLoss: 0.001 },
    };
    const net = mlp.createNetwork(config);
    const d = mlp.generateDataset({ name: 'xor', samples: 60, seed: 2 });
    const train = net.prepare(d.train, ['x1', 'x2']), test = net.prepare(d.test, ['x1', 'x2']);
    net.trainEpoch(train, { epochs: 3, test });
    const doc = JSON.parse(net.serialize());
    expect(schemaErrors(doc)).toBe('');
    expect(doc.epochs).toBe(3);
    expect(doc.earlyStopping.bestEpoch).toBeGreaterThanOrEqual(1);
    expect(doc.config.schedule).toEqual({ type: 'step-lr', stepSize: 2, gamma: 0.5, tMax: 500, etaMin: 0, startFactor: 0.33333334, endFactor: 1, totalIters: 5 });
    expect(doc.config.stopping).toEqual({ patience: 4, trainLoss: 0.001 });
    const back = mlp.loadNetwork(doc);
    expect(back.epochs).toBe(3);
    expect(back.learningRate).toBe(net.learningRate);
    expect(back.serialize()).toBe(net.serialize());
    // Without them, the file says nothing of them (as before version 4).
    const plain = JSON.parse(mlp.createNetwork({ inputs: 1, layers: [{ units: 1, activation: 'linear' }] }).serialize());
    for (const key of ['epochs', 'earlyStopping']) expect(plain).not.toHaveProperty(key);
    for (const key of ['schedule', 'stopping']) expect(plain.config).not.toHaveProperty(key);
    for (const n of [net, back]) n.dispose();
    train.dispose();
    test.dispose();
  });

  it('features travel with the network', () => {
    const net = mlp.createNetwork({ inputs: 3, features: ['x2', 'sinx1', 'x1x2'], layers: [{ units: 1, activation: 'tanh' }] });
    expect(net.config.features).toEqual(['x2', 'sinx1', 'x1x2']);
    const back = mlp.loadNetwork(net.serialize());
    expect(back.config.features).toEqual(['x2', 'sinx1', 'x1x2']);
    expect(() => mlp.createNetwork({ inputs: 2, features: ['x2', 'sinx1', 'x1x2'], layers: [{ units: 1, activation: 'tanh' }] })).toThrow('features: lists 3 features but the network has 2 inputs');
    expect(() => mlp.createNetwork({ inputs: 1, features: ['x3' as never], layers: [{ units: 1, activation: 'tanh' }] })).toThrow('features[0]: unknown value "x3"');
    net.dispose();
    back.dispose();
  });
});
