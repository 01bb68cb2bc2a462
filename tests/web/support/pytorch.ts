// Real PyTorch for the tests: finds the Python interpreter that has torch (the python3 first
// on PATH may be a pyenv without it; Debian's python3-torch lives in /usr/bin/python3) and
// runs scripts with it, or with torchrun (its module, torch.distributed.run, under that
// same interpreter). No PyTorch is a setup error (scripts/setup.sh installs python3-torch),
// never a skipped test.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

let found: string | null = null;

/** The python3 that imports torch, as scripts/torch-python.sh finds it (MLP_PYTHON, PATH, /usr/bin). */
export function torchPython(): string {
  if (found) return found;
  const r = spawnSync('bash', [fileURLToPath(new URL('../../../scripts/torch-python.sh', import.meta.url))], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr.trim() || `scripts/torch-python.sh failed (${r.status})`);
  return (found = r.stdout.trim());
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', OMP_NUM_THREADS: '1' };

/** Runs python with args (stdin: input); returns what it printed, whatever its exit status. */
export function runPython(args: string[], options: { input?: string; cwd?: string } = {}): Run {
  const r = spawnSync(torchPython(), args, { input: options.input ?? '', encoding: 'utf8', cwd: options.cwd, env: ENV, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs python and returns its stdout; throws with its stderr when it fails. */
export function python(args: string[], options: { input?: string; cwd?: string } = {}): string {
  const r = runPython(args, options);
  if (r.status !== 0) throw new Error(`python ${args.join(' ')} exited with ${r.status}:\n${r.stderr.slice(-4000)}`);
  return r.stdout;
}

/**
 * `torchrun --nproc_per_node=N script args` with the interpreter above. `--redirects 1
 * --tee 1` (each worker's stdout to the console, prefixed "[default<rank>]:", and to logs in
 * logDir): torchrun 1.13 cannot parse its own default "0" for them on Python 3.11
 * (Debian 12), and the prefixes tell the ranks apart.
 */
export function torchrun(nproc: number, logDir: string, script: string, args: string[]): Run {
  const port = freePort();
  return runPython(['-m', 'torch.distributed.run', `--nproc_per_node=${nproc}`, `--master_port=${port}`, '--redirects', '1', '--tee', '1', '--log_dir', logDir, script, ...args]);
}

/**
 * A TCP port free on this machine now, for torchrun's rendezvous: its default (29500) makes
 * two test runs on one machine collide. Asked of the OS through the same interpreter.
 */
function freePort(): number {
  const port = Number(python(['-c', 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()']).trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port for torchrun (got ${port})`);
  return port;
}
