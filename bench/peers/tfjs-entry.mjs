// The TensorFlow.js the bench runs: tfjs-core with its gradients registered (needed for
// training; the package's Node build ships without them and its ESM build only resolves
// under a bundler), the cpu backend and the wasm backend, bundled into one CommonJS file by
// bench/lib/tfjs.mjs -- what a web app gets from its bundler.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';

export { tf, wasm };
