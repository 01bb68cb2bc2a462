// protobufjs (its light build: reflection, no .proto parser), loaded on first use. A
// require() inside a function stays lazy when rolldown or Vite bundles it (an ES import
// would run all of protobufjs when the library loads, ~300 KB of code, several ms of
// start-up), so only an ONNX export or import pays for it.
'use strict';
let lib = null;
module.exports = function protobuf() {
  if (lib === null) lib = require('protobufjs/light.js');
  return lib;
};
