// Reads the digits asset (digits.bin, written by scripts/build-digits.mjs): from disk for
// a file: URL (Node), by fetch otherwise (browsers, with progress and abort), then checks
// the header, decompresses the gzip body and verifies the payload's CRC-32. Every failure
// is an MlpError on `url` that says what was wrong (missing, truncated, corrupted).
//
// Header (32 bytes, little-endian): "MLPDIGIT", u32 version 1, u32 count, u16 rows,
// u16 cols, u32 payload bytes (count labels + count·rows·cols pixels), u32 body bytes,
// u32 CRC-32 of the payload; then the gzip body.
import { MlpError } from './errors.js';

export const HEADER_BYTES = 32;
const MAGIC = 'MLPDIGIT';

/** The decoded asset: labels (u8, one per image) and pixels (u8 0-255, images row-major). */
export interface DigitsAsset {
  /** Size of the file in bytes. */
  fileBytes: number;
  count: number;
  rows: number;
  cols: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

export type Progress = (loaded: number, total: number) => void;

interface Header {
  count: number;
  rows: number;
  cols: number;
  payloadBytes: number;
  bodyBytes: number;
  crc: number;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, as zlib and PNG), the checksum the asset's header states. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const t = crcTable;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const hex = (v: number) => v.toString(16).padStart(8, '0');

function fail(href: string, what: string): never {
  throw new MlpError(`url: the digits asset ${href} ${what}`, 'url');
}

function parseHeader(bytes: Uint8Array, href: string): Header {
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== MAGIC) fail(href, `is not a digits asset (it does not start with "${MAGIC}")`);
  const version = view.getUint32(8, true);
  if (version !== 1) fail(href, `has format version ${version}; this library reads version 1`);
  const h: Header = {
    count: view.getUint32(12, true),
    rows: view.getUint16(16, true),
    cols: view.getUint16(18, true),
    payloadBytes: view.getUint32(20, true),
    bodyBytes: view.getUint32(24, true),
    crc: view.getUint32(28, true),
  };
  if (h.count < 1 || h.rows < 2 || h.cols < 2 || h.payloadBytes !== h.count * (1 + h.rows * h.cols)) {
    fail(href, `is corrupted: its header is inconsistent (${h.count} images of ${h.rows}×${h.cols}, ${h.payloadBytes} payload bytes)`);
  }
  return h;
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

function isAbort(e: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (e instanceof Error && e.name === 'AbortError');
}

/** The file's bytes: read from disk for file: URLs, fetched otherwise (with progress). */
async function readBytes(url: URL, onProgress: Progress | undefined, signal: AbortSignal | undefined): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const fsName = 'node:fs/promises';
    const fs = (await import(/* @vite-ignore */ fsName)) as {
      readFile(u: URL, o: { signal?: AbortSignal }): Promise<Uint8Array>;
    };
    const bytes = await fs.readFile(url, { signal });
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  }
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  // Streamed so that progress can be reported; the total comes from the asset's own header
  // (exact even when the server compresses the response or sends no Content-Length).
  const reader = response.body.getReader();
  const head: Uint8Array[] = [];
  let buffer: Uint8Array | null = null;
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!buffer) {
      head.push(value);
      loaded += value.length;
      if (loaded < HEADER_BYTES) continue;
      const first = concat(head, loaded);
      const total = HEADER_BYTES + parseHeader(first, url.href).bodyBytes;
      buffer = new Uint8Array(Math.max(total, loaded));
      buffer.set(first);
    } else {
      if (loaded + value.length > buffer.length) {
        const grown = new Uint8Array(loaded + value.length);
        grown.set(buffer);
        buffer = grown;
      }
      buffer.set(value, loaded);
      loaded += value.length;
    }
    onProgress?.(Math.min(loaded, buffer.length), buffer.length);
  }
  return buffer ? buffer.subarray(0, loaded) : concat(head, loaded);
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

async function gunzip(body: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([body as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Loads, checks and decodes the asset at `url`. */
export async function readDigitsAsset(url: URL, onProgress?: Progress, signal?: AbortSignal): Promise<DigitsAsset> {
  checkAborted(signal);
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(url, onProgress, signal);
  } catch (e) {
    if (e instanceof MlpError || isAbort(e, signal)) throw e;
    throw new MlpError(`url: could not load the digits from ${url.href}: ${e instanceof Error ? e.message : String(e)}`, 'url');
  }
  checkAborted(signal);
  if (bytes.length < HEADER_BYTES) fail(url.href, `is truncated: ${bytes.length} bytes, shorter than its ${HEADER_BYTES}-byte header`);
  const h = parseHeader(bytes, url.href);
  const want = HEADER_BYTES + h.bodyBytes;
  if (bytes.length < want) fail(url.href, `is truncated: ${bytes.length} of ${want} bytes`);
  if (bytes.length > want) fail(url.href, `is corrupted: ${bytes.length} bytes where its header says ${want}`);
  if (typeof DecompressionStream !== 'function') {
    throw new MlpError('url: this engine has no DecompressionStream (needed to unpack the digits asset)', 'url');
  }
  let payload: Uint8Array;
  try {
    payload = await gunzip(bytes.subarray(HEADER_BYTES));
  } catch (e) {
    fail(url.href, `is corrupted: its compressed body does not unpack (${e instanceof Error ? e.message : String(e)})`);
  }
  checkAborted(signal);
  if (payload.length !== h.payloadBytes) fail(url.href, `is corrupted: it unpacks to ${payload.length} bytes, its header says ${h.payloadBytes}`);
  const crc = crc32(payload);
  if (crc !== h.crc) fail(url.href, `is corrupted: the CRC-32 of its contents is ${hex(crc)}, its header says ${hex(h.crc)}`);
  const labels = payload.subarray(0, h.count);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! > 9) fail(url.href, `is corrupted: label ${i} is ${labels[i]}, outside 0-9`);
  }
  return { fileBytes: bytes.length, count: h.count, rows: h.rows, cols: h.cols, labels, pixels: payload.subarray(h.count) };
}
