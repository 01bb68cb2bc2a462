// net.toPyTorch(), checked by running the scripts with real PyTorch (support/pytorch.ts
// finds it; no PyTorch fails the run). For every case of support/export-cases.ts:
// - forward: the script's predict() on a grid of points equals the core's predict() to 1e-5;
// - training: the script's own training loop (its main(), --no-shuffle: file order), from
//   the exported network (trained a little first, so the optimizer state and the schedule's
//   place travel too), on the exported CSV, reaches the core's parameters after 2 epochs of
//   10 steps in file order (trainEpoch, shuffle: false) on the same batches (relative 1e-4),
//   with the same learning rate each epoch; its --out file fits the JSON Schema and loads back.
// Then the CSV errors, the demo, the exact float32 weights and the option errors.
// All scripts of a group run in one Python process (fixtures/pytorch_driver.py).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv } from '../../web/src/app/io/csv.js';
import { loadCore, MlpError, type MlpCore, type Network } from '../../web/src/core/index.js';
import { type ExportCase, FORWARD_CASES, TRAINING_CASES } from './support/export-cases.js';
import { agreement, coreOutputs, exportOptions, fmt, inputsOf, samplesOf, schemaErrors, scratch, trainingData } from './support/exported.js';
import { python } from './support/pytorch.js';

const DRIVER = fileURLToPath(new URL('./fixtures/pytorch_driver.py', import.meta.url));
const { dir, report } = scratch('mlp-pytorch-');
let mlp: MlpCore;

beforeAll(async () => {
  mlp = await loadCore();
});

type Task = { script: string; op: string; [key: string]: unknown };
function drive<T>(tasks: Task[]): T[] {
  return JSON.parse(python([DRIVER], { input: JSON.stringify(tasks) })) as T[];
}

function exportCase(c: ExportCase, net: Network, name: string, batchSize?: number): string {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, net.toPyTorch({ ...exportOptions(c), problem: c.problem, classes: c.classes || undefined, batchSize }));
  return path;
}

describe('the exported model computes what predict() computes', () => {
  const results = new Map<string, { got: number[][]; want: number[][] }>();
  beforeAll(() => {
    const tasks: Task[] = [];
    const wants: number[][][] = [];
    FORWARD_CASES.forEach((c, i) => {
      const net = mlp.createNetwork(c.config);
      const points = samplesOf(c);
      tasks.push({ script: exportCase(c, net, `forward${i}`), op: 'predict', points });
      wants.push(coreOutputs(net, c, points));
      net.dispose();
    });
    drive<number[][]>(tasks).forEach((got, i) => results.set(FORWARD_CASES[i]!.name, { got, want: wants[i]! }));
  });

  it.each(FORWARD_CASES.map((c) => [c.name]))('%s: to 1e-5 on a grid', (name) => {
    const { got, want } = results.get(name)!;
    expect(got.length).toBe(want.length);
    const a = agreement(got.flat(), want.flat());
    report.push(`[agreement] PyTorch forward, ${name}: ${fmt(a)} (${want.length} points)`);
    got.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - want[i]![k]!), `point ${i} output ${k}: ${v} vs ${want[i]![k]}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[i]![k]!)))));
  });
});

describe('the script trains as the core does: 20 steps from the exported network', () => {
  const STEPS = 20, BATCH = 10, POINTS = 100;
  interface Outcome { net: Network; out: string; rates: number[]; result: { code: number; stdout: string; error: string | null } }
  const outcomes = new Map<string, Outcome>();
  beforeAll(() => {
    const tasks: Task[] = [];
    const nets: [Network, string, number[]][] = [];
    TRAINING_CASES.forEach((c, i) => {
      const name = c.problem === 'regression' ? 'plane' : c.classes === 2 ? 'circle' : 'blobs-k';
      const data = mlp.generateDataset({ name, samples: 2 * POINTS, noise: 0.1, classes: c.classes || undefined, trainRatio: 0.5, seed: 3 + i }).train;
      const net = mlp.createNetwork(c.config);
      const { x, y, csv: images } = trainingData(data, c, POINTS, 3 + i);
      // A few steps first (on other batches), so that the export carries optimizer state.
      net.trainEpoch({ x, y }, { batchSize: 25, epochs: 1 });
      const script = exportCase(c, net, `train${i}`);
      const csv = join(dir, `train${i}.csv`);
      writeFileSync(csv, images ?? toCsv(data));
      const out = join(dir, `train${i}.json`);
      tasks.push({ script, op: 'main', argv: ['--data', csv, '--epochs', String((STEPS * BATCH) / POINTS), '--batch-size', String(BATCH), '--no-shuffle', '--device', 'cpu', '--out', out] });
      // The core: the same batches, in file order, epoch by epoch (the schedule's steps).
      const rates: number[] = [];
      for (let e = 0; e < (STEPS * BATCH) / POINTS; e++) {
        rates.push(net.learningRate);
        net.trainEpoch({ x, y }, { batchSize: BATCH, shuffle: false });
      }
      nets.push([net, out, rates]);
    });
    drive<Outcome['result']>(tasks).forEach((result, i) => outcomes.set(TRAINING_CASES[i]!.name, { net: nets[i]![0], out: nets[i]![1], rates: nets[i]![2], result }));
  });
  afterAll(() => outcomes.forEach((o) => o.net.dispose()));

  it.each(TRAINING_CASES.map((c) => [c.name]))('%s: parameters and optimizer state to 1e-4', (name) => {
    const { net, out, rates, result } = outcomes.get(name)!;
    expect(result.error, result.stdout).toBeNull();
    expect(result.stdout).toMatch(/^epoch 2\/2: loss /m);
    // Each epoch's learning rate, as the script's scheduler set it (printed with %g: 6 digits).
    const printed = [...result.stdout.matchAll(/^epoch \d\/2: .*, lr ([-+.\de]+)\)$/gm)].map((m) => Number(m[1]));
    expect(printed).toHaveLength(rates.length);
    printed.forEach((lr, e) => expect(Math.abs(lr - rates[e]!), `epoch ${e + 1}: ${lr} vs ${rates[e]}`).toBeLessThanOrEqual(5e-6 * rates[e]!));
    const doc = JSON.parse(readFileSync(out, 'utf8')) as { parameters: { weights: number[][]; biases: number[][] }; optimizerState: Record<string, number[] | number | string>; steps: number };
    expect(schemaErrors(doc)).toBe('');
    const p = net.getParameters();
    const want = p.weights.flatMap((w, l) => [...w, ...p.biases[l]!]);
    const got = doc.parameters.weights.flatMap((w, l) => [...w, ...doc.parameters.biases[l]!]);
    const a = agreement(got, want);
    report.push(`[agreement] PyTorch 20 steps, ${name}: ${fmt(a)} (${want.length} parameters)`);
    got.forEach((v, i) => expect(Math.abs(v - want[i]!), `parameter ${i}: ${v} vs ${want[i]}`).toBeLessThanOrEqual(1e-4 * Math.max(Math.abs(want[i]!), 0.01)));
    // The optimizer state came along and went on the same way.
    const mine = JSON.parse(net.serialize()) as { optimizerState: Record<string, number[] | number | string>; steps: number };
    expect(doc.optimizerState.step).toBe(mine.optimizerState.step);
    expect(doc.steps).toBe(mine.steps);
    expect((doc as { epochs?: number }).epochs).toBe(net.epochs);
    for (const slot of ['velocity', 'm', 'v']) {
      if (!(slot in mine.optimizerState)) continue;
      const s = agreement(doc.optimizerState[slot] as number[], mine.optimizerState[slot] as number[]);
      expect(s.maxAbs, `${slot}: ${fmt(s)}`).toBeLessThanOrEqual(1e-4 * Math.max(...(mine.optimizerState[slot] as number[]).map(Math.abs), 1e-3));
    }
    // And the file loads back into the library, which then predicts what its numbers say.
    const back = mlp.loadNetwork(readFileSync(out, 'utf8'));
    expect(back.getParameters().weights.map((w) => Array.from(w))).toEqual(doc.parameters.weights.map((w) => Array.from(Float32Array.from(w))));
    back.dispose();
  });
});

describe('the command line', () => {
  const c = TRAINING_CASES.find((t) => t.classes === 3)!;
  let script: string;
  let net: Network;
  beforeAll(() => {
    net = mlp.createNetwork(c.config);
    script = exportCase(c, net, 'cli');
  });
  afterAll(() => net.dispose());

  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('stops at a malformed CSV row with its line number and the reason, and says what columns it expected', () => {
    const cases: [string, string][] = [
      ['x1,x2,label\n1,2,0\n3,4,1\n# a comment\n5,abc,2\n', 'line 5: "abc" is not a number'],
      ['x1,x2,label\n1,2,0\n1,5,2,1\n', 'line 3: expected 3 values (x1,x2,label), got 4'],
      ['1;2;0\n1,5;2;1\n', 'line 2: "1,5" is not a number (use "." as the decimal point)'],
      ['x1,x2,label\n1,2,0\n1,,1\n', 'line 3: column 2 is empty'],
      ['x1,x2,label\n1,2,0\n1,2,7\n', 'line 3: label 7 is out of range: this network has 3 classes (labels 0..2)'],
      ['x1,x2,label\n1,2,0.5\n', 'line 2: label 0.5 is not an integer'],
      ['x1,x2,label\n1,inf,0\n', 'line 2: value inf is not finite'],
      ['x1,x2,label\n1,2,1e39\n', 'line 2: value 1e39 is too large'],
      ['x,y\n1,2\n', 'line 1: 2 columns (x,y): this network expects 3 columns, x1,x2,label (x1, x2, x1sq of 2-D points, 3-class labels)'],
      ['1,2\n3,4\n', 'line 1: 2 values in the first row: this network expects 3 columns, x1,x2,label'],
      ['x1,x2,value\n1,2,0.5\n', 'line 1: column 3 is "value": this network expects 3 columns, x1,x2,label'],
      ['# only comments\n\n', 'no data rows'],
    ];
    const results = drive<{ code: number; error: string | null }>(cases.map(([text], i) => ({ script, op: 'main', argv: ['--data', file(`bad${i}.csv`, text), '--epochs', '1'] })));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![1]).not.toBe(0);
      expect(r.error).toContain(`bad${i}.csv: ${cases[i]![1]}`);
    });
  });

  it('reads the playground CSV variants (BOM, CRLF, quotes, tabs, -1/+1 labels) and refuses another network file', () => {
    const two = TRAINING_CASES.find((t) => t.classes === 2 && t.config.loss === 'mse')!;
    const net2 = mlp.createNetwork(two.config);
    const script2 = exportCase(two, net2, 'cli2');
    const ok = file('ok.csv', '\ufeffx1\tx2\tlabel\r\n"1.5"\t-2\t1\r\n-1\t.5\t-1\r\n');
    const other = file('other.json', net.serialize());
    const [trained, refused, help] = drive<{ code: number; stdout: string; error: string | null }>([
      { script: script2, op: 'main', argv: ['--data', ok, '--epochs', '1', '--device', 'cpu'] },
      { script: script2, op: 'main', argv: ['--init', other] },
      { script: script2, op: 'main', argv: ['--help'] },
    ]);
    expect(trained!.error).toBeNull();
    expect(trained!.stdout).toMatch(/^epoch 1\/1: loss [\d.]+ \(2 points, 1 process/m);
    expect(refused!.error).toContain('the file holds a different network (3 inputs -> 6 tanh -> 4 elu -> 3 softmax)');
    expect(help!.code).toBe(0);
    expect(help!.stdout).toContain('--nproc_per_node');
    net2.dispose();
  });

  it('runs as a plain script: the demo prints the outputs at a few points', () => {
    const lines = python([script]).trim().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) {
      const m = /^x1=([-+]\d+\.\d+) x2=([-+]\d+\.\d+) -> (.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      const want = coreOutputs(net, c, [[Number(m![1]), Number(m![2])]])[0]!;
      m![3]!.split(' ').map(Number).forEach((v, k) => expect(Math.abs(v - want[k]!), line).toBeLessThanOrEqual(1e-5));
    }
  });
});

describe("an image network's script", () => {
  it('prints its outputs on three images and names the CSV columns it expects', () => {
    const c = FORWARD_CASES.find((f) => f.config.inputShape && f.config.layers.some((l) => l.type === 'maxpool'))!;
    const net = mlp.createNetwork(c.config);
    const script = exportCase(c, net, 'image-cli');
    const dims = c.config.inputs;
    const demo = [new Array<number>(dims).fill(0), new Array<number>(dims).fill(0.5), Array.from({ length: dims }, (_, i) => Math.fround((i % 7) / 6))];
    const lines = python([script]).trim().split('\n');
    expect(lines).toHaveLength(3);
    lines.forEach((line, k) => {
      const m = /^image (\d) \(mean ([\d.]+)\) -> (.*)$/.exec(line);
      expect(m, line).not.toBeNull();
      expect(Number(m![1])).toBe(k);
      const want = coreOutputs(net, c, [demo[k]!])[0]!;
      m![3]!.split(' ').map(Number).forEach((v, o) => expect(Math.abs(v - want[o]!), line).toBeLessThanOrEqual(1e-5));
    });
    const bad = join(dir, 'image-bad.csv');
    writeFileSync(bad, 'x1,x2,label\n1,2,0\n');
    const [r] = drive<{ code: number; error: string | null }>([{ script, op: 'main', argv: ['--data', bad, '--epochs', '1'] }]);
    expect(r!.error).toContain(`line 1: 3 columns (x1,x2,label): this network expects ${dims + 1} columns, ${dims} pixel values,label (${c.config.inputShape!.join('x')} images, ${c.classes}-class labels)`);
    net.dispose();
  });

  it('refuses point options for an image network, naming them', () => {
    const c = FORWARD_CASES.find((f) => f.config.inputShape)!;
    const net = mlp.createNetwork(c.config);
    expect(() => net.toPyTorch({ dims: 2 })).toThrow(MlpError);
    expect(() => net.toPyTorch({ dims: 2 })).toThrow(`dims: the network reads images (inputShape [${c.config.inputShape!.join(', ')}]) of ${c.config.inputs} values, not points`);
    expect(() => net.toONNX({ features: ['x1'] })).toThrow('features: the network reads images');
    net.dispose();
  });
});

describe('toPyTorch', () => {
  it('loads every weight bit-exactly (max float, subnormals, -0, 1/3)', () => {
    const c = FORWARD_CASES.find((f) => f.name === 'no hidden layer')!;
    const net = mlp.createNetwork({ ...c.config, inputs: 7, features: ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'], layers: [{ units: 1, activation: 'linear' }] });
    const special = [3.4028234663852886e38, -1.401298464324817e-45, -0, 1 / 3, 16777217, 1e-7, -5.877471754111438e-39];
    net.setParameters({ weights: [Float32Array.from(special)], biases: [Float32Array.from([-0])] });
    const [got] = drive<number[][]>([{ script: exportCase(c, net, 'special'), op: 'parameters' }]);
    special.forEach((v, i) => expect(Object.is(got![0]![i], Math.fround(v)), `${v} -> ${got![0]![i]}`).toBe(true));
    expect(Object.is(got![1]![0], -0)).toBe(true);
    net.dispose();
  });

  it('is deterministic and undated, and says what made it', () => {
    const net = mlp.createNetwork(FORWARD_CASES[0]!.config);
    const a = net.toPyTorch();
    expect(net.toPyTorch()).toBe(a);
    expect(a).not.toMatch(/\b20\d\d\b/);
    expect(a.split('\n').slice(0, 5).join('\n')).toContain(`Generated by mlp-playground ${mlp.version}`);
    net.dispose();
  });

  it('throws MlpError naming the option when network and options do not fit', () => {
    const net = mlp.createNetwork({ inputs: 3, features: ['x1', 'x2', 'sinx1'], layers: [{ units: 2, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
    const plain = mlp.createNetwork({ inputs: 5, layers: [{ units: 1, activation: 'tanh' }] });
    const bad = (n: Network, options: object, message: string): void => {
      expect(() => n.toPyTorch(options)).toThrow(MlpError);
      expect(() => n.toPyTorch(options)).toThrow(message);
    };
    bad(net, { features: ['x1'] }, 'features: the network has 3 inputs but 1 features were given');
    bad(net, { features: ['x1', 'x1', 'x2'] }, 'features: "x1" is listed twice');
    bad(net, { features: ['x3', 'x2', 'x1'] }, 'features[0]: unknown feature "x3"');
    bad(net, { dims: 1 }, 'dims: the feature x2 needs 2-D points');
    bad(net, { classes: 3 }, 'classes: one output can only separate 2 classes, got 3');
    bad(net, { problem: 'classification', classes: 1 }, 'classes: must be an integer >= 2');
    bad(net, { batchSize: 0 }, 'batchSize: must be a positive integer');
    bad(net, { colour: 'red' }, 'options.colour: unknown field');
    bad(plain, {}, 'features: the network has 5 inputs and no features');
    net.dispose();
    plain.dispose();
  });

  it('takes the inputs of a network without features as x1, x2', () => {
    const net = mlp.createNetwork({ inputs: 2, layers: [{ units: 1, activation: 'tanh' }] });
    expect(net.toPyTorch()).toContain('FEATURES = ["x1", "x2"]');
    expect(inputsOf([[1, 2]], { name: '', config: net.config, dims: 2, problem: 'classification', classes: 2 })).toEqual(Float32Array.from([1, 2]));
    net.dispose();
  });
});
