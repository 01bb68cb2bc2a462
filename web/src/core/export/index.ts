// The exporters (PyTorch script, ONNX model and reader) as one chunk of the library that
// loadCore() imports while the .wasm compiles, so that a plain load of the library does
// not parse them first; once loadCore() resolves they are there, and the export methods
// stay synchronous.
export { readOnnxModel } from './onnx-read.js';
export { toOnnxModel } from './onnx.js';
export { toPyTorchScript } from './pytorch.js';
