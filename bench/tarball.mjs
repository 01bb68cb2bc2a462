// The npm tarball's weight (issue 16: at most 300 KB without the digits asset): packs the
// package as `npm pack` does (dist/lib must be built), prints each file's size and gzip
// size (zlib level 9), and the tarball's size with and without dist/lib/digits.bin (the
// tarball re-packed without it: one gzip stream over the tar, as npm writes it).
//   node bench/tarball.mjs [--json]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIGITS = 'dist/lib/digits.bin';
const dir = mkdtempSync(join(tmpdir(), 'mlp-pack-'));
try {
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' }));
  const tgz = join(dir, info.filename);
  const files = info.files
    .map((f) => {
      const bytes = readFileSync(join(root, f.path));
      return { path: f.path, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
  // The same tar without the digits, gzipped at npm's level (9).
  const unpacked = join(dir, 'x');
  execFileSync('mkdir', ['-p', unpacked]);
  execFileSync('tar', ['-xzf', tgz, '-C', unpacked]);
  rmSync(join(unpacked, 'package', DIGITS));
  const tar = execFileSync('tar', ['-cf', '-', '-C', unpacked, 'package'], { maxBuffer: 1 << 28 });
  const withoutDigits = gzipSync(tar, { level: 9 }).length;
  const result = { tarball: statSync(tgz).size, withoutDigits, files };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
    for (const f of files) console.log(`${kb(f.gzip).padStart(10)} gzip ${kb(f.bytes).padStart(10)}  ${f.path}`);
    const sum = files.filter((f) => f.path !== DIGITS).reduce((s, f) => s + f.gzip, 0);
    console.log(`tarball ${kb(result.tarball)}; without ${DIGITS}: ${kb(withoutDigits)} (sum of the files' gzip: ${kb(sum)})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
