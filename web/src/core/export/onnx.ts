// net.toONNX(): the network as an ONNX model (opset 13), encoded with protobufjs and the
// ONNX schema (onnx-schema.ts). The graph takes raw points x [N, dims] (x1, x2) and computes
// the input features inside (Split, Mul, Sin, Concat), or takes images x [N, C·H·W] and
// reshapes them to [N, C, H, W]; then each layer as its ops — dense a Gemm (after a Flatten
// of image layers; a residual layer adds its input with Add), conv2d a Conv, maxpool a
// MaxPool — and each activation as ONNX ops (Gelu by its erf formula: opset 13 has no
// Gelu), and returns y [N, outputs], what predict() returns. Each feature, activation and
// layer kind is one row of a table below.
import type { Activation, DenseLayerConfig, Feature, LayerConfig, LayerInfo, LayerType, ResolvedNetworkConfig } from '../types.js';
import { describeLayer, type InputOptions, resolveInputs } from './inputs.js';
import { AttributeType, type AttributeMsg, DataType, encodeModel, type NodeMsg, type TensorMsg } from './onnx-schema.js';

export type OnnxOptions = InputOptions;

/** The ONNX operator set the export targets; IR version 7 is the one that opset 13 needs. */
export const OPSET = 13;
const IR_VERSION = 7;
/** Metadata key holding the network's config (loss, optimizer, ...) for loadONNX(). */
export const CONFIG_KEY = 'mlp-playground/config';

function floatTensor(name: string, values: ArrayLike<number>, dims: number[]): TensorMsg {
  const f = Float32Array.from(values);
  return { name, dims, data_type: DataType.FLOAT, raw_data: new Uint8Array(f.buffer) };
}

/** Nodes and initializers of a graph under construction, with readable value names. */
class Graph {
  readonly nodes: NodeMsg[] = [];
  readonly initializers: TensorMsg[] = [];
  readonly #constants = new Map<string, string>();

  /** Adds a node; returns the name of its (first) output. */
  op(op: string, inputs: string[], output: string, attrs: AttributeMsg[] = [], outputs: string[] = [output]): string {
    this.nodes.push({ op_type: op, name: output, input: inputs, output: outputs, attribute: attrs });
    return output;
  }

  tensor(name: string, values: ArrayLike<number>, dims: number[]): string {
    this.initializers.push(floatTensor(name, values, dims));
    return name;
  }

  /** An int64 initializer (a Reshape's shape). */
  int64s(name: string, values: number[]): string {
    const v = BigInt64Array.from(values, (x) => BigInt(x));
    this.initializers.push({ name, dims: [values.length], data_type: DataType.INT64, raw_data: new Uint8Array(v.buffer) });
    return name;
  }

  /** A float scalar constant, shared by every node that uses the same value. */
  scalar(name: string, value: number): string {
    const key = `${name}=${value}`;
    let id = this.#constants.get(key);
    if (!id) {
      id = this.tensor(name, [value], []);
      this.#constants.set(key, id);
    }
    return id;
  }
}

const floatAttr = (name: string, f: number): AttributeMsg => ({ name, type: AttributeType.FLOAT, f });
const intAttr = (name: string, i: number): AttributeMsg => ({ name, type: AttributeType.INT, i });
const intsAttr = (name: string, ints: number[]): AttributeMsg => ({ name, type: AttributeType.INTS, ints });

// Each feature from the columns x1, x2 ([N, 1] each).
const FEATURE_OPS: Record<Feature, (g: Graph, x1: string, x2: string, out: string) => string> = {
  x1: (_, x1) => x1,
  x2: (_, __, x2) => x2,
  x1sq: (g, x1, _, out) => g.op('Mul', [x1, x1], out),
  x2sq: (g, _, x2, out) => g.op('Mul', [x2, x2], out),
  x1x2: (g, x1, x2, out) => g.op('Mul', [x1, x2], out),
  sinx1: (g, x1, _, out) => g.op('Sin', [x1], out),
  sinx2: (g, _, x2, out) => g.op('Sin', [x2], out),
};

// Each activation applied to z; returns the output's name (z itself for linear).
const ACTIVATION_OPS: Record<Activation, (g: Graph, z: string, out: string) => string> = {
  linear: (_, z) => z,
  relu: (g, z, out) => g.op('Relu', [z], out),
  'leaky-relu': (g, z, out) => g.op('LeakyRelu', [z], out, [floatAttr('alpha', 0.01)]),
  elu: (g, z, out) => g.op('Elu', [z], out, [floatAttr('alpha', 1)]),
  tanh: (g, z, out) => g.op('Tanh', [z], out),
  sigmoid: (g, z, out) => g.op('Sigmoid', [z], out),
  softplus: (g, z, out) => g.op('Softplus', [z], out),
  swish: (g, z, out) => g.op('Mul', [z, g.op('Sigmoid', [z], `${out}.sigmoid`)], out),
  // gelu(z) = z · ½ (1 + erf(z / √2)), the exact (erf) form, as PyTorch exports nn.GELU.
  gelu: (g, z, out) => {
    const e = g.op('Erf', [g.op('Div', [z, g.scalar('sqrt2', Math.SQRT2)], `${out}.scaled`)], `${out}.erf`);
    const half = g.op('Mul', [g.op('Add', [e, g.scalar('one', 1)], `${out}.plus1`), g.scalar('half', 0.5)], `${out}.half`);
    return g.op('Mul', [z, half], out);
  },
  sin: (g, z, out) => g.op('Sin', [z], out),
  softmax: (g, z, out) => g.op('Softmax', [z], out, [intAttr('axis', -1)]),
};

/** One layer to build: its config, its shapes (net.layers) and its parameters (null for maxpool). */
interface LayerPlan {
  layer: LayerConfig;
  info: LayerInfo;
  w: Float32Array | null;
  b: Float32Array | null;
}

// Each layer kind: its ops from the input h to the pre-activation z (maxpool: its output).
// Dense: Gemm with W [out, in] (a Flatten first when it reads an image); conv2d: Conv with
// W [out, in, k, k] and explicit pads.
const LAYER_OPS: Record<LayerType, (g: Graph, h: string, l: number, p: LayerPlan) => string> = {
  dense: (g, h, l, { info, w, b }) => {
    const input = info.inputShape.length === 3 ? g.op('Flatten', [h], `layers.${l}.flat`, [intAttr('axis', 1)]) : h;
    return g.op('Gemm', [input, g.tensor(`layers.${l}.weight`, w!, info.weightShape!), g.tensor(`layers.${l}.bias`, b!, [info.weightShape![0]!])], `layers.${l}.z`, [intAttr('transB', 1)]);
  },
  conv2d: (g, h, l, { layer, info, w, b }) => {
    const c = layer as Extract<LayerConfig, { type: 'conv2d' }>;
    const pad = c.padding === 'same' ? Math.floor(c.kernel / 2) : 0;
    const stride = c.stride ?? 1;
    return g.op('Conv', [h, g.tensor(`layers.${l}.weight`, w!, info.weightShape!), g.tensor(`layers.${l}.bias`, b!, [c.channels])], `layers.${l}.z`, [
      intsAttr('kernel_shape', [c.kernel, c.kernel]),
      intsAttr('strides', [stride, stride]),
      intsAttr('pads', [pad, pad, pad, pad]),
    ]);
  },
  maxpool: (g, h, l) => g.op('MaxPool', [h], `layers.${l}.out`, [intsAttr('kernel_shape', [2, 2]), intsAttr('strides', [2, 2])]),
};

function valueInfo(name: string, dims: (number | string)[]): { name: string; type: object } {
  return {
    name,
    type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) } } },
  };
}

/**
 * The ONNX model (bytes) of a network: `config` as network.config reports it, `shapes` its
 * layers as net.layers describes them, `weights` and `biases` of the layers that have them
 * (PyTorch layout), the core's `version` for the producer field.
 */
export function toOnnxModel(
  config: ResolvedNetworkConfig,
  shapes: readonly LayerInfo[],
  weights: Float32Array[],
  biases: Float32Array[],
  options: OnnxOptions,
  featureNames: readonly Feature[],
  version: string,
): Uint8Array {
  const { features, dims, image } = resolveInputs(config, options, featureNames);
  const g = new Graph();
  // Images: x reshaped to [N, C, H, W]. Points: columns of x, the feature ops, then one
  // [N, F] tensor (x itself when it is that).
  let h = 'x';
  const identity = !image && features.length === dims && features.every((f, i) => f === (i === 0 ? 'x1' : 'x2'));
  if (image) {
    h = g.op('Reshape', ['x', g.int64s('image.shape', [-1, ...image])], 'image');
  } else if (!identity) {
    const [x1, x2] = dims === 2 ? ['x1', 'x2'] : ['x', 'x'];
    if (dims === 2) g.op('Split', ['x'], 'x1', [intAttr('axis', 1)], ['x1', 'x2']);
    const columns = features.map((f) => FEATURE_OPS[f](g, x1, x2, `features.${f}`));
    h = columns.length === 1 ? columns[0]! : g.op('Concat', columns, 'features', [intAttr('axis', 1)]);
    if (h === 'x') h = g.op('Identity', ['x'], 'features');
  }
  let p = 0;
  config.layers.forEach((layer, l) => {
    const info = shapes[l]!;
    const params = info.parameterIndex === null ? { w: null, b: null } : { w: weights[p]!, b: biases[p++]! };
    const z = LAYER_OPS[layer.type ?? 'dense'](g, h, l, { layer, info, ...params });
    if (layer.type === 'maxpool') {
      h = z;
      return;
    }
    const residual = layer.type !== 'conv2d' && layer.residual === true;
    const a = ACTIVATION_OPS[layer.activation](g, z, residual ? `layers.${l}.act` : `layers.${l}.out`);
    h = residual ? g.op('Add', [h, a], `layers.${l}.out`) : a;
  });
  g.op('Identity', [h], 'y');

  const outputs = (config.layers[config.layers.length - 1] as DenseLayerConfig).units;
  const inputText = image ? `${config.inputs} inputs (${image.join('×')} images)` : `${config.inputs} inputs (${features.join(', ')})`;
  const shape = [inputText, ...config.layers.map(describeLayer)].join(' -> ');
  const raw = image ? `the images, ${image.join('×')} values each in C×H×W order` : dims === 2 ? 'the points (x1, x2)' : 'the points (x)';
  return encodeModel({
    ir_version: IR_VERSION,
    opset_import: [{ domain: '', version: OPSET }],
    producer_name: 'mlp-playground',
    producer_version: version,
    doc_string: `A network trained in mlp-playground: ${shape}. Input x [N, ${dims}]: ${raw}; output y [N, ${outputs}]: the network's outputs.`,
    graph: {
      name: 'mlp',
      node: g.nodes,
      initializer: g.initializers,
      input: [valueInfo('x', ['N', dims])],
      output: [valueInfo('y', ['N', outputs])],
    },
    // The config for loadONNX (features only if given: the graph itself says how it reads x).
    metadata_props: [{ key: CONFIG_KEY, value: JSON.stringify(!image && (options.features || config.features) ? { ...config, features } : config) }],
  });
}
