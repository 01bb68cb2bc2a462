// mlp.loadONNX(): reads an ONNX model back into a network config and parameters. It
// follows the graph node by node, giving each value a meaning: the raw points, a feature
// of them (Split / Slice / Gather columns, Mul, Sin, Unsqueeze, Concat), the input as an
// image (Reshape to [N, C, H, W]), a layer's pre-activation (Gemm, or MatMul + Add; Conv),
// its output (each activation, including the multi-op forms of swish and the erf form of
// gelu; MaxPool; a residual Add of the layer's input) or an image flattened (Flatten).
// Graphs written by toONNX() and by torch.onnx.export of the exported scripts read back;
// anything else is refused by an MlpError naming the first node, op or shape that does not
// fit. The config is assembled in onnx-config.ts.
import { fail as failField } from './fail.js';
import type { Activation, Feature } from '../types.js';
import { configOf, type Layer, type ReadModel } from './onnx-config.js';
import { type AttributeMsg, DataType, decodeModel, type NodeMsg, type TensorMsg } from './onnx-schema.js';

export type { ReadModel } from './onnx-config.js';

type Image = [number, number, number];

type GeluStage = 'scaled' | 'erf' | 'plus1' | 'half' | 'zmul';
type Sym =
  | { k: 'input' }
  | { k: 'image'; shape: Image }
  | { k: 'flat'; from: Sym; shape: Image }
  | { k: 'feature'; f: Feature; rank: 1 | 2 }
  | { k: 'features'; list: Feature[] }
  | { k: 'const'; data: number[]; dims: number[] }
  | { k: 'z'; layer: number }
  | { k: 'h'; layer: number; act: Activation; residual?: true }
  | { k: 'gelu'; layer: number; stage: GeluStage };

const SUPPORTED = 'Gemm, MatMul, Add, Conv, MaxPool, Flatten, Relu, LeakyRelu, Elu, Tanh, Sigmoid, Softplus, Sin, Softmax, Gelu, Mul + Sigmoid (swish), Div + Erf + Add + Mul (gelu), Split, Slice, Gather, Unsqueeze, Reshape, Concat, Identity, Constant';
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
function intsAttr(node: NodeMsg, name: string, fallback: number[]): number[] {
  return attr(node, name)?.ints ?? fallback;
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
  const reads: Sym[] = []; // what each layer reads (a residual Add adds it back)
  let firstInput: Sym | null = null; // what the first layer reads: the points, their features or the image

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
    // What the next layer reads, and the layer whose pre-activation or output it is: that
    // layer's activation is settled. `shape`: the value is an image [C, H, W] (for Conv and
    // MaxPool), else a vector of `fanIn` values per sample (an image only once flattened).
    const settle = (s: Sym | undefined, image: boolean): { fanIn: number; shape: Image | null } => {
      const vector = (fanIn: number): { fanIn: number; shape: null } => {
        if (image) fail(`${where}: ${node.op_type} reads an image [N, C, H, W]; its input is a vector of ${fanIn} values per sample`);
        return { fanIn, shape: null };
      };
      if (s?.k === 'input') return vector(width ?? fail(`${where}: the input's width is not given; cannot size the first layer`));
      if (s?.k === 'image' || s?.k === 'flat') {
        if (image !== (s.k === 'image')) fail(`${where}: ${image ? `${node.op_type} reads an image; its input was flattened` : 'a dense layer reads an image only flattened (Flatten)'}`);
        if (s.k === 'flat' && s.from.k !== 'image') settle(s.from, true);
        return { fanIn: s.shape[0] * s.shape[1] * s.shape[2], shape: image ? s.shape : null };
      }
      const f = asFeature(s);
      if (f) {
        if (f.rank !== 2) fail(`${where}: the feature ${f.f} has shape [N]; a layer needs [N, features]`);
        return vector(1);
      }
      if (s?.k === 'features') return vector(s.list.length);
      if (s?.k === 'z' || s?.k === 'h') {
        const layer = layers[s.layer]!;
        if (s.layer !== layers.length - 1 || layer.act) fail(`${where}: takes the output of layer ${s.layer} again (only chains of layers are supported)`);
        if (!layer.biased) layer.biased = true;
        layer.act = s.k === 'z' ? 'linear' : s.act;
        if (s.k === 'h' && s.residual) layer.residual = true;
        if (layer.out.length === 3) {
          if (!image) fail(`${where}: a dense layer reads an image only flattened (Flatten)`);
          return { fanIn: layer.out[0]! * layer.out[1]! * layer.out[2]!, shape: layer.out as Image };
        }
        return vector(layer.units);
      }
      return fail(`${where}: its input is not the points, their features, the image or a layer's output`);
    };
    const addLayer = (l: Omit<Layer, 'b' | 'biased'>, bias: number[] | null): Sym => {
      if (layers.length === 0) firstInput = a!;
      reads.push(a!);
      layers.push({ ...l, b: Float32Array.from(bias ?? new Array<number>(l.units).fill(0)), biased: bias !== null });
      return { k: 'z', layer: layers.length - 1 };
    };
    // The input as an image: Reshape to [-1 or N, C, H, W] of the input's width.
    const imageShape = (spec: number[]): Image => {
      const [n, c, h, w] = spec as [number, number, number, number];
      if (n !== -1 && n !== 0 && !(n > 0)) fail(`${where}: reshape to [${spec.join(', ')}]`);
      if (!(c > 0 && h > 0 && w > 0) || (width !== undefined && c * h * w !== width)) {
        fail(`${where}: reshapes the input to [${spec.join(', ')}]; an image of the input's ${width} values is [-1, C, H, W] with C·H·W = ${width}`);
      }
      return [c, h, w];
    };
    const convLayer = (): Sym => {
      const { shape } = settle(a, true);
      const [C, H, W] = shape!;
      const w = konst(b, 'the weight');
      const [O, Ci, K, K2] = w.dims as [number, number, number, number];
      if (w.dims.length !== 4 || Ci !== C || K !== K2) fail(`${where}: the weight has shape [${w.dims.join(', ')}]; expected [out, ${C}, k, k]`);
      if (K !== 3 && K !== 5) fail(`${where}: a ${K} x ${K} kernel; the network's conv2d kernels are 3 or 5`);
      const strides = intsAttr(node, 'strides', [1, 1]), pads = intsAttr(node, 'pads', [0, 0, 0, 0]);
      const autoPad = attr(node, 'auto_pad')?.s ? new TextDecoder().decode(attr(node, 'auto_pad')!.s) : 'NOTSET';
      if (autoPad !== 'NOTSET') fail(`${where}: auto_pad ${autoPad}; explicit pads are supported`);
      if (intAttr(node, 'group', 1) !== 1 || intsAttr(node, 'dilations', [1, 1]).some((d) => d !== 1)) fail(`${where}: groups and dilations are not supported`);
      const ks = intsAttr(node, 'kernel_shape', [K, K]);
      if (ks[0] !== K || ks[1] !== K) fail(`${where}: kernel_shape [${ks.join(', ')}] differs from the weight's`);
      const stride = strides[0]!;
      if (strides[1] !== stride || (stride !== 1 && stride !== 2)) fail(`${where}: strides [${strides.join(', ')}]; 1 or 2 in both directions are supported`);
      const pad = pads[0]!;
      if (pads.some((p) => p !== pad) || (pad !== 0 && pad !== Math.floor(K / 2))) {
        fail(`${where}: pads [${pads.join(', ')}]; the network pads 0 ("valid") or ${Math.floor(K / 2)} ("same") on every side`);
      }
      const size = (n: number): number => Math.floor((n + 2 * pad - K) / stride) + 1;
      if (size(H) < 1 || size(W) < 1) fail(`${where}: a ${K} x ${K} kernel does not fit a ${H} x ${W} image`);
      const bias = args[2] ? konst(args[2], 'the bias').data : null;
      if (bias && bias.length !== O) fail(`${where}: a bias of ${bias.length} values for ${O} channels`);
      const conv = { channels: O, kernel: K as 3 | 5, stride: stride as 1 | 2, padding: pad === 0 ? ('valid' as const) : ('same' as const) };
      const z = addLayer({ type: 'conv2d', units: O, fanIn: C * K * K, w: Float32Array.from(w.data), out: [O, size(H), size(W)], conv }, bias);
      layers[layers.length - 1]!.biased = true;
      return z;
    };
    const poolLayer = (): Sym => {
      const { shape } = settle(a, true);
      const [C, H, W] = shape!;
      const ks = intsAttr(node, 'kernel_shape', []), strides = intsAttr(node, 'strides', [1, 1]), pads = intsAttr(node, 'pads', [0, 0, 0, 0]);
      if (ks.join() !== '2,2' || strides.join() !== '2,2' || pads.some((p) => p !== 0) || intAttr(node, 'ceil_mode', 0) !== 0) {
        fail(`${where}: only 2 x 2 windows with stride 2, no padding (nn.MaxPool2d(2)) are supported`);
      }
      if (H < 2 || W < 2) fail(`${where}: a 2 x 2 window does not fit a ${H} x ${W} image`);
      addLayer({ type: 'maxpool', units: C, fanIn: C, w: new Float32Array(0), out: [C, Math.floor(H / 2), Math.floor(W / 2)] }, []);
      const l = layers.length - 1;
      layers[l]!.biased = true;
      return { k: 'h', layer: l, act: 'linear' };
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
        if (node.op_type === 'Reshape' && a?.k === 'input' && b?.k === 'const' && b.data.length === 4) return out({ k: 'image', shape: imageShape(b.data) });
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
        const { fanIn } = settle(a, false);
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
        const z = addLayer({ type: 'dense', units, fanIn, w: W, out: [units] }, bias);
        layers[layers.length - 1]!.biased = true;
        return out(z);
      }
      case 'MatMul': {
        const { fanIn } = settle(a, false);
        const w = konst(b, 'the weight');
        if (w.dims.length !== 2 || w.dims[0] !== fanIn) fail(`${where}: the weight has shape [${w.dims.join(', ')}]; expected [${fanIn}, units]`);
        const units = w.dims[1]!;
        const W = new Float32Array(units * fanIn);
        for (let o = 0; o < units; o++) for (let i = 0; i < fanIn; i++) W[o * fanIn + i] = w.data[i * units + o]!;
        return out(addLayer({ type: 'dense', units, fanIn, w: W, out: [units] }, null));
      }
      case 'Conv':
        return out(convLayer());
      case 'MaxPool':
        return out(poolLayer());
      case 'Flatten': {
        if (intAttr(node, 'axis', 1) !== 1) fail(`${where}: only flattening from axis 1 (each sample's image) is supported`);
        const shape = a?.k === 'image' ? a.shape : a?.k === 'z' || a?.k === 'h' ? (layers[a.layer]!.out.length === 3 ? (layers[a.layer]!.out as Image) : null) : null;
        if (!shape) fail(`${where}: only flattening an image (the input or a conv2d / maxpool output) is supported`);
        return out({ k: 'flat', from: a!, shape });
      }
      case 'Add': {
        // A residual layer: its activation (or its biased pre-activation) plus what it read.
        for (const [p, q] of [[a, b], [b, a]] as const) {
          if ((p?.k === 'h' || (p?.k === 'z' && layers[p.layer]!.biased)) && q && reads[p.layer] === q && layers[p.layer]!.type === 'dense' && !layers[p.layer]!.act) {
            return out({ k: 'h', layer: p.layer, act: p.k === 'h' ? p.act : 'linear', residual: true });
          }
        }
        const [z, c] = a?.k === 'z' ? [a, b] : b?.k === 'z' ? [b, a] : [null, null];
        if (z && c?.k === 'const' && !layers[z.layer]!.biased) {
          const layer = layers[z.layer]!;
          if (c.data.length !== layer.units) fail(`${where}: a bias of ${c.data.length} values for ${layer.units} units`);
          layer.b = Float32Array.from(c.data);
          layer.biased = true;
          return out(z);
        }
        if (a?.k === 'gelu' && a.stage === 'erf' && near(scalarOf(b) ?? NaN, 1)) return out({ ...a, stage: 'plus1' });
        return fail(`${where}: Add is supported as a bias (after MatMul), a residual layer's identity (its input added) or in the erf form of gelu`);
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
  if (top.type !== 'dense') fail(`the output "${output}" is a ${top.type} layer's; the output layer must be dense (Gemm)`);
  if (last.k === 'h' && last.residual) fail(`the output "${output}" is a residual layer's; the output layer cannot be residual`);
  top.act = last.k === 'z' ? 'linear' : last.act;

  const first = firstInput as Sym | null;
  const features = first?.k === 'features' ? first.list : first?.k === 'feature' ? [first.f] : undefined;
  const image = first?.k === 'image' ? first.shape : first?.k === 'flat' && first.from.k === 'image' ? first.shape : undefined;
  const params = layers.filter((l) => l.type !== 'maxpool');
  return {
    config: configOf(model.metadata_props ?? [], layers, features, image ? image[0] * image[1] * image[2] : layers[0]!.fanIn, image),
    weights: params.map((l) => l.w),
    biases: params.map((l) => l.b),
  };
}
