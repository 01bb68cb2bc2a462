// Before any test file: the ONNX codec's static code (scripts/gen-onnx.mjs; generated,
// not in git) exists and is current, as the library's sources import it.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../scripts/gen-onnx.mjs', import.meta.url))], { stdio: 'inherit' });
}
