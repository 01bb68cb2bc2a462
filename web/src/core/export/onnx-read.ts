// mlp.loadONNX(): reads an ONNX model back into a network config and parameters. It
// follows the graph node by node, giving each value a meaning: the raw points, a feature
// of them (Split / Slice / Gather columns, Mul, Sin, Unsqueeze, Concat), a layer's
// pre-activation (Gemm, or MatMul + Add) or its output (each activation, including the
// multi-op forms of swish and the erf form of gelu). Graphs written by toONNX() and by
// torch.onnx.export of an nn.Sequential read back; anything else is refused by an MlpError
// naming the first node, op or shape that does not fit.
import { fail as failField } from './fail.js';
import type { Activation, Feature, Init, Loss, NetworkConfig } from '../types.js';
import { CONFIG_KEY } from './onnx.js';
import { type AttributeMsg, DataType, decodeModel, type NodeMsg, type TensorMsg } from './onnx-schema.js';

export interface ReadModel {
  config: NetworkConfig;
  weights: Float32Array[];
  biases: Float32Array[];
}

interface Layer {
  units: number;
  fanIn: number;
  w: Float32Array; // [units, fanIn]
  b: Float32Array;
  biased: boolean; // false after a bare MatMul, until its Add
  act?: Activation; // set when the next layer (or the output) takes this one's value
}

type GeluStage = 'scaled' | 'erf' | 'plus1' | 'half' | 'zmul';
type Sym =
  | { k: 'input' }
  | { k: 'feature'; f: Feature; rank: 1 | 2 }
  | { k: 'features'; list: Feature[] }
  | { k: 'const'; data: number[]; dims: number[] }
  | { k: 'z'; layer: number }
  | { k: 'h'; layer: number; act: Activation }
  | { k: 'gelu'; layer: number; stage: GeluStage };

const SUPPORTED = 'Gemm, MatMul, Add, Relu, LeakyRelu, Elu, Tanh, Sigmoid, Softplus, Sin, Softmax, Gelu, Mul + Sigmoid (swish), Div + Erf + Add + Mul (gelu), Split, Slice, Gather, Unsqueeze, Reshape, Concat, Identity, Constant';
const SIMPLE: Record<string, Activation> = { Relu: 'relu', Tanh: 'tanh', Sigmoid: 'sigmoid', Softplus: 'softplus' };
// The features as products and sines of the columns x1, x2.
const PRODUCTS: Record<string, Feature> = { 'x1*x1': 'x1sq', 'x2*x2': 'x2sq', 'x1*x2': 'x1x2', 'x2*x1': 'x1x2' };
const SINES: Partial<Record<Feature, Feature>> = { x1: 'sinx1', x2: 'sinx2' };

function fail(message: string): never {
  failField('onnx', message);
}

function tensorValues(t: TensorMsg, what: string): number[] {
  if (t.data_location === 1) fail(`${what}: tensors stored outside the file are not supported`);
  const type = t.data_type ?? 0;
  const raw = t.raw_data;
  if (raw && raw.length > 0) {
    const bytes = new Uint8Array(raw); // a copy at offset 0 (a decoded Buffer may share a larger pool)
    if (type === DataType.FLOAT) return Array.from(new Float32Array(bytes.buffer, 0, bytes.length >> 2));
    if (type === DataType.DOUBLE) return Array.from(new Float64Array(bytes.buffer, 0, bytes.length >> 3));
    if (type === DataType.INT64) return Array.from(new BigInt64Array(bytes.buffer, 0, bytes.length >> 3), Number);
    if (type === DataType.INT32) return Array.from(new Int32Array(bytes.buffer, 0, bytes.length >> 2));
    fail(`${what}: data type ${type} is not supported (float, double, int32, int64 are)`);
  }
  return (t.float_data?.length ? t.float_data : t.double_data?.length ? t.double_data : t.int64_data?.length ? t.int64_data : t.int32_data) ?? [];
}

function constOf(t: TensorMsg, what: string): Sym {
  return { k: 'const', data: tensorValues(t, what), dims: t.dims ?? [] };
}

function attr(node: NodeMsg, name: string): AttributeMsg | undefined {
  return node.attribute?.find((a) => a.name === name);
}
function intAttr(node: NodeMsg, name: string, fallback: number): number {
  return attr(node, name)?.i ?? fallback;
}
/** A float attribute, to the 7 digits a float32 holds (0.2f reads "0.2", not 0.20000000298). */
function floatAttr(node: NodeMsg, name: string, fallback: number): number {
  const f = attr(node, name)?.f;
  return f === undefined ? fallback : Number(f.toPrecision(7));
}
const near = (a: number, b: number, tol = 1e-6): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

/** Reads an ONNX model's bytes; `featureNames` are the core's. Throws (field "onnx") naming what does not fit. */
export function readOnnxModel(bytes: Uint8Array, featureNames: readonly Feature[]): ReadModel {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) fail('bytes: must be a non-empty Uint8Array (an .onnx file)');
  let model;
  try {
    model = decodeModel(bytes);
  } catch (e) {
    fail(`not an ONNX model (${e instanceof Error ? e.message : String(e)})`);
  }
  const graph = model.graph;
  if (!graph?.node?.length) fail('the model has no graph (or an empty one)');
  const opset = model.opset_import?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version ?? 0;

  const syms = new Map<string, Sym>();
  for (const t of graph.initializer ?? []) syms.set(t.name ?? '', constOf(t, `initializer ${t.name}`));
  const inputs = (graph.input ?? []).filter((v) => !syms.has(v.name));
  if (inputs.length !== 1) fail(`expected one input (the points), found ${inputs.length}: ${inputs.map((v) => v.name).join(', ')}`);
  const input = inputs[0]!;
  const tt = input.type?.tensor_type;
  if (tt?.elem_type !== DataType.FLOAT) fail(`input "${input.name}": must be float32, got element type ${tt?.elem_type}`);
  const inDims = tt.shape?.dim ?? [];
  if (inDims.length !== 2) fail(`input "${input.name}": must have shape [N, inputs], got ${inDims.length} dimensions`);
  const width = inDims[1]?.dim_value;
  syms.set(input.name, { k: 'input' });

  const layers: Layer[] = [];
  let firstInput: Sym | null = null; // what the first layer reads: the points or their features

  graph.node.forEach((node, index) => {
    const where = `node ${index} ("${node.name || node.op_type}", ${node.op_type})`;
    const args = (node.input ?? []).map((name) => {
      if (name === '') return undefined;
      const s = syms.get(name);
      if (!s) fail(`${where}: uses "${name}", which no earlier node computes`);
      return s;
    });
    const out = (s: Sym): void => {
      if (!node.output?.[0]) fail(`${where}: has no output`);
      syms.set(node.output[0], s);
    };
    const a = args[0];
    const b = args[1];
    const konst = (s: Sym | undefined, what: string): { data: number[]; dims: number[] } => {
      if (s?.k !== 'const') fail(`${where}: ${what} must be a constant`);
      return s;
    };
    const column = (c: number, rank: 1 | 2): Sym => {
      if (c !== 0 && c !== 1) fail(`${where}: column ${c} of the points; only x1 and x2 (columns 0, 1) are features`);
      return { k: 'feature', f: c === 0 ? 'x1' : 'x2', rank };
    };
    const asFeature = (s: Sym | undefined): Extract<Sym, { k: 'feature' }> | null =>
      s?.k === 'feature' ? s : s?.k === 'input' && width === 1 ? { k: 'feature', f: 'x1', rank: 2 } : null;
    const scalarOf = (s: Sym | undefined): number | null => (s?.k === 'const' && s.data.length === 1 ? s.data[0]! : null);
    // The layer whose pre-activation or output feeds the next layer: its activation is settled.
    const settle = (s: Sym | undefined): { fanIn: number } => {
      if (s?.k === 'input') return { fanIn: width ?? fail(`${where}: the input's width is not given; cannot size the first layer`) };
      const f = asFeature(s);
      if (f) {
        if (f.rank !== 2) fail(`${where}: the feature ${f.f} has shape [N]; a layer needs [N, features]`);
        return { fanIn: 1 };
      }
      if (s?.k === 'features') return { fanIn: s.list.length };
      if (s?.k === 'z' || s?.k === 'h') {
        const layer = layers[s.layer]!;
        if (s.layer !== layers.length - 1 || layer.act) fail(`${where}: takes the output of layer ${s.layer} again (only chains of layers are supported)`);
        if (!layer.biased) layer.biased = true;
        layer.act = s.k === 'z' ? 'linear' : s.act;
        return { fanIn: layer.units };
      }
      return fail(`${where}: its input is not the points, their features or a layer's output`);
    };
    const addLayer = (fanIn: number, w: Float32Array, units: number, bias: number[] | null): Sym => {
      if (layers.length === 0) firstInput = a!;
      layers.push({ units, fanIn, w, b: Float32Array.from(bias ?? new Array<number>(units).fill(0)), biased: bias !== null });
      return { k: 'z', layer: layers.length - 1 };
    };
    const activation = (s: Sym | undefined, act: Activation): void => {
      if (s?.k !== 'z') fail(`${where}: ${node.op_type} is supported as a layer's activation only`);
      out({ k: 'h', layer: s.layer, act });
    };

    switch (node.op_type) {
      case 'Identity':
        return out(a ?? fail(`${where}: has no input`));
      case 'Constant': {
        const t = attr(node, 'value')?.t;
        if (!t) fail(`${where}: only tensor constants ("value") are supported`);
        return out(constOf(t, where));
      }
      case 'Split': {
        if (a?.k !== 'input' || width !== 2) fail(`${where}: only splitting the 2-D points into x1, x2 is supported`);
        const axis = intAttr(node, 'axis', 0);
        if ((axis !== 1 && axis !== -1) || node.output?.length !== 2) fail(`${where}: must split axis 1 into 2 columns`);
        syms.set(node.output[0]!, column(0, 2));
        syms.set(node.output[1]!, column(1, 2));
        return;
      }
      case 'Slice': {
        const starts = konst(b, 'starts').data, ends = konst(args[2], 'ends').data;
        const axes = args[3] ? konst(args[3], 'axes').data : [0];
        if (a?.k !== 'input' || axes.length !== 1 || (axes[0] !== 1 && axes[0] !== -1) || ends[0]! - starts[0]! !== 1) {
          fail(`${where}: only slicing one column of the points is supported`);
        }
        return out(column(starts[0]!, 2));
      }
      case 'Gather': {
        const idx = konst(b, 'indices');
        if (a?.k !== 'input' || intAttr(node, 'axis', 0) !== 1 || idx.data.length !== 1) fail(`${where}: only gathering one column of the points is supported`);
        return out(column(idx.data[0]!, idx.dims.length === 0 ? 1 : 2));
      }
      case 'Unsqueeze':
      case 'Reshape': {
        const f = asFeature(a);
        const spec = node.op_type === 'Reshape' ? konst(b, 'shape').data : b ? konst(b, 'axes').data : (attr(node, 'axes')?.ints ?? []);
        const ok = node.op_type === 'Reshape' ? spec.length === 2 && spec[1] === 1 : spec.length === 1 && (spec[0] === 1 || spec[0] === -1);
        if (!f || f.rank !== 1 || !ok) fail(`${where}: only turning a feature [N] into [N, 1] is supported`);
        return out({ ...f, rank: 2 });
      }
      case 'Concat': {
        const fs = args.map(asFeature);
        const axis = intAttr(node, 'axis', 0);
        if (fs.some((f) => !f || f.rank !== 2) || (axis !== 1 && axis !== -1)) fail(`${where}: only joining features [N, 1] along axis 1 is supported`);
        return out({ k: 'features', list: fs.map((f) => f!.f) });
      }
      case 'Gemm': {
        const { fanIn } = settle(a);
        const w = konst(b, 'the weight B');
        if (w.dims.length !== 2) fail(`${where}: the weight must be a matrix, got shape [${w.dims.join(', ')}]`);
        if (intAttr(node, 'transA', 0) !== 0) fail(`${where}: transA is not supported`);
        const transB = intAttr(node, 'transB', 0) === 1;
        const [units, k] = transB ? [w.dims[0]!, w.dims[1]!] : [w.dims[1]!, w.dims[0]!];
        if (k !== fanIn) fail(`${where}: the weight has shape [${w.dims.join(', ')}] but its input has ${fanIn} values per point`);
        const alpha = floatAttr(node, 'alpha', 1), beta = floatAttr(node, 'beta', 1);
        const W = new Float32Array(units * k);
        for (let o = 0; o < units; o++) for (let i = 0; i < k; i++) W[o * k + i] = alpha * w.data[transB ? o * k + i : i * units + o]!;
        let bias: number[] | null = null;
        if (args[2]) {
          const c = konst(args[2], 'the bias C');
          if (c.data.length !== units && c.data.length !== 1) fail(`${where}: the bias has ${c.data.length} values for ${units} units`);
          bias = Array.from({ length: units }, (_, o) => beta * c.data[c.data.length === 1 ? 0 : o]!);
        }
        const z = addLayer(fanIn, W, units, bias);
        layers[layers.length - 1]!.biased = true;
        return out(z);
      }
      case 'MatMul': {
        const { fanIn } = settle(a);
        const w = konst(b, 'the weight');
        if (w.dims.length !== 2 || w.dims[0] !== fanIn) fail(`${where}: the weight has shape [${w.dims.join(', ')}]; expected [${fanIn}, units]`);
        const units = w.dims[1]!;
        const W = new Float32Array(units * fanIn);
        for (let o = 0; o < units; o++) for (let i = 0; i < fanIn; i++) W[o * fanIn + i] = w.data[i * units + o]!;
        return out(addLayer(fanIn, W, units, null));
      }
      case 'Add': {
        const [z, c] = a?.k === 'z' ? [a, b] : b?.k === 'z' ? [b, a] : [null, null];
        if (z && c?.k === 'const' && !layers[z.layer]!.biased) {
          const layer = layers[z.layer]!;
          if (c.data.length !== layer.units) fail(`${where}: a bias of ${c.data.length} values for ${layer.units} units`);
          layer.b = Float32Array.from(c.data);
          layer.biased = true;
          return out(z);
        }
        if (a?.k === 'gelu' && a.stage === 'erf' && near(scalarOf(b) ?? NaN, 1)) return out({ ...a, stage: 'plus1' });
        return fail(`${where}: Add is supported as a bias (after MatMul) or in the erf form of gelu`);
      }
      case 'Div': {
        if (a?.k === 'z' && near(scalarOf(b) ?? NaN, Math.SQRT2)) return out({ k: 'gelu', layer: a.layer, stage: 'scaled' });
        return fail(`${where}: Div is supported in the erf form of gelu (z / sqrt 2) only`);
      }
      case 'Erf': {
        if (a?.k === 'gelu' && a.stage === 'scaled') return out({ ...a, stage: 'erf' });
        return fail(`${where}: Erf is supported in the erf form of gelu only`);
      }
      case 'Mul': {
        const fa = asFeature(a), fb = asFeature(b);
        if (fa && fb) {
          const f = PRODUCTS[`${fa.f}*${fb.f}`];
          if (!f || fa.rank !== fb.rank) fail(`${where}: ${fa.f} * ${fb.f} is not one of the features (${featureNames.join(', ')})`);
          return out({ k: 'feature', f, rank: fa.rank });
        }
        for (const [p, q] of [[a, b], [b, a]] as const) {
          const s = scalarOf(q);
          if (p?.k === 'z' && q?.k === 'h' && q.act === 'sigmoid' && q.layer === p.layer) return out({ k: 'h', layer: p.layer, act: 'swish' });
          if (p?.k === 'z' && s !== null && near(s, Math.SQRT1_2)) return out({ k: 'gelu', layer: p.layer, stage: 'scaled' });
          if (p?.k === 'gelu' && p.stage === 'plus1' && s !== null && near(s, 0.5)) return out({ ...p, stage: 'half' });
          if (p?.k === 'gelu' && p.stage === 'plus1' && q?.k === 'z' && q.layer === p.layer) return out({ ...p, stage: 'zmul' });
          if (p?.k === 'gelu' && p.stage === 'zmul' && s !== null && near(s, 0.5)) return out({ k: 'h', layer: p.layer, act: 'gelu' });
          if (p?.k === 'gelu' && p.stage === 'half' && q?.k === 'z' && q.layer === p.layer) return out({ k: 'h', layer: p.layer, act: 'gelu' });
        }
        return fail(`${where}: Mul is supported in features (x1², x1·x2, ...), swish and the erf form of gelu only`);
      }
      case 'Sin': {
        const f = asFeature(a);
        if (f) return out({ k: 'feature', f: SINES[f.f] ?? fail(`${where}: sin of ${f.f} is not a feature`), rank: f.rank });
        return activation(a, 'sin');
      }
      case 'Relu':
      case 'Tanh':
      case 'Sigmoid':
      case 'Softplus':
        return activation(a, SIMPLE[node.op_type]!);
      case 'LeakyRelu':
        if (!near(floatAttr(node, 'alpha', 0.01), 0.01)) fail(`${where}: alpha ${floatAttr(node, 'alpha', 0.01)}; the network's leaky-relu has slope 0.01`);
        return activation(a, 'leaky-relu');
      case 'Elu':
        if (!near(floatAttr(node, 'alpha', 1), 1)) fail(`${where}: alpha ${floatAttr(node, 'alpha', 1)}; the network's elu has alpha 1`);
        return activation(a, 'elu');
      case 'Softmax': {
        const axis = intAttr(node, 'axis', opset >= 13 ? -1 : 1);
        if (axis !== -1 && axis !== 1) fail(`${where}: softmax over axis ${axis}; only over the outputs (axis -1)`);
        return activation(a, 'softmax');
      }
      case 'Gelu':
        if (attr(node, 'approximate')?.s && new TextDecoder().decode(attr(node, 'approximate')!.s) !== 'none') fail(`${where}: the tanh approximation of gelu is not supported`);
        return activation(a, 'gelu');
      default:
        return fail(`${where}: unsupported op "${node.op_type}"; supported: ${SUPPORTED}`);
    }
  });

  const output = graph.output?.[0]?.name ?? fail('the graph has no output');
  if ((graph.output?.length ?? 0) !== 1) fail(`expected one output, found ${graph.output!.length}`);
  const last = syms.get(output);
  if (!last || (last.k !== 'z' && last.k !== 'h') || last.layer !== layers.length - 1) fail(`the output "${output}" is not the last layer's output`);
  const top = layers[last.layer]!;
  if (top.act) fail(`the output "${output}" is not the last layer's output`);
  top.act = last.k === 'z' ? 'linear' : last.act;

  const first = firstInput as Sym | null;
  const features = first?.k === 'features' ? first.list : first?.k === 'feature' ? [first.f] : undefined;
  return { config: configOf(model.metadata_props ?? [], layers, features), weights: layers.map((l) => l.w), biases: layers.map((l) => l.b) };
}

/**
 * The config: the graph gives the inputs, features and layers; the training settings (loss,
 * optimizer, ...) come from toONNX()'s metadata when it describes the same network, else the
 * loss follows the output (softmax: softmax-ce, sigmoid: bce, else mse) and the rest defaults.
 */
function configOf(meta: { key?: string; value?: string }[], layers: Layer[], features: Feature[] | undefined): NetworkConfig {
  const config: NetworkConfig = { inputs: layers[0]!.fanIn, layers: layers.map((l) => ({ units: l.units, activation: l.act! })) };
  const out = config.layers[config.layers.length - 1]!.activation;
  config.loss = out === 'softmax' ? 'softmax-ce' : out === 'sigmoid' ? 'bce' : 'mse';
  let saved: Partial<NetworkConfig> | null = null;
  try {
    saved = JSON.parse(meta.find((m) => m.key === CONFIG_KEY)?.value ?? 'null') as Partial<NetworkConfig> | null;
  } catch {
    saved = null;
  }
  const same = (s: Partial<NetworkConfig>): boolean =>
    s.inputs === config.inputs && JSON.stringify(s.layers?.map((l) => [l.units, l.activation])) === JSON.stringify(config.layers.map((l) => [l.units, l.activation]));
  if (saved && typeof saved === 'object' && same(saved)) {
    config.loss = saved.loss as Loss;
    config.optimizer = saved.optimizer;
    config.regularization = saved.regularization;
    config.init = saved.init as Init;
    config.seed = saved.seed;
    config.clipNorm = saved.clipNorm;
    // The graph reads the points as they are when the features are x1 (, x2) in order.
    const identity = ['x1', 'x2'].slice(0, config.inputs);
    if (!features && JSON.stringify(saved.features) === JSON.stringify(identity)) features = identity as Feature[];
  }
  if (features) config.features = features;
  return config;
}
