#!/usr/bin/env python3
"""The golden trajectories' expected values, computed by PyTorch.

Each tests/golden/*.json holds a network config, data (x: network inputs, y: targets),
the batches of each step and the core's initial parameters (written by the C++ suite:
MLP_WRITE_GOLDEN=1 build/native/test_golden). This script trains the same network in
PyTorch, written here from the config alone (not the exported script), from those
parameters on those batches, and records the loss before each step and the parameters
after the last:

  python3 tests/golden/regenerate.py --write   rewrite "losses", "parameters", "pytorch"
  python3 tests/golden/regenerate.py --check   (CI) fail if a file differs from PyTorch

The C++ suite (test_golden.cpp) and Vitest (golden.test.ts) compare the core against the
recorded values, so they check the core against PyTorch, not against itself.
"""
import argparse
import glob
import json
import os
import sys

import torch
from torch import nn

# How far a committed value may be from PyTorch's (relative, or absolute below 1).
TOLERANCE = 1e-6

ACTIVATIONS = {
    "linear": None, "relu": nn.ReLU, "leaky-relu": lambda: nn.LeakyReLU(0.01), "elu": nn.ELU,
    "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "softplus": nn.Softplus, "swish": nn.SiLU,
    "gelu": nn.GELU, "sin": None, "softmax": None,  # sin and softmax: applied in forward()
}


class Network(nn.Module):
    """The config's layers, written here from nn modules: dense layers as nn.Linear (a residual
    one adds its input), conv2d as nn.Conv2d (padding "same" = kernel // 2), maxpool as
    nn.MaxPool2d(2), images flattened (nn.Flatten, C x H x W) before the first dense layer.
    forward returns (output pre-activation, output)."""

    def __init__(self, config):
        super().__init__()
        self.shape = config.get("inputShape")
        c, h, w = self.shape if self.shape else (config["inputs"], 1, 1)
        self.kinds, self.acts, self.residual = [], [], []
        layers, modules = [], []
        for l in config["layers"]:
            kind = l.get("type", "dense")
            if kind == "conv2d":
                k, s = l["kernel"], l.get("stride", 1)
                p = k // 2 if l.get("padding", "valid") == "same" else 0
                layers.append(nn.Conv2d(c, l["channels"], k, stride=s, padding=p))
                c, h, w = l["channels"], (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
            elif kind == "maxpool":
                layers.append(nn.MaxPool2d(l.get("size", 2)))
                h, w = h // 2, w // 2
            else:
                layers.append(nn.Linear(c * h * w, l["units"]))
                c, h, w = l["units"], 1, 1
            act = l.get("activation", "linear")
            self.kinds.append(kind)
            self.acts.append(act)
            self.residual.append(bool(l.get("residual", False)))
            modules.append(ACTIVATIONS[act]() if kind != "maxpool" and ACTIVATIONS[act] else nn.Identity())
        self.layers = nn.ModuleList(layers)
        self.modules_ = nn.ModuleList(modules)

    def forward(self, x):
        if self.shape:
            x = x.reshape(-1, *self.shape)
        z = x
        for layer, kind, name, module, residual in zip(self.layers, self.kinds, self.acts, self.modules_, self.residual):
            if kind == "dense" and x.dim() > 2:
                x = torch.flatten(x, 1)  # nn.Flatten: C x H x W order
            z = layer(x)
            if kind == "maxpool":
                x = z
                continue
            h = torch.sin(z) if name == "sin" else torch.softmax(z, dim=1) if name == "softmax" else module(z)
            x = x + h if residual else h
        return z, x

    def with_parameters(self):
        return [l for l in self.layers if not isinstance(l, nn.MaxPool2d)]

    def flat(self):
        return [p for l in self.with_parameters() for p in (l.weight, l.bias)]


def train(g):
    c = g["config"]
    torch.manual_seed(0)
    net = Network(c)
    params = net.flat()
    initial = torch.tensor(g["initialParameters"], dtype=torch.float32)
    with torch.no_grad():
        at = 0
        for p in params:
            p.copy_(initial[at:at + p.numel()].reshape(p.shape))
            at += p.numel()
    o = c.get("optimizer", {})
    reg = c.get("regularization", {"type": "none", "rate": 0})
    weights = [l.weight for l in net.with_parameters()]
    biases = [l.bias for l in net.with_parameters()]
    l2 = reg["rate"] if reg["type"] == "l2" else 0.0
    groups = [{"params": weights, "weight_decay": l2}, {"params": biases, "weight_decay": 0.0}]
    lr = o.get("learningRate", 0.03)
    kind = o.get("type", "sgd")
    if kind == "adam":
        opt = torch.optim.Adam(groups, lr=lr, betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)), eps=o.get("eps", 1e-8))
    else:
        opt = torch.optim.SGD(groups, lr=lr, momentum=o.get("momentum", 0.9) if kind == "momentum" else 0.0)

    x = torch.tensor(g["x"], dtype=torch.float32).reshape(g["samples"], c["inputs"])
    y = torch.tensor(g["y"], dtype=torch.float32).reshape(g["samples"], c["layers"][-1]["units"])
    losses = []
    for batch in g["batches"]:
        opt.zero_grad()
        z, out = net(x[batch])
        t = y[batch]
        loss = {
            "mse": lambda: nn.functional.mse_loss(out, t),
            "bce": lambda: nn.functional.binary_cross_entropy_with_logits(z, t),
            "softmax-ce": lambda: -(t * torch.log_softmax(z, dim=1)).sum(dim=1).mean(),
        }[c.get("loss", "mse")]()
        losses.append(loss.item())
        loss.backward()
        if c.get("clipNorm", 0) > 0:
            nn.utils.clip_grad_norm_(params, c["clipNorm"])
        if reg["type"] == "l1":
            with torch.no_grad():
                for w in weights:
                    w.grad.add_(torch.sign(w), alpha=reg["rate"])
        opt.step()
    return losses, torch.cat([p.detach().reshape(-1) for p in params]).tolist()


def differs(got, want):
    """Where the committed values `got` differ from PyTorch's `want` beyond TOLERANCE."""
    if len(got) != len(want):
        return "%d values, PyTorch gives %d" % (len(got), len(want))
    worst = max(range(len(want)), key=lambda i: abs(got[i] - want[i]) / max(1.0, abs(want[i])), default=None)
    if worst is not None and abs(got[worst] - want[worst]) > TOLERANCE * max(1.0, abs(want[worst])):
        return "[%d] is %r, PyTorch gives %r" % (worst, got[worst], want[worst])
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the files' expected values")
    mode.add_argument("--check", action="store_true", help="fail if a file differs from PyTorch")
    args = p.parse_args()
    files = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "*.json")))
    if not files:
        sys.exit("no golden files found")
    failures = 0
    for path in files:
        with open(path) as f:
            g = json.load(f)
        losses, params = train(g)
        name = os.path.basename(path)
        if args.write:
            g.update(losses=losses, parameters=params, pytorch=torch.__version__)
            with open(path, "w") as f:
                json.dump(g, f, indent=1, sort_keys=True)
                f.write("\n")
            print("wrote %s (%d steps, %d parameters)" % (name, len(losses), len(params)))
            continue
        problems = [(k, d) for k, d in (("losses", differs(g.get("losses", []), losses)),
                                        ("parameters", differs(g.get("parameters", []), params))) if d]
        for key, d in problems:
            print("FAIL %s: %s %s" % (name, key, d))
        failures += bool(problems)
        if not problems:
            print("ok   %s: %d losses, %d parameters within %g of PyTorch %s" % (name, len(losses), len(params), TOLERANCE, torch.__version__))
    if args.check:
        print("%d passed, %d failed" % (len(files) - failures, failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
