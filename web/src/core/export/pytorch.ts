// net.toPyTorch(): a network as a self-contained PyTorch training script. The generated
// head says what this network is (features, nn.Sequential, loss, optimizer, targets, the
// network file with the weights); the runtime after it (pytorch-runtime.ts) is the same for
// every network: CSV streaming, the training loop, DistributedDataParallel, the CLI.
// Each layer kind, activation and loss is one row of a table below: a new layer type adds
// a row to LAYER_MODULES (and its module class to PARAMETERIZED in the runtime, its name to
// describe_layer there).
import { fail } from './fail.js';
import type { Activation, DenseLayerConfig, Feature, LayerConfig, LayerInfo, LayerType, Loss, Problem, ResolvedNetworkConfig, ScheduleConfig, ScheduleType } from '../types.js';
import { describeLayer, type InputOptions, product, resolveInputs } from './inputs.js';
import { PYTORCH_RUNTIME } from './pytorch-runtime.js';

export interface PyTorchOptions extends InputOptions {
  /**
   * What the data is, which decides how the script turns CSV labels into targets. Default:
   * classification for `bce`/`softmax-ce`, several outputs or a `classes` option, else
   * regression (pass it: a 1-output tanh network may be either).
   */
  problem?: Problem;
  /** Classes of a classification problem; default 2 for one output, else the output count. */
  classes?: number;
  /** The script's default --batch-size (points per step and process). Default 10. */
  batchSize?: number;
}

/** The network file as serialize() writes it (the parts the script reads). */
export interface NetworkDocument {
  config: ResolvedNetworkConfig;
  [key: string]: unknown;
}

// How each feature is computed from the raw coordinates x1, x2 (tensors of shape [n]).
const FEATURE_CODE: Record<Feature, string> = {
  x1: 'x1',
  x2: 'x2',
  x1sq: 'x1 * x1',
  x2sq: 'x2 * x2',
  x1x2: 'x1 * x2',
  sinx1: 'torch.sin(x1)',
  sinx2: 'torch.sin(x2)',
};

// The torch.nn module of each activation (null: none). `Sin` is defined in the script.
const ACTIVATION_MODULE: Record<Activation, string | null> = {
  linear: null,
  relu: 'nn.ReLU()',
  'leaky-relu': 'nn.LeakyReLU(0.01)',
  elu: 'nn.ELU(alpha=1.0)',
  tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()',
  softplus: 'nn.Softplus()',
  swish: 'nn.SiLU()',
  gelu: 'nn.GELU()',
  sin: 'Sin()',
  softmax: 'nn.Softmax(dim=-1)',
};

// The modules of each layer kind, given its input's shape ([n] or [C, H, W], from the core)
// and its activation module (null: none, or left to the loss). A dense layer after image
// layers reads them flattened (nn.Flatten: C x H x W, the core's order); a residual one adds
// its input (Residual, defined in the script).
const LAYER_MODULES: Record<LayerType, (layer: LayerConfig, input: readonly number[], act: string | null) => string[]> = {
  dense: (layer, input, act) => {
    const l = layer as DenseLayerConfig;
    const flatten = input.length === 3 ? ['nn.Flatten()'] : [];
    const linear = `nn.Linear(${product(input)}, ${l.units})`;
    if (l.residual) return [...flatten, `Residual(${linear}${act ? `, ${act}` : ''})`];
    return [...flatten, linear, ...(act ? [act] : [])];
  },
  conv2d: (layer, input, act) => {
    const l = layer as Extract<LayerConfig, { type: 'conv2d' }>;
    const pad = l.padding === 'same' ? Math.floor(l.kernel / 2) : 0;
    return [`nn.Conv2d(${input[0]}, ${l.channels}, ${l.kernel}, stride=${l.stride ?? 1}, padding=${pad})`, ...(act ? [act] : [])];
  },
  maxpool: () => ['nn.MaxPool2d(2)'],
};


// Each loss: the torch loss, and what predict() applies after a model that ends at logits
// (the loss applies the output activation itself, stably).
const LOSSES: Record<Loss, { fn: string; output: string }> = {
  mse: { fn: 'nn.MSELoss()  # mean over points and outputs', output: 'None' },
  bce: { fn: 'nn.BCEWithLogitsLoss()  # of sigmoid(logits), mean over points and outputs', output: 'torch.sigmoid' },
  'softmax-ce': { fn: 'nn.CrossEntropyLoss()  # of softmax(logits) and class indices, mean', output: 'lambda z: torch.softmax(z, dim=-1)' },
};

// Each learning-rate schedule as torch.optim.lr_scheduler builds it (null: none), stepped
// once per epoch by the runtime; the parameters are the config's, named as PyTorch names them.
const SCHEDULERS: Record<ScheduleType, ((s: Required<ScheduleConfig>) => string) | null> = {
  none: null,
  'step-lr': (s) => `StepLR(optimizer, step_size=${s.stepSize}, gamma=${num(s.gamma)})`,
  'cosine-annealing-lr': (s) => `CosineAnnealingLR(optimizer, T_max=${s.tMax}, eta_min=${num(s.etaMin)})`,
  'linear-lr': (s) => `LinearLR(optimizer, start_factor=${num(s.startFactor)}, end_factor=${num(s.endFactor)}, total_iters=${s.totalIters})`,
};

/** A Python literal of a config number (the core writes float32 values in shortest form). */
function num(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** JSON with every array of numbers on one line (the weights of a layer: one line each). */
function pretty(v: unknown, indent: string): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0.0' : JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.every((e) => typeof e === 'number')) return `[${v.map((e) => pretty(e, '')).join(', ')}]`;
    const inner = indent + ' ';
    return `[\n${v.map((e) => inner + pretty(e, inner)).join(',\n')}\n${indent}]`;
  }
  if (v !== null && typeof v === 'object') {
    const inner = indent + ' ';
    const rows = Object.entries(v).map(([k, e]) => `${inner}${JSON.stringify(k)}: ${pretty(e, inner)}`);
    return `{\n${rows.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

/**
 * The script for the network file `doc` (serialize() output); `shapes` are the network's
 * layers as the core built them (net.layers), `featureNames` the core's, `version` its
 * version (named in the header). Throws (see fail.ts) naming the option at fault.
 */
export function toPyTorchScript(doc: NetworkDocument, shapes: readonly LayerInfo[], options: PyTorchOptions, featureNames: readonly Feature[], version: string): string {
  const config = doc.config;
  const { features, dims, image } = resolveInputs(config, options, featureNames);
  const layers = config.layers;
  const last = layers[layers.length - 1] as DenseLayerConfig;  // the output layer is dense
  const outputs = last.units;
  const outAct = last.activation;
  const logits = config.loss !== 'mse';
  const problem: Problem = options.problem ?? (logits || outputs > 1 || options.classes !== undefined ? 'classification' : 'regression');
  if (problem !== 'classification' && problem !== 'regression') fail('problem', `must be "classification" or "regression", got ${JSON.stringify(problem)}`);
  const classes = problem === 'regression' ? 0 : (options.classes ?? (outputs === 1 ? 2 : outputs));
  if (problem === 'classification') {
    if (!Number.isInteger(classes) || classes < 2) fail('classes', `must be an integer >= 2 for classification, got ${classes}`);
    if (outputs === 1 && classes !== 2) fail('classes', `one output can only separate 2 classes, got ${classes}`);
    if (outputs !== 1 && outputs !== classes) fail('classes', `a ${classes}-class problem needs 1 or ${classes} outputs, the network has ${outputs}`);
    if (!image && dims === 1) fail('dims', 'classification needs 2-D points (a 1-D CSV, x,y, is regression)');
  } else if (outputs !== 1 || logits) {
    fail('problem', `regression needs 1 output and the mse loss; the network has ${outputs} outputs and ${config.loss}`);
  }
  const batchSize = options.batchSize ?? 10;
  if (!Number.isInteger(batchSize) || batchSize < 1) fail('batchSize', `must be a positive integer, got ${batchSize}`);

  const params = shapes.reduce((n, l) => n + (l.weightShape ? product(l.weightShape) + l.weightShape[0]! : 0), 0);
  const o = config.optimizer;
  const reg = config.regularization.rate > 0 ? config.regularization.type : 'none';
  const hyper =
    o.type === 'adam' ? `lr=lr, betas=(${num(o.beta1)}, ${num(o.beta2)}), eps=${num(o.eps)}` : o.type === 'momentum' ? `lr=lr, momentum=${num(o.momentum)}` : 'lr=lr';
  const optText =
    o.type === 'adam'
      ? `adam, learning rate ${num(o.learningRate)}, betas (${num(o.beta1)}, ${num(o.beta2)}), eps ${num(o.eps)}`
      : o.type === 'momentum' ? `momentum ${num(o.momentum)}, learning rate ${num(o.learningRate)}` : `sgd, learning rate ${num(o.learningRate)}`;
  const imageText = image ? `${image.join('×')} images` : '';
  const layout = image ? `${dims} pixel values (C×H×W order),${problem === 'regression' ? 'value' : 'label'}` : problem === 'regression' ? (dims === 1 ? 'x,y' : 'x1,x2,value') : 'x1,x2,label';
  const dataText = problem === 'regression' ? `regression on ${image ? imageText : `${dims}-D points`}` : `${classes}-class classification of ${image ? imageText : '2-D points'}`;
  const inputText = image ? `${config.inputs} inputs (${image.join('×')} images)` : `${config.inputs} inputs (${features.join(', ')})`;
  const shape = [inputText, ...layers.map(describeLayer)].join(' -> ');

  const modules: string[] = [];
  layers.forEach((l, i) => {
    const act = 'activation' in l && !(logits && i === layers.length - 1) ? ACTIVATION_MODULE[l.activation] : null;
    modules.push(...LAYER_MODULES[l.type ?? 'dense'](l, shapes[i]!.inputShape, act));
  });

  let targets: string;
  if (problem === 'regression') targets = `    """Values y [n] -> targets [n, 1]."""\n    return y.reshape(-1, 1)`;
  else if (config.loss === 'softmax-ce') targets = `    """Class indices y [n] (0..${classes - 1}) -> the class indices CrossEntropyLoss takes."""\n    return y.long()`;
  else if (outputs === 1) {
    const neg = outAct === 'sigmoid' ? 0 : -1;
    targets = `    """Class indices y [n] (0 or 1) -> targets [n, 1]: class 1 -> 1, class 0 -> ${neg}."""\n    return ${neg === 0 ? '(y == 1).float().reshape(-1, 1)' : '((y == 1).float() * 2 - 1).reshape(-1, 1)'}`;
  } else targets = `    """Class indices y [n] (0..${classes - 1}) -> one-hot targets [n, ${classes}]."""\n    return nn.functional.one_hot(y.long(), ${classes}).float()`;

  const optimizer =
    reg === 'l2'
      ? [
          `    # l2: weight_decay adds ${num(config.regularization.rate)} * w to each weight's gradient (not the biases),`,
          '    # after gradient clipping, as the playground does.',
          '    weights = [m.weight for m in parameterized(model)]',
          '    biases = [m.bias for m in parameterized(model)]',
          `    groups = [{"params": weights, "weight_decay": ${num(config.regularization.rate)}}, {"params": biases, "weight_decay": 0.0}]`,
          `    return ${o.type === 'adam' ? 'torch.optim.Adam' : 'torch.optim.SGD'}(groups, ${hyper})`,
        ]
      : [`    return ${o.type === 'adam' ? 'torch.optim.Adam' : 'torch.optim.SGD'}(model.parameters(), ${hyper})`];
  const regularize =
    reg === 'l1'
      ? [
          `    """l1: adds ${num(config.regularization.rate)} * sign(w) to each weight's gradient (not the biases), after clipping."""`,
          '    with torch.no_grad():',
          '        for m in parameterized(model):',
          `            m.weight.grad.add_(torch.sign(m.weight), alpha=${num(config.regularization.rate)})`,
        ]
      : ['    """No l1 term (l2 is the optimizer\'s weight_decay)."""'];
  const schedule = config.schedule;
  const scheduler = schedule ? SCHEDULERS[schedule.type] : null;
  const stopping = config.stopping ?? { patience: 0, trainLoss: 0 };
  const demo = image
    ? '[[0.0] * DIMS, [0.5] * DIMS, [(i % 7) / 6 for i in range(DIMS)]]  # blank, grey, stripes'
    : JSON.stringify(dims === 2 ? [[-3, -3], [-3, 3], [0, 0], [1.5, -0.5], [3, -3], [3, 3]] : [[-3], [-1.5], [0], [0.5], [1.5], [3]]).replace(/,/g, ', ');

  const head = [
    '#!/usr/bin/env python3',
    '"""A neural network trained in mlp-playground, exported as a PyTorch training script.',
    '',
    `Generated by mlp-playground ${version}: the same layers, weights, loss and optimizer.`,
    `Network: ${shape} (${params} parameters)`,
    `Loss: ${config.loss}. Optimizer: ${optText}.`,
    `Regularization: ${reg === 'none' ? 'none' : `${reg}, rate ${num(config.regularization.rate)}`}.${config.clipNorm > 0 ? ` Gradient clipping: norm ${num(config.clipNorm)}.` : ''}`,
    ...(scheduler && schedule ? [`Learning-rate schedule (per epoch): torch.optim.lr_scheduler.${scheduler(schedule)}.`] : []),
    ...(stopping.patience > 0 ? [`Early stopping: after ${stopping.patience} epochs without a lower loss on --test.`] : []),
    ...(stopping.trainLoss > 0 ? [`Stops once an epoch's loss is at or below ${num(stopping.trainLoss)}.`] : []),
    `Data: ${dataText}; CSV files as the playground writes them (${layout}).`,
    '',
    '  python3 this_script.py                       prints the outputs at a few points',
    '  python3 this_script.py --data points.csv --epochs 20 --out weights.json',
    '  torchrun --nproc_per_node=4 this_script.py --data points.csv --out weights.json',
    '                                               4 processes (CPU cores or GPUs), DistributedDataParallel',
    '',
    'weights.json loads back with mlp.loadNetwork() (npm mlp-playground) and the playground\'s',
    '"Import network". Needs PyTorch (pip install torch, or Debian\'s python3-torch).',
    '"""',
    'import argparse',
    'import hashlib',
    'import json',
    'import math',
    'import os',
    'import re',
    'import struct',
    'import time',
    'import warnings',
    'from array import array',
    '',
    'import torch',
    'import torch.distributed as dist',
    'from torch import nn',
    'from torch.nn.parallel import DistributedDataParallel',
    'from torch.utils.data import BatchSampler, DistributedSampler, TensorDataset',
    '',
    ...(image
      ? [
          '# The network reads images: each row of data is its pixel values in C x H x W order.',
          'FEATURES = []',
          `IMAGE = (${image.join(', ')})  # channels, height, width`,
          `DIMS = ${dims}  # values per image`,
        ]
      : [
          '# The network does not see a point (x1, x2) itself but these input features of it.',
          `FEATURES = [${features.map((f) => JSON.stringify(f)).join(', ')}]`,
          'IMAGE = None',
          `DIMS = ${dims}  # raw coordinates per point: ${dims === 2 ? 'x1, x2' : 'x'}`,
        ]),
    `PROBLEM = "${problem}"`,
    `CLASSES = ${classes}`,
    `BATCH_SIZE = ${batchSize}`,
    `DEMO_POINTS = ${demo}`,
    '',
    '',
    'def features(x):',
    ...(image
      ? [`    """Images x [n, ${dims}] (pixel values, C x H x W) -> [n, ${image.join(', ')}]."""`, `    return x.reshape(-1, ${image.join(', ')})`]
      : [
          `    """Input features of raw points x [n, ${dims}] -> [n, ${features.length}]."""`,
          dims === 2 ? '    x1, x2 = x[:, 0], x[:, 1]' : '    x1 = x[:, 0]',
          `    return torch.stack([${features.map((f) => FEATURE_CODE[f]).join(', ')}], dim=1)`,
        ]),
    '',
    '',
    'class Sin(nn.Module):',
    '    """The sine activation (torch.nn has none)."""',
    '',
    '    def forward(self, x):',
    '        return torch.sin(x)',
    '',
    '',
    'class Residual(nn.Module):',
    '    """A residual layer: its input plus the activation of its linear map, x + act(W x + b)."""',
    '',
    '    def __init__(self, linear, act=None):',
    '        super().__init__()',
    '        self.linear, self.act = linear, act',
    '',
    '    def forward(self, x):',
    '        z = self.linear(x)',
    '        return x + (self.act(z) if self.act is not None else z)',
    '',
    '',
    'def make_model():',
    logits
      ? `    """The layers; the model ends at the logits: the loss applies the ${outAct} itself, predict() too."""`
      : '    """The layers, each a torch module."""',
    '    return nn.Sequential(',
    ...modules.map((m) => `        ${m},`),
    '    )',
    '',
    '',
    `loss_fn = ${LOSSES[config.loss].fn}`,
    `OUTPUT = ${logits ? LOSSES[config.loss].output : 'None'}  # applied by predict() after the model`,
    `CLIP_NORM = ${num(config.clipNorm)}  # gradient-norm clipping of all parameters (0 = off)`,
    '',
    '',
    'def make_optimizer(model, lr):',
    ...optimizer,
    '',
    '',
    'def make_scheduler(optimizer):',
    '    """The learning-rate schedule, stepped after every epoch (None: a constant rate)."""',
    `    return ${scheduler && schedule ? `torch.optim.lr_scheduler.${scheduler(schedule)}` : 'None'}`,
    '',
    '',
    `STOP_PATIENCE = ${stopping.patience}  # early stopping: epochs without a lower --test loss (0 = off)`,
    `STOP_TRAIN_LOSS = ${num(stopping.trainLoss)}  # stop once an epoch's loss is at or below this (0 = off)`,
    '',
    '',
    'def regularize(model):',
    ...regularize,
    '',
    '',
    'def targets(y):',
    targets,
    '',
    '',
    '# The network as mlp-playground saved it (format "mlp-playground/network"): config, weights',
    '# (PyTorch layout: weight [out, in] or [out, in, k, k], each layer\'s row-major) and optimizer state.',
    `NETWORK = json.loads(r"""${pretty(doc, '')}""")`,
    '',
  ];
  return `${head.join('\n')}${PYTORCH_RUNTIME}`;
}
