// net.toONNX() and mlp.loadONNX(), checked by ONNX Runtime (onnxruntime-node) and by
// PyTorch's own ONNX exporter: for every case of support/export-cases.ts the model run by
// ONNX Runtime on raw points equals predict() to 1e-5, and reads back exactly; graphs that
// torch.onnx.export writes for the same networks (Gather/Unsqueeze features, torch's gelu
// and swish forms) read back to the same outputs; unsupported graphs name what is wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeModel, decodeModel, type ModelMsg } from '../../web/src/core/export/onnx-schema.js';
import { loadCore, MlpError, type MlpCore } from '../../web/src/core/index.js';
import { FORWARD_CASES } from './support/export-cases.js';
import { agreement, coreOutputs, exportOptions, featuresOf, fmt, samplesOf, scratch } from './support/exported.js';
import { python } from './support/pytorch.js';

const { dir, report } = scratch('mlp-onnx-');
let mlp: MlpCore;
beforeAll(async () => {
  mlp = await loadCore();
});

async function runOnnx(bytes: Uint8Array, points: number[][]): Promise<number[][]> {
  const session = await ort.InferenceSession.create(bytes);
  const dims = points[0]!.length;
  const result = await session.run({ x: new ort.Tensor('float32', Float32Array.from(points.flat()), [points.length, dims]) });
  const y = result.y!;
  const k = y.dims[1]!;
  const data = y.data as Float32Array;
  await session.release();
  return points.map((_, i) => Array.from(data.subarray(i * k, (i + 1) * k)));
}

describe.each(FORWARD_CASES.map((c) => [c.name, c] as const))('toONNX: %s', (name, c) => {
  it('runs in ONNX Runtime with the outputs of predict() (1e-5) and reads back exactly', async () => {
    const net = mlp.createNetwork(c.config);
    const bytes = net.toONNX(exportOptions(c));
    const points = samplesOf(c);
    const got = await runOnnx(bytes, points);
    const want = coreOutputs(net, c, points);
    const a = agreement(got.flat(), want.flat());
    report.push(`[agreement] ONNX Runtime, ${name}: ${fmt(a)} (${points.length} points)`);
    got.forEach((row, i) => row.forEach((v, k) => expect(Math.abs(v - want[i]![k]!), `point ${i} output ${k}`).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want[i]![k]!)))));

    const model = decodeModel(bytes);
    expect(model.opset_import).toHaveLength(1);
    expect(model.opset_import![0]!.domain ?? '').toBe('');
    expect(model.opset_import![0]!.version).toBe(13);
    const ops = new Set(model.graph!.node!.map((n) => n.op_type));
    expect(ops.has('Gemm')).toBe(true);
    if (c.config.layers.some((l) => 'activation' in l && l.activation === 'gelu')) expect([...ops]).toEqual(expect.arrayContaining(['Erf', 'Div']));
    // Each layer type as its ops: conv2d Conv, maxpool MaxPool, a dense layer after them
    // Flatten, a residual layer Add (of its input and its activation).
    const types = new Set(c.config.layers.map((l) => l.type ?? 'dense'));
    expect(ops.has('Conv')).toBe(types.has('conv2d'));
    expect(ops.has('MaxPool')).toBe(types.has('maxpool'));
    expect(ops.has('Flatten')).toBe(c.config.inputShape !== undefined);
    expect(ops.has('Reshape')).toBe(c.config.inputShape !== undefined);
    if (c.config.layers.some((l) => (l.type ?? 'dense') === 'dense' && 'residual' in l && l.residual)) {
      const adds = model.graph!.node!.filter((n) => n.op_type === 'Add' && /^layers\.\d+\.out$/.test(n.output![0]!));
      expect(adds.length).toBe(c.config.layers.filter((l) => 'residual' in l && l.residual).length);
    }

    const back = mlp.loadONNX(bytes);
    expect(back.config).toEqual(net.config);
    expect(back.getParameters()).toEqual(net.getParameters());
    back.dispose();
    net.dispose();
  });
});

describe('loadONNX', () => {
  it('reads the graphs torch.onnx.export writes for the same networks', () => {
    const cases = FORWARD_CASES;
    const nets = cases.map((c) => mlp.createNetwork(c.config));
    const tasks = cases.map((c, i) => {
      const script = join(dir, `torch${i}.py`);
      writeFileSync(script, nets[i]!.toPyTorch({ ...exportOptions(c), problem: c.problem, classes: c.classes || undefined }));
      return { script, op: 'onnx', file: join(dir, `torch${i}.onnx`) };
    });
    python([fileURLToPath(new URL('./fixtures/pytorch_driver.py', import.meta.url))], { input: JSON.stringify(tasks) });
    cases.forEach((c, i) => {
      const bytes = new Uint8Array(readFileSync(tasks[i]!.file));
      const back = mlp.loadONNX(bytes);
      expect(back.config.layers, c.name).toEqual(nets[i]!.config.layers.map((l) => ({ ...l })));
      expect(back.config.features, c.name).toEqual(c.config.inputShape ? undefined : featuresOf(c));
      expect(back.config.inputShape, c.name).toEqual(c.config.inputShape);
      const points = samplesOf(c, 7);
      const a = agreement(coreOutputs(back, c, points).flat(), coreOutputs(nets[i]!, c, points).flat());
      report.push(`[agreement] torch.onnx.export -> loadONNX, ${c.name}: ${fmt(a)}`);
      expect(a.maxAbs, c.name).toBeLessThanOrEqual(1e-6);
      back.dispose();
      nets[i]!.dispose();
    });
  });

  it('names the first unsupported op or shape', () => {
    const net = mlp.createNetwork({ inputs: 2, features: ['x1', 'x2'], layers: [{ units: 3, activation: 'relu' }, { units: 1, activation: 'tanh' }] });
    const base = decodeModel(net.toONNX());
    const edit = (f: (m: ModelMsg) => void): Uint8Array => {
      const m = structuredClone(base);
      f(m);
      return encodeModel(m);
    };
    const fails = (bytes: Uint8Array, message: string): void => {
      expect(() => mlp.loadONNX(bytes)).toThrow(MlpError);
      expect(() => mlp.loadONNX(bytes)).toThrow(message);
    };
    fails(edit((m) => (m.graph!.node!.find((n) => n.op_type === 'Relu')!.op_type = 'ConvTranspose')), 'onnx: node 1 ("layers.0.out", ConvTranspose): unsupported op "ConvTranspose"; supported: Gemm, MatMul, Add, Conv, MaxPool, Flatten');
    fails(edit((m) => (m.graph!.node!.find((n) => n.op_type === 'Relu')!.op_type = 'Conv')), 'onnx: node 1 ("layers.0.out", Conv): Conv reads an image [N, C, H, W]; its input is a vector of 3 values per sample');
    fails(edit((m) => (m.graph!.node!.find((n) => n.op_type === 'Relu')!.op_type = 'HardSigmoid')), 'unsupported op "HardSigmoid"');
    fails(edit((m) => (m.graph!.initializer![0]!.dims = [3, 1, 2])), 'the weight must be a matrix, got shape [3, 1, 2]');
    fails(edit((m) => (m.graph!.initializer![0]!.dims = [2, 3])), 'the weight has shape [2, 3] but its input has 2 values per point');
    fails(edit((m) => m.graph!.input!.push({ name: 'extra', type: m.graph!.input![0]!.type })), 'expected one input (the points), found 2');
    fails(
      edit((m) => Object.assign(m.graph!.node!.find((n) => n.op_type === 'Relu')!, { op_type: 'LeakyRelu', attribute: [{ name: 'alpha', type: 1, f: 0.2 }] })),
      "alpha 0.2; the network's leaky-relu has slope 0.01",
    );
    fails(new Uint8Array([1, 2, 3, 4, 5]), 'onnx: not an ONNX model');
    net.dispose();
  });

  it('names what does not fit in a graph of image layers', () => {
    const net = mlp.createNetwork({
      inputs: 2 * 6 * 6,
      inputShape: [2, 6, 6],
      layers: [{ type: 'conv2d', channels: 3, kernel: 3, padding: 'same', activation: 'relu' }, { type: 'maxpool' }, { units: 4, activation: 'tanh', residual: false }, { units: 4, activation: 'tanh', residual: true }, { units: 1, activation: 'tanh' }],
    });
    const base = decodeModel(net.toONNX());
    const node = (m: ModelMsg, op: string) => m.graph!.node!.find((n) => n.op_type === op)!;
    const edit = (f: (m: ModelMsg) => void): Uint8Array => {
      const m = structuredClone(base);
      f(m);
      return encodeModel(m);
    };
    const fails = (bytes: Uint8Array, message: string): void => {
      expect(() => mlp.loadONNX(bytes)).toThrow(MlpError);
      expect(() => mlp.loadONNX(bytes)).toThrow(message);
    };
    const ints = (m: ModelMsg, op: string, name: string, v: number[]) => (node(m, op).attribute!.find((a) => a.name === name)!.ints = v);
    fails(edit((m) => ints(m, 'Conv', 'strides', [3, 3])), 'Conv): strides [3, 3]; 1 or 2 in both directions are supported');
    fails(edit((m) => ints(m, 'Conv', 'pads', [2, 2, 2, 2])), 'Conv): pads [2, 2, 2, 2]; the network pads 0 ("valid") or 1 ("same") on every side');
    fails(edit((m) => ints(m, 'MaxPool', 'kernel_shape', [3, 3])), 'MaxPool): only 2 x 2 windows with stride 2, no padding (nn.MaxPool2d(2)) are supported');
    fails(edit((m) => (m.graph!.initializer!.find((t) => t.name === 'image.shape')!.raw_data = new Uint8Array(BigInt64Array.from([-1n, 1n, 6n, 6n]).buffer))), 'reshapes the input to [-1, 1, 6, 6]; an image of the input\'s 72 values is [-1, C, H, W] with C·H·W = 72');
    fails(edit((m) => (m.graph!.node = m.graph!.node!.filter((n) => n.op_type !== 'Flatten').map((n) => ({ ...n, input: n.input!.map((i) => (i === 'layers.2.flat' ? 'layers.1.out' : i)) })))), 'a dense layer reads an image only flattened (Flatten)');
    expect(mlp.loadONNX(encodeModel(base)).config).toEqual(net.config);
    fails(new Uint8Array(0), 'onnx: bytes: must be a non-empty Uint8Array');
    net.dispose();
  });
});
