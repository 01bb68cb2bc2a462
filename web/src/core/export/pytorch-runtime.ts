// The part of every exported PyTorch script that does not depend on the network: reading
// and writing the network file, streaming the playground's CSV, the training loop (one
// process, or DistributedDataParallel under torchrun) and the command line. The generated
// part before it (pytorch.ts) defines FEATURES, IMAGE, DIMS, PROBLEM, CLASSES, NETWORK,
// features(), make_model(), make_optimizer(), make_scheduler(), loss_fn, targets(),
// regularize(), CLIP_NORM, STOP_PATIENCE, STOP_TRAIN_LOSS and OUTPUT.
// Kept as Python text; tests/web/export-pytorch.test.ts runs all of it with real PyTorch.

/** The runtime's Python source (String.raw: backslashes reach Python as written). */
export const PYTORCH_RUNTIME = String.raw`
# ---- from here on the same in every exported script ------------------------------------

FORMAT = "mlp-playground/network"
FORMAT_VERSION = 4
# The modules that hold the network's parameters, in network order (each: weight, bias).
PARAMETERIZED = (nn.Linear, nn.Conv2d)
# Optimizer state in the network file -> the torch optimizer's state names.
SLOTS = {"sgd": [], "momentum": [("velocity", "momentum_buffer")],
         "adam": [("m", "exp_avg"), ("v", "exp_avg_sq")]}


def parameterized(model):
    return [m for m in model.modules() if isinstance(m, PARAMETERIZED)]


def network_parameters(model):
    """Every parameter tensor in the network file's order: layer 0 weight, bias, layer 1 ..."""
    return [t for m in parameterized(model) for t in (m.weight, m.bias)]


def describe_layer(l):
    kind = l.get("type", "dense")
    if kind == "conv2d":
        return "conv2d %d@%dx%d/%d %s %s" % (l["channels"], l["kernel"], l["kernel"], l.get("stride", 1),
                                             l.get("padding", "valid"), l["activation"])
    if kind == "maxpool":
        return "maxpool %d" % l.get("size", 2)
    return "%d %s%s" % (l["units"], l["activation"], " residual" if l.get("residual") else "")


def describe(config):
    return "%d inputs -> %s" % (config["inputs"], " -> ".join(describe_layer(l) for l in config["layers"]))


def check_network(doc):
    """Refuses a document that is not a network file this script can load, saying why."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError('not an mlp-playground network file ("format" must be "%s")' % FORMAT)
    version = doc.get("version")
    if not isinstance(version, int) or not 1 <= version <= FORMAT_VERSION:
        raise ValueError("network file version %r: this script reads versions 1 to %d"
                         % (version, FORMAT_VERSION))
    mine, theirs = NETWORK["config"], doc["config"]
    if describe(theirs) != describe(mine):
        raise ValueError("the file holds a different network (%s); this script's is %s"
                         % (describe(theirs), describe(mine)))
    if theirs.get("features", FEATURES) != FEATURES:
        raise ValueError("the file's network reads the features %s; this script's reads %s"
                         % (", ".join(theirs["features"]), ", ".join(FEATURES)))
    if theirs["optimizer"]["type"] != mine["optimizer"]["type"]:
        raise ValueError("the file's optimizer is %s; this script's is %s"
                         % (theirs["optimizer"]["type"], mine["optimizer"]["type"]))


def load_network(model, optimizer, doc):
    """Puts a network file's parameters and optimizer state into model and optimizer."""
    check_network(doc)
    params = doc["parameters"]
    with torch.no_grad():
        for l, m in enumerate(parameterized(model)):
            m.weight.copy_(torch.tensor(params["weights"][l], dtype=torch.float32).reshape(m.weight.shape))
            m.bias.copy_(torch.tensor(params["biases"][l], dtype=torch.float32))
    state = doc["optimizerState"]
    if state["step"] > 0:
        offset = 0
        for p in network_parameters(model):
            n = p.numel()
            slot = optimizer.state[p]
            for key, name in SLOTS[state["type"]]:
                slot[name] = torch.tensor(state[key][offset:offset + n], dtype=torch.float32,
                                          device=p.device).reshape(p.shape)
            if state["type"] == "adam":
                slot["step"] = torch.tensor(float(state["step"]))
            offset += n


def network_document(model, optimizer, start, steps, learning_rate, progress):
    """The network file of the trained model: loads with mlp.loadNetwork() and the page's Import."""
    doc = json.loads(json.dumps(start))
    doc["epochs"] = progress["epochs"]  # the schedule's place, for training on from the file
    if progress["best"] is not None:
        doc["earlyStopping"] = {"bestTestLoss": progress["best"][0], "bestEpoch": progress["best"][1]}
    doc["version"] = FORMAT_VERSION
    if FEATURES:
        doc["config"]["features"] = list(FEATURES)
    doc["config"]["optimizer"]["learningRate"] = learning_rate
    ms = parameterized(model)
    doc["parameters"] = {"weights": [m.weight.detach().cpu().reshape(-1).tolist() for m in ms],
                         "biases": [m.bias.detach().cpu().reshape(-1).tolist() for m in ms]}
    kind = doc["config"]["optimizer"]["type"]
    state = {"type": kind, "step": start["optimizerState"]["step"] + steps}
    for key, name in SLOTS[kind]:
        state[key] = [v for p in network_parameters(model)
                      for v in optimizer.state[p].get(name, torch.zeros_like(p)).detach().cpu().reshape(-1).tolist()]
    doc["optimizerState"] = state
    doc["steps"] = start.get("steps", 0) + steps
    doc.pop("rng", None)  # the page's shuffling stream; a loaded file restarts it from the seed
    return doc


def parameter_digest(model):
    """SHA-256 of every parameter as little-endian float32, in network order."""
    h = hashlib.sha256()
    for p in network_parameters(model):
        values = p.detach().cpu().reshape(-1).tolist()
        h.update(struct.pack("<%df" % len(values), *values))
    return h.hexdigest()


def predict(model, x):
    """The network's outputs for raw points x [n, DIMS], as the playground computes them."""
    model.eval()
    with torch.no_grad():
        out = model(features(x))
        return OUTPUT(out) if OUTPUT else out


# ---- the playground's CSV, streamed -----------------------------------------------------

NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
NON_FINITE = re.compile(r"^[+-]?(?:inf|infinity|nan)$", re.IGNORECASE)
DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+$")
FLOAT32_OVERFLOW = 3.4028235677973366e38  # the first double that rounds to float32 infinity
VALUE_NAMES = {"y", "value", "target"}
LABEL_NAMES = {"label", "class"}
if IMAGE:
    LAYOUT = "%d pixel values,%s" % (DIMS, "value" if PROBLEM == "regression" else "label")
else:
    LAYOUT = ("x,y" if DIMS == 1 else "x1,x2,value") if PROBLEM == "regression" else "x1,x2,label"
INPUTS = ("%s images" % "x".join(map(str, IMAGE))) if IMAGE else "%s of %d-D points" % (", ".join(FEATURES), DIMS)
WHAT = ("%d-class labels" % CLASSES) if PROBLEM == "classification" else "regression values"


class CsvError(ValueError):
    def __init__(self, path, line, reason):
        super().__init__("%s: line %d: %s" % (path, line, reason) if line else "%s: %s" % (path, reason))


def unquote(field):
    f = field.strip()
    return f[1:-1].strip() if len(f) >= 2 and f[0] == '"' and f[-1] == '"' else f


def expected(path, line, got):
    return CsvError(path, line, "%s: this network expects %d columns, %s (%s, %s)"
                    % (got, DIMS + 1, LAYOUT, INPUTS, WHAT))


def read_points(path):
    """Reads the CSV file line by line into float32 tensors x [n, DIMS] and y [n] (class
    indices or values). The formats are the playground's (its Load CSV): a header line is
    optional, fields are separated by tabs, semicolons or commas, '#' lines are comments.
    A bad line raises CsvError with its number and the reason."""
    xs, ys = array("f"), array("f")
    sep, columns, minus_one, index = None, 0, 0, 0
    with open(path, encoding="utf-8-sig", newline=None) as f:
        for line, text in enumerate(f, 1):
            content = text.strip()
            if not content or content[0] == "#":
                continue
            if sep is None:
                sep = "\t" if "\t" in content else ";" if ";" in content else ","
            fields = [unquote(v) for v in content.split(sep)]
            if not columns:
                columns = len(fields)
                header = not any(NUMBER.match(v) or NON_FINITE.match(v) for v in fields)
                if columns != DIMS + 1:
                    raise expected(path, line, "%d columns (%s)" % (columns, ",".join(fields[:4])) if header
                                   else "%d values in the first row" % columns)
                if header:
                    name = fields[-1].lower()
                    if (PROBLEM == "classification" and name in VALUE_NAMES) or (
                            PROBLEM == "regression" and name in LABEL_NAMES and DIMS == 2):
                        raise expected(path, line, 'column %d is "%s"' % (columns, fields[-1]))
                    continue
            if len(fields) != columns:
                raise CsvError(path, line, "expected %d values (%s), got %d" % (columns, LAYOUT, len(fields)))
            values = []
            for c, v in enumerate(fields, 1):
                if v == "":
                    raise CsvError(path, line, "column %d is empty" % c)
                if NON_FINITE.match(v):
                    raise CsvError(path, line, "value %s is not finite" % v[:40])
                if not NUMBER.match(v):
                    hint = ' (use "." as the decimal point)' if DECIMAL_COMMA.match(v) else ""
                    raise CsvError(path, line, '"%s" is not a number%s' % (v[:40], hint))
                number = float(v)
                if abs(number) >= FLOAT32_OVERFLOW:
                    raise CsvError(path, line, "value %s is too large (float32 holds up to +-3.4e38)" % v[:40])
                values.append(number)
            label = values[-1]
            if PROBLEM == "classification":
                if label != int(label):
                    raise CsvError(path, line, "label %s is not an integer" % fields[-1])
                if label == -1 and CLASSES == 2:
                    if index:
                        raise CsvError(path, line, "label -1 mixes -1/+1 labels with class indices (line %d)" % index)
                    minus_one, label = minus_one or line, 0.0
                elif not 0 <= label < CLASSES:
                    raise CsvError(path, line, "label %s is out of range: this network has %d classes (labels 0..%d%s)"
                                   % (fields[-1], CLASSES, CLASSES - 1, ", or -1 and +1" if CLASSES == 2 else ""))
                elif label == 0:
                    if minus_one:
                        raise CsvError(path, line, "label 0 mixes class indices with -1/+1 labels (line %d)" % minus_one)
                    index = index or line
            xs.extend(values[:-1])
            ys.append(label)
    if not ys:
        raise CsvError(path, 0, "no data rows")
    return torch.frombuffer(xs, dtype=torch.float32).reshape(-1, DIMS), torch.frombuffer(ys, dtype=torch.float32)


# ---- training ---------------------------------------------------------------------------

def train_step(net, model, optimizer, x, y):
    """One minibatch update; returns the loss before it (what the playground reports)."""
    optimizer.zero_grad()
    loss = loss_fn(net(features(x)), targets(y))
    loss.backward()  # under DistributedDataParallel this averages the gradients of all processes
    if CLIP_NORM > 0:
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=CLIP_NORM)
    regularize(model)
    optimizer.step()
    return loss.detach()


def float32(v):
    """v rounded to float32, as the playground keeps the best test loss."""
    return struct.unpack("<f", struct.pack("<f", v))[0]


def evaluate_loss(model, points, device):
    """The mean loss over points (the --test file's): what early stopping watches."""
    x, y = points
    model.eval()
    with torch.no_grad():
        loss = loss_fn(model(features(x.to(device))), targets(y.to(device))).item()
    model.train()
    return loss


def train(net, model, optimizer, points, epochs, batch_size, shuffle=True, seed=1,
          rank=0, world=1, device="cpu", log=print, scheduler=None, test=None, progress=None):
    """Epochs of minibatch training; each process takes its share of every epoch's points
    (DistributedSampler), batch_size of them per step. After each epoch the schedule steps
    and the stopping rules are checked (the test loss with STOP_PATIENCE, the epoch's loss
    with STOP_TRAIN_LOSS). progress ({"epochs": done, "best": (loss, epoch) or None}) is
    updated. Returns the steps taken."""
    progress = progress if progress is not None else {"epochs": 0, "best": None}
    x, y = points
    sampler = DistributedSampler(TensorDataset(x, y), num_replicas=world, rank=rank,
                                 shuffle=shuffle, seed=seed)
    steps = 0
    model.train()
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        start = time.perf_counter()
        total = torch.zeros((), dtype=torch.float64, device=device)
        count = 0
        for batch in BatchSampler(sampler, batch_size, drop_last=False):
            i = torch.tensor(batch)
            loss = train_step(net, model, optimizer, x[i].to(device), y[i].to(device))
            total += loss.double() * len(batch)
            count += len(batch)
            steps += 1
        sums = torch.stack([total, torch.tensor(float(count), dtype=torch.float64, device=device)])
        if world > 1:
            dist.all_reduce(sums)
        mean = (sums[0] / sums[1]).item()
        if rank == 0:
            log("epoch %d/%d: loss %.6f (%d points, %d process%s, %.1f s, lr %g)" % (
                epoch + 1, epochs, mean, int(sums[1].item()), world, "" if world == 1 else "es",
                time.perf_counter() - start, optimizer.param_groups[0]["lr"]))
        if not math.isfinite(mean):
            raise SystemExit("training diverged: the loss is %s in epoch %d; try a lower --lr" % (mean, epoch + 1))
        progress["epochs"] += 1
        if scheduler is not None:
            scheduler.step()
        stop = None
        if test is not None and STOP_PATIENCE > 0:
            loss = float32(evaluate_loss(model, test, device))
            best = progress["best"]
            if best is None or loss < best[0]:
                progress["best"] = (loss, progress["epochs"])
            elif progress["epochs"] - best[1] >= STOP_PATIENCE:
                stop = "no test loss below %.6f (epoch %d) for %d epochs" % (best[0], best[1], STOP_PATIENCE)
        if STOP_TRAIN_LOSS > 0 and mean <= STOP_TRAIN_LOSS:
            stop = "the loss %.6f is at or below %g" % (mean, STOP_TRAIN_LOSS)
        if stop:
            if rank == 0:
                log("stopped after epoch %d: %s" % (epoch + 1, stop))
            break
    return steps


def pick_device(name, local_rank):
    if name == "cuda" or (name == "auto" and torch.cuda.is_available()):
        if not torch.cuda.is_available():
            raise SystemExit("--device cuda: CUDA is not available here; use --device cpu or auto")
        torch.cuda.set_device(local_rank)
        return torch.device("cuda", local_rank)
    return torch.device("cpu")


def demo(model):
    x = torch.tensor(DEMO_POINTS, dtype=torch.float32)
    for k, (point, out) in enumerate(zip(x.tolist(), predict(model, x).tolist())):
        if IMAGE:
            where = "image %d (mean %.3f)" % (k, sum(point) / len(point))
        else:
            where = " ".join("%s=%+.2f" % (n, v) for n, v in zip(("x1", "x2")[:DIMS], point))
        print(where + " -> " + " ".join("%.6f" % v for v in out))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", metavar="FILE.csv", help="points to train on, in the playground's CSV format (%s); "
                   "without it the script prints the network's outputs at a few points" % LAYOUT)
    p.add_argument("--epochs", type=int, default=10, help="passes over the data (default 10)")
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                   help="points per step and process (default %d)" % BATCH_SIZE)
    p.add_argument("--lr", type=float, default=NETWORK["config"]["optimizer"]["learningRate"],
                   help="learning rate (default: the network's, %(default)g)")
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto",
                   help="auto (default): CUDA when available, else the CPU")
    p.add_argument("--out", metavar="FILE.json", help="write the trained network here (mlp-playground's "
                   "network file: mlp.loadNetwork() and the playground's Import read it)")
    p.add_argument("--init", metavar="FILE.json", help="start from this network file instead of the weights above")
    p.add_argument("--test", metavar="FILE.csv", help="points whose loss early stopping watches (the same CSV "
                   "format; STOP_PATIENCE %d)" % STOP_PATIENCE)
    p.add_argument("--seed", type=int, default=1, help="seed of the shuffling (default 1)")
    p.add_argument("--no-shuffle", action="store_true", help="take the points in file order")
    args = p.parse_args(argv)
    if args.epochs < 0 or args.batch_size < 1:
        p.error("--epochs must be >= 0 and --batch-size >= 1")

    rank, world = int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))
    device = pick_device(args.device, int(os.environ.get("LOCAL_RANK", "0")))
    try:
        start = NETWORK
        if args.init:
            with open(args.init, encoding="utf-8") as f:
                start = json.load(f)
        model = make_model().to(device)
        optimizer = make_optimizer(model, args.lr)
        load_network(model, optimizer, start)
        # Every process reads the file itself: a bad line stops each of them with the same message.
        points = read_points(args.data) if args.data else None
        test = read_points(args.test) if args.test else None
    except (OSError, ValueError) as e:
        raise SystemExit("error: %s" % e)
    # The schedule goes on from the epochs the network has trained (its place in the file).
    scheduler = make_scheduler(optimizer)
    done = start.get("epochs", 0)
    if scheduler is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "scheduler.step() before optimizer.step()": a fast-forward
            for _ in range(done):
                scheduler.step()
    best = start.get("earlyStopping")
    progress = {"epochs": done, "best": (best["bestTestLoss"], best["bestEpoch"]) if best else None}
    if points is None:
        demo(model)
        return
    net = model
    if world > 1:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
        net = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)
    steps = train(net, model, optimizer, points, args.epochs, args.batch_size, not args.no_shuffle,
                  args.seed, rank, world, device, scheduler=scheduler, test=test, progress=progress)
    print("rank %d of %d: parameters sha256 %s" % (rank, world, parameter_digest(model)), flush=True)
    if rank == 0 and args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(network_document(model, optimizer, start, steps, args.lr, progress), f)
        print("wrote %s" % args.out)
    if world > 1:
        dist.barrier()  # rank 0 has written the file; gloo hangs if one process leaves early
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
