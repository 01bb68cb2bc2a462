// net.toPyTorch(): a network as a self-contained PyTorch training script. The generated
// head says what this network is (features, nn.Sequential, loss, optimizer, targets, the
// network file with the weights); the runtime after it (pytorch-runtime.ts) is the same for
// every network: CSV streaming, the training loop, DistributedDataParallel, the CLI.
// Each layer kind, activation and loss is one row of a table below: a new layer type adds
// a row to LAYER_MODULES (and its module class to PARAMETERIZED in the runtime).
import { fail } from './fail.js';
import type { Activation, Feature, LayerConfig, Loss, Problem, ResolvedNetworkConfig } from '../types.js';
import { type InputOptions, resolveInputs } from './inputs.js';
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

// The modules of each layer kind, before its activation. Dense is the only kind today.
const LAYER_MODULES: Record<'dense', (layer: LayerConfig, fanIn: number) => string[]> = {
  dense: (layer, fanIn) => [`nn.Linear(${fanIn}, ${layer.units})`],
};

// Each loss: the torch loss, and what predict() applies after a model that ends at logits
// (the loss applies the output activation itself, stably).
const LOSSES: Record<Loss, { fn: string; output: string }> = {
  mse: { fn: 'nn.MSELoss()  # mean over points and outputs', output: 'None' },
  bce: { fn: 'nn.BCEWithLogitsLoss()  # of sigmoid(logits), mean over points and outputs', output: 'torch.sigmoid' },
  'softmax-ce': { fn: 'nn.CrossEntropyLoss()  # of softmax(logits) and class indices, mean', output: 'lambda z: torch.softmax(z, dim=-1)' },
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
 * The script for the network file `doc` (serialize() output). `featureNames` are the core's,
 * `version` its version (named in the header). Throws (see fail.ts) naming the option at fault.
 */
export function toPyTorchScript(doc: NetworkDocument, options: PyTorchOptions, featureNames: readonly Feature[], version: string): string {
  const config = doc.config;
  const { features, dims } = resolveInputs(config, options, featureNames);
  const layers = config.layers;
  const outputs = layers[layers.length - 1]!.units;
  const outAct = layers[layers.length - 1]!.activation;
  const logits = config.loss !== 'mse';
  const problem: Problem = options.problem ?? (logits || outputs > 1 || options.classes !== undefined ? 'classification' : 'regression');
  if (problem !== 'classification' && problem !== 'regression') fail('problem', `must be "classification" or "regression", got ${JSON.stringify(problem)}`);
  const classes = problem === 'regression' ? 0 : (options.classes ?? (outputs === 1 ? 2 : outputs));
  if (problem === 'classification') {
    if (!Number.isInteger(classes) || classes < 2) fail('classes', `must be an integer >= 2 for classification, got ${classes}`);
    if (outputs === 1 && classes !== 2) fail('classes', `one output can only separate 2 classes, got ${classes}`);
    if (outputs !== 1 && outputs !== classes) fail('classes', `a ${classes}-class problem needs 1 or ${classes} outputs, the network has ${outputs}`);
    if (dims === 1) fail('dims', 'classification needs 2-D points (a 1-D CSV, x,y, is regression)');
  } else if (outputs !== 1 || logits) {
    fail('problem', `regression needs 1 output and the mse loss; the network has ${outputs} outputs and ${config.loss}`);
  }
  const batchSize = options.batchSize ?? 10;
  if (!Number.isInteger(batchSize) || batchSize < 1) fail('batchSize', `must be a positive integer, got ${batchSize}`);

  const sizes = [config.inputs, ...layers.map((l) => l.units)];
  const params = layers.reduce((n, l, i) => n + l.units * (sizes[i]! + 1), 0);
  const o = config.optimizer;
  const reg = config.regularization.rate > 0 ? config.regularization.type : 'none';
  const hyper =
    o.type === 'adam' ? `lr=lr, betas=(${num(o.beta1)}, ${num(o.beta2)}), eps=${num(o.eps)}` : o.type === 'momentum' ? `lr=lr, momentum=${num(o.momentum)}` : 'lr=lr';
  const optText =
    o.type === 'adam'
      ? `adam, learning rate ${num(o.learningRate)}, betas (${num(o.beta1)}, ${num(o.beta2)}), eps ${num(o.eps)}`
      : o.type === 'momentum' ? `momentum ${num(o.momentum)}, learning rate ${num(o.learningRate)}` : `sgd, learning rate ${num(o.learningRate)}`;
  const layout = problem === 'regression' ? (dims === 1 ? 'x,y' : 'x1,x2,value') : 'x1,x2,label';
  const dataText = problem === 'regression' ? `regression on ${dims}-D points` : `${classes}-class classification of 2-D points`;
  const shape = [`${config.inputs} inputs (${features.join(', ')})`, ...layers.map((l) => `${l.units} ${l.activation}`)].join(' -> ');

  const modules: string[] = [];
  layers.forEach((l, i) => {
    modules.push(...LAYER_MODULES.dense(l, sizes[i]!));
    const act = ACTIVATION_MODULE[l.activation];
    if (act && !(logits && i === layers.length - 1)) modules.push(act);
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
  const demo = dims === 2 ? [[-3, -3], [-3, 3], [0, 0], [1.5, -0.5], [3, -3], [3, 3]] : [[-3], [-1.5], [0], [0.5], [1.5], [3]];

  const head = [
    '#!/usr/bin/env python3',
    '"""A neural network trained in mlp-playground, exported as a PyTorch training script.',
    '',
    `Generated by mlp-playground ${version}: the same layers, weights, loss and optimizer.`,
    `Network: ${shape} (${params} parameters)`,
    `Loss: ${config.loss}. Optimizer: ${optText}.`,
    `Regularization: ${reg === 'none' ? 'none' : `${reg}, rate ${num(config.regularization.rate)}`}.${config.clipNorm > 0 ? ` Gradient clipping: norm ${num(config.clipNorm)}.` : ''}`,
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
    'from array import array',
    '',
    'import torch',
    'import torch.distributed as dist',
    'from torch import nn',
    'from torch.nn.parallel import DistributedDataParallel',
    'from torch.utils.data import BatchSampler, DistributedSampler, TensorDataset',
    '',
    '# The network does not see a point (x1, x2) itself but these input features of it.',
    `FEATURES = [${features.map((f) => JSON.stringify(f)).join(', ')}]`,
    `DIMS = ${dims}  # raw coordinates per point: ${dims === 2 ? 'x1, x2' : 'x'}`,
    `PROBLEM = "${problem}"`,
    `CLASSES = ${classes}`,
    `BATCH_SIZE = ${batchSize}`,
    `DEMO_POINTS = ${JSON.stringify(demo).replace(/,/g, ', ')}`,
    '',
    '',
    'def features(x):',
    `    """Input features of raw points x [n, ${dims}] -> [n, ${features.length}]."""`,
    dims === 2 ? '    x1, x2 = x[:, 0], x[:, 1]' : '    x1 = x[:, 0]',
    `    return torch.stack([${features.map((f) => FEATURE_CODE[f]).join(', ')}], dim=1)`,
    '',
    '',
    'class Sin(nn.Module):',
    '    """The sine activation (torch.nn has none)."""',
    '',
    '    def forward(self, x):',
    '        return torch.sin(x)',
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
    'def regularize(model):',
    ...regularize,
    '',
    '',
    'def targets(y):',
    targets,
    '',
    '',
    '# The network as mlp-playground saved it (format "mlp-playground/network"): config, weights',
    '# (PyTorch layout: weight [out, in], each layer\'s row-major) and optimizer state.',
    `NETWORK = json.loads(r"""${pretty(doc, '')}""")`,
    '',
  ];
  return `${head.join('\n')}${PYTORCH_RUNTIME}`;
}
