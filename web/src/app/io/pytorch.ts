// "Export to PyTorch": a trained playground network as a ready-to-run Python script (layers,
// exact weights, loss, optimizer, predict/train helpers and a demo), for users who outgrow
// the browser. The output is deterministic: the same network gives the same text.
import type { Activation, Feature, Parameters, Problem, ResolvedNetworkConfig } from '../../core/types.js';
import { formatFloat32 } from './float32.js';

/** The parts of a network the script needs: `{ config: net.config, parameters: net.getParameters() }`. */
export interface ExportableNetwork {
  config: ResolvedNetworkConfig;
  parameters: Parameters;
}

export interface PyTorchExportOptions {
  /** The network's inputs, one feature per input, in input order (the playground's feature list). */
  features: Feature[];
  /**
   * What the data is, which decides how the script's train() turns labels into targets.
   * Default: classification for `bce`/`softmax-ce`, several outputs or a `classes` option, else
   * regression. Pass it: a 1-output tanh network may be either (the playground's default is
   * 2-class classification with targets -1/+1).
   */
  problem?: Problem;
  /** Classes of a classification problem; default 2 for one output, else the output count. */
  classes?: number;
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

// The torch.nn module of each activation; null for none (linear).
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

/** A Python float literal that reads back (as a float32 tensor element) to exactly `v`. */
function pyFloat(v: number): string {
  const s = formatFloat32(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

function fail(message: string): never {
  throw new Error(`toPyTorchScript: ${message}`);
}

/** Checks that config, parameters and features describe one network; returns the layer sizes [inputs, ...units]. */
function check(network: ExportableNetwork, options: PyTorchExportOptions): number[] {
  const { config, parameters } = network ?? ({} as ExportableNetwork);
  if (!config || !Array.isArray(config.layers) || config.layers.length === 0) fail('config.layers: must list at least one layer');
  const features = options?.features;
  if (!Array.isArray(features) || features.length === 0) fail('features: must list at least one feature');
  const seen = new Set<string>();
  for (const f of features) {
    if (!Object.hasOwn(FEATURE_CODE, f)) {
      fail(`features: unknown feature ${JSON.stringify(f)}; allowed: ${Object.keys(FEATURE_CODE).join(', ')}`);
    }
    if (seen.has(f)) fail(`features: ${JSON.stringify(f)} is listed twice`);
    seen.add(f);
  }
  if (config.inputs !== features.length) fail(`features: the network has ${config.inputs} inputs but ${features.length} features were given`);
  const sizes = [config.inputs];
  config.layers.forEach((l, i) => {
    if (!Number.isInteger(l.units) || l.units < 1) fail(`config.layers[${i}].units: must be a positive integer, got ${l.units}`);
    if (!Object.hasOwn(ACTIVATION_MODULE, l.activation)) fail(`config.layers[${i}].activation: unknown activation ${JSON.stringify(l.activation)}`);
    if (l.activation === 'softmax' && i !== config.layers.length - 1) fail(`config.layers[${i}].activation: softmax is allowed on the output layer only`);
    sizes.push(l.units);
  });
  const out = config.layers[config.layers.length - 1]!.activation;
  if (config.loss === 'bce' && out !== 'sigmoid') fail(`config.loss: "bce" needs a sigmoid output layer, got "${out}"`);
  if (config.loss === 'softmax-ce' && out !== 'softmax') fail(`config.loss: "softmax-ce" needs a softmax output layer, got "${out}"`);
  if (!['mse', 'bce', 'softmax-ce'].includes(config.loss)) fail(`config.loss: unknown loss ${JSON.stringify(config.loss)}`);
  if (!['sgd', 'momentum', 'adam'].includes(config.optimizer?.type)) fail(`config.optimizer.type: unknown optimizer ${JSON.stringify(config.optimizer?.type)}`);
  if (!parameters || parameters.weights?.length !== config.layers.length || parameters.biases?.length !== config.layers.length) {
    fail(`parameters: expected ${config.layers.length} weights and biases (one per layer)`);
  }
  for (let l = 0; l < config.layers.length; l++) {
    const w = parameters.weights[l]!;
    const b = parameters.biases[l]!;
    if (w.length !== sizes[l + 1]! * sizes[l]!) fail(`parameters.weights[${l}]: expected ${sizes[l + 1]} x ${sizes[l]} = ${sizes[l + 1]! * sizes[l]!} values, got ${w.length}`);
    if (b.length !== sizes[l + 1]) fail(`parameters.biases[${l}]: expected ${sizes[l + 1]} values, got ${b.length}`);
    for (const [name, a] of [['weights', w], ['biases', b]] as const) {
      const bad = a.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) fail(`parameters.${name}[${l}][${bad}] is ${a[bad]}, not finite`);
    }
  }
  return sizes;
}

/**
 * A self-contained Python script reproducing a playground network in PyTorch:
 * `features(x1, x2)` computing the selected input features; `model`, an nn.Sequential of
 * nn.Linear and activation modules with the trained weights loaded exactly (PyTorch layout,
 * weight [out, in]; every float printed so that it reads back as the same float32);
 * `predict(x1, x2)`, the network's outputs as the playground computes them; `loss_fn`,
 * `optimizer` (same hyper-parameters, l2 as weight decay on weights only, l1 as an explicit
 * gradient term, gradient clipping when set), `targets`, `train_step`, `train` and
 * `load_csv` to carry on training; and a `__main__` demo printing predictions at a few points.
 *
 * With `bce` or `softmax-ce` the loss applies the sigmoid/softmax itself (BCEWithLogitsLoss,
 * CrossEntropyLoss), so `model` ends at the logits and predict() applies the output
 * activation. The text is deterministic (no dates). Throws an Error naming the field when
 * the config, parameters and features do not fit together.
 */
export function toPyTorchScript(network: ExportableNetwork, options: PyTorchExportOptions): string {
  const sizes = check(network, options);
  const { config, parameters } = network;
  const features = options.features;
  const layers = config.layers;
  const outputs = sizes[sizes.length - 1]!;
  const outAct = layers[layers.length - 1]!.activation;
  const logits = config.loss === 'bce' || config.loss === 'softmax-ce';
  const problem: Problem = options.problem ?? (logits || outputs > 1 || options.classes !== undefined ? 'classification' : 'regression');
  const classes = options.classes ?? (outputs === 1 ? 2 : outputs);
  if (problem === 'classification') {
    if (!Number.isInteger(classes) || classes < 2) fail(`classes: must be an integer >= 2 for classification, got ${classes}`);
    if (outputs !== 1 && outputs !== classes) fail(`classes: a ${classes}-class problem needs 1 or ${classes} outputs, the network has ${outputs}`);
    if (outputs === 1 && classes !== 2) fail(`classes: one output can only separate 2 classes, got ${classes}`);
  }
  if (problem === 'regression' && outputs !== 1) fail(`problem: regression needs 1 output, the network has ${outputs}`);
  const usesX2 = features.some((f) => f === 'x2' || f === 'x2sq' || f === 'x1x2' || f === 'sinx2');
  const reg = config.regularization ?? { type: 'none', rate: 0 };
  const regType = reg.rate > 0 ? reg.type : 'none';
  const opt = config.optimizer;
  const clip = config.clipNorm > 0 ? config.clipNorm : 0;
  const paramCount = sizes.slice(1).reduce((sum, u, i) => sum + u * (sizes[i]! + 1), 0);

  const L: string[] = [];
  const emit = (...lines: string[]): void => {
    L.push(...lines);
  };

  // ---- header
  const shape = [`${sizes[0]} inputs (${features.join(', ')})`, ...layers.map((l) => `${l.units} ${l.activation}`)].join(' -> ');
  const optText =
    opt.type === 'sgd'
      ? `sgd, learning rate ${pyFloat(opt.learningRate)}`
      : opt.type === 'momentum'
        ? `momentum ${pyFloat(opt.momentum)}, learning rate ${pyFloat(opt.learningRate)}`
        : `adam, learning rate ${pyFloat(opt.learningRate)}, betas (${pyFloat(opt.beta1)}, ${pyFloat(opt.beta2)}), eps ${pyFloat(opt.eps)}`;
  const dataText = problem === 'regression' ? 'regression' : `${classes}-class classification`;
  emit(
    '# A neural network trained in mlp-playground, exported as a PyTorch script.',
    '# Generated by mlp-playground: the same layers, trained weights, loss and optimizer, with',
    '# predict() to use the network and train() to keep training it outside the browser.',
    '#',
    '#   pip install torch',
    '#   python3 this_script.py      # prints the outputs at a few points',
    '#',
    `# Network: ${shape}; ${paramCount} parameters`,
    `# Loss: ${config.loss}. Optimizer: ${optText}.`,
    `# Regularization: ${regType === 'none' ? 'none' : `${regType}, rate ${pyFloat(reg.rate)}`}.${clip ? ` Gradient clipping: norm ${pyFloat(clip)}.` : ''} Data: ${dataText}.`,
    '',
    'import torch',
    'from torch import nn',
    '',
    '',
  );

  // ---- features
  const x2Param = usesX2 ? 'x2' : 'x2=None';
  emit(
    '# The network does not see a point (x1, x2) itself but these input features of it.',
    `FEATURES = [${features.map((f) => `"${f}"`).join(', ')}]`,
    '',
    '',
    `def features(x1, ${x2Param}):`,
    `    """Input features of points (x1[i], x2[i]): float tensors of shape [n] -> [n, ${features.length}].${usesX2 ? '' : ' x2 is unused.'}"""`,
    `    return torch.stack([${features.map((f) => FEATURE_CODE[f]).join(', ')}], dim=1)`,
    '',
    '',
  );

  // ---- model
  if (layers.some((l) => l.activation === 'sin')) {
    emit(
      'class Sin(nn.Module):',
      '    """The sine activation (torch.nn has none)."""',
      '',
      '    def forward(self, x):',
      '        return torch.sin(x)',
      '',
      '',
    );
  }
  const linearIndex: number[] = [];
  const modules: string[] = [];
  layers.forEach((l, i) => {
    linearIndex.push(modules.length);
    modules.push(`nn.Linear(${sizes[i]}, ${sizes[i + 1]})`);
    const last = i === layers.length - 1;
    const act = ACTIVATION_MODULE[l.activation];
    if (act && !(last && logits)) modules.push(act);
  });
  if (logits) {
    emit(
      config.loss === 'bce'
        ? '# The output layer is a sigmoid; `model` stops before it, at the logits, because'
        : '# The output layer is a softmax; `model` stops before it, at the logits, because',
      config.loss === 'bce'
        ? '# BCEWithLogitsLoss applies the sigmoid itself (stably). predict() applies it.'
        : '# CrossEntropyLoss applies the (log-)softmax itself (stably). predict() applies it.',
    );
  }
  emit('model = nn.Sequential(', ...modules.map((m) => `    ${m},`), ')', '');

  // ---- parameters
  const row = (a: Float32Array, from: number, to: number): string => {
    const out: string[] = [];
    for (let i = from; i < to; i++) out.push(pyFloat(a[i]!));
    return `[${out.join(', ')}]`;
  };
  emit('# The trained parameters (PyTorch layout: weight is [out, in]), loaded exactly.', 'with torch.no_grad():');
  layers.forEach((_, l) => {
    const w = parameters.weights[l]!;
    const b = parameters.biases[l]!;
    const rows = sizes[l + 1]!;
    const cols = sizes[l]!;
    const k = linearIndex[l]!;
    emit(`    model[${k}].weight.copy_(torch.tensor([`);
    for (let r = 0; r < rows; r++) emit(`        ${row(w, r * cols, (r + 1) * cols)},`);
    emit('    ], dtype=torch.float32))', `    model[${k}].bias.copy_(torch.tensor(${row(b, 0, rows)}, dtype=torch.float32))`);
  });
  emit('', '');

  // ---- predict
  const apply =
    config.loss === 'bce'
      ? 'torch.sigmoid(model(features(x1, x2)))'
      : config.loss === 'softmax-ce'
        ? 'torch.softmax(model(features(x1, x2)), dim=-1)'
        : 'model(features(x1, x2))';
  emit(
    `def predict(x1, ${x2Param}):`,
    `    """The network's outputs at points (x1[i], x2[i]), as the playground computes them: [n, ${outputs}]."""`,
    '    with torch.no_grad():',
    `        return ${apply}`,
    '',
    '',
  );

  // ---- training
  emit('# ---- training: the same loss and optimizer as in the playground ----', '');
  const lossText: Record<typeof config.loss, string> = {
    mse: 'nn.MSELoss()  # mean over points and outputs',
    bce: 'nn.BCEWithLogitsLoss()  # binary cross-entropy of sigmoid(logits), mean',
    'softmax-ce': 'nn.CrossEntropyLoss()  # cross-entropy of softmax(logits) with class indices, mean',
  };
  emit(`loss_fn = ${lossText[config.loss]}`);
  emit('weights = [m.weight for m in model if isinstance(m, nn.Linear)]', 'biases = [m.bias for m in model if isinstance(m, nn.Linear)]');
  const hyper =
    opt.type === 'sgd'
      ? `lr=${pyFloat(opt.learningRate)}`
      : opt.type === 'momentum'
        ? `lr=${pyFloat(opt.learningRate)}, momentum=${pyFloat(opt.momentum)}`
        : `lr=${pyFloat(opt.learningRate)}, betas=(${pyFloat(opt.beta1)}, ${pyFloat(opt.beta2)}), eps=${pyFloat(opt.eps)}`;
  const optClass = opt.type === 'adam' ? 'torch.optim.Adam' : 'torch.optim.SGD';
  if (regType === 'l2') {
    emit(
      `# l2 regularization: weight_decay adds ${pyFloat(reg.rate)} * w to the gradient of each weight (not the biases),`,
      '# after gradient clipping, as the playground does.',
      `optimizer = ${optClass}(`,
      `    [{"params": weights, "weight_decay": ${pyFloat(reg.rate)}}, {"params": biases, "weight_decay": 0.0}],`,
      `    ${hyper},`,
      ')',
    );
  } else {
    emit(`optimizer = ${optClass}(model.parameters(), ${hyper})`);
  }
  if (regType === 'l1') {
    emit(
      `# l1 regularization: the gradient of L1_RATE * sum(|w|) over the weights (not the biases),`,
      '# added in train_step after gradient clipping, as the playground does.',
      `L1_RATE = ${pyFloat(reg.rate)}`,
    );
  }
  if (clip) emit(`CLIP_NORM = ${pyFloat(clip)}  # gradient-norm clipping (all parameters)`);
  emit('', '');

  let targetDoc: string;
  let targetCode: string;
  if (problem === 'regression') {
    targetDoc = 'Regression values y [n] -> targets [n, 1].';
    targetCode = 'y.float().reshape(-1, 1)';
  } else if (config.loss === 'softmax-ce') {
    targetDoc = `Class indices y [n] (0..${classes - 1}) -> the class indices CrossEntropyLoss takes.`;
    targetCode = 'y.long()';
  } else if (outputs === 1) {
    const neg = outAct === 'sigmoid' ? 0 : -1;
    targetDoc = `Class indices y [n] (0 or 1) -> targets [n, 1]: class 1 -> 1, class 0 -> ${neg}.`;
    targetCode = neg === 0 ? '(y == 1).float().reshape(-1, 1)' : '((y == 1).float() * 2 - 1).reshape(-1, 1)';
  } else {
    targetDoc = `Class indices y [n] (0..${classes - 1}) -> one-hot targets [n, ${classes}].`;
    targetCode = `nn.functional.one_hot(y.long(), ${classes}).float()`;
  }
  emit('def targets(y):', `    """${targetDoc}"""`, `    return ${targetCode}`, '', '');

  emit(
    'def train_step(x1, x2, y):',
    '    """One minibatch update; returns the loss before it (what the playground reports)."""',
    '    optimizer.zero_grad()',
    '    loss = loss_fn(model(features(x1, x2)), targets(y))',
    '    loss.backward()',
  );
  if (clip) emit('    nn.utils.clip_grad_norm_(model.parameters(), max_norm=CLIP_NORM)');
  if (regType === 'l1') {
    emit('    with torch.no_grad():', '        for w in weights:', '            w.grad.add_(L1_RATE * torch.sign(w))');
  }
  emit(
    '    optimizer.step()',
    '    return loss.item()',
    '',
    '',
    'def train(x1, x2, y, epochs=1, batch_size=10):',
    '    """Epochs of minibatch training on shuffled points; returns the mean loss of the last epoch."""',
    '    n = len(y)',
    '    for _ in range(epochs):',
    '        order = torch.randperm(n)',
    '        total = 0.0',
    '        for start in range(0, n, batch_size):',
    '            i = order[start:start + batch_size]',
    '            total += train_step(x1[i], None if x2 is None else x2[i], y[i]) * len(i)',
    '    return total / n',
    '',
    '',
    'def load_csv(path):',
    '    """Points from a CSV exported by the playground: (x1, x2, y) tensors, x2 None for x,y files."""',
    '    rows = []',
    '    with open(path) as f:',
    '        for line in f:',
    '            line = line.strip()',
    '            if not line or line.startswith("#"):',
    '                continue',
    '            try:',
    '                rows.append([float(v) for v in line.split(",")])',
    '            except ValueError:',
    '                if rows:  # only the header line may be text',
    '                    raise',
    '    columns = [torch.tensor([r[c] for r in rows], dtype=torch.float32) for c in range(len(rows[0]))]',
    '    return (columns[0], None, columns[1]) if len(columns) == 2 else tuple(columns)',
    '',
    '',
  );

  // ---- demo
  const demo1 = usesX2 ? [-3, -3, 0, 1.5, 3, 3] : [-3, -1.5, 0, 0.5, 1.5, 3];
  const demo2 = [-3, 3, 0, -0.5, -3, 3];
  const list = (a: number[]): string => `[${a.map(pyFloat).join(', ')}]`;
  emit('if __name__ == "__main__":', `    x1 = torch.tensor(${list(demo1)})`);
  if (usesX2) {
    emit(
      `    x2 = torch.tensor(${list(demo2)})`,
      '    for a, b, out in zip(x1.tolist(), x2.tolist(), predict(x1, x2).tolist()):',
      '        print(f"x1={a:+.2f} x2={b:+.2f} -> " + " ".join(f"{v:.6f}" for v in out))',
    );
  } else {
    emit(
      '    for a, out in zip(x1.tolist(), predict(x1).tolist()):',
      '        print(f"x1={a:+.2f} -> " + " ".join(f"{v:.6f}" for v in out))',
    );
  }
  emit(
    '    # To keep training on your data, export it from the playground as CSV, then:',
    '    #   x1, x2, y = load_csv("data.csv")',
    '    #   for epoch in range(100):',
    '    #       print(epoch, train(x1, x2, y, epochs=1, batch_size=10))',
  );
  return `${L.join('\n')}\n`;
}
