// The ONNX messages (onnx-pb.cjs: protobufjs static code compiled from onnx.proto by
// scripts/gen-onnx.mjs, over protobufjs's minimal runtime), loaded on first use. A
// require() inside a function stays lazy when rolldown or Vite bundles it, so only an ONNX
// export or import pays for the codec, not every load of the library.
'use strict';
let messages = null;
module.exports = function onnxMessages() {
  if (messages === null) messages = require('./onnx-pb.cjs').onnx;
  return messages;
};
