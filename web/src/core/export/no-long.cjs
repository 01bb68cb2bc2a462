// Stands in for long.js when bundling (vite.config.ts, scripts/bundle-lib.mjs alias
// "long" here): protobufjs then reads and writes 64-bit integers as plain numbers, exact
// for ONNX's versions and shapes, and the bundle is 40 KB lighter.
'use strict';
module.exports = null;
