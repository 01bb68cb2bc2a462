// STAND-IN until helper/io lands (take theirs on merge): a trained network as a runnable
// PyTorch script (nn.Sequential carrying the weights), with the agreed signature.
import type { Feature, Parameters, Problem, ResolvedNetworkConfig } from '../../core/types.js';

export interface ExportableNetwork {
  config: ResolvedNetworkConfig;
  parameters: Parameters;
}
export interface PyTorchExportOptions {
  features: Feature[];
  problem?: Problem;
  classes?: number;
}

const ACT: Record<string, string> = {
  linear: '', relu: 'nn.ReLU()', 'leaky-relu': 'nn.LeakyReLU(0.01)', elu: 'nn.ELU()', tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()', softplus: 'nn.Softplus()', swish: 'nn.SiLU()', gelu: 'nn.GELU()', softmax: 'nn.Softmax(dim=1)', sin: 'Sin()',
};

export function toPyTorchScript(network: ExportableNetwork, options: PyTorchExportOptions): string {
  const { config, parameters } = network;
  const out: string[] = ['import torch', 'from torch import nn', '', 'class Sin(nn.Module):', '    def forward(self, x):', '        return torch.sin(x)', ''];
  out.push(`FEATURES = ${JSON.stringify(options.features)}`, 'model = nn.Sequential(');
  let fanIn = config.inputs;
  for (const l of config.layers) {
    out.push(`    nn.Linear(${fanIn}, ${l.units}),`);
    if (ACT[l.activation]) out.push(`    ${ACT[l.activation]},`);
    fanIn = l.units;
  }
  out.push(')', 'linears = [m for m in model if isinstance(m, nn.Linear)]', 'with torch.no_grad():');
  config.layers.forEach((l, i) => {
    const w = Array.from(parameters.weights[i]!);
    const rows: number[][] = [];
    for (let u = 0; u < l.units; u++) rows.push(w.slice(u * (w.length / l.units), (u + 1) * (w.length / l.units)));
    out.push(`    linears[${i}].weight.copy_(torch.tensor(${JSON.stringify(rows)}))`);
    out.push(`    linears[${i}].bias.copy_(torch.tensor(${JSON.stringify(Array.from(parameters.biases[i]!))}))`);
  });
  out.push('', 'if __name__ == "__main__":', '    print(model)');
  return out.join('\n') + '\n';
}
