import { it } from 'vitest';
import { loadCore } from '../../web/src/core/index.js';
it('leaks', async () => {
  const mlp = await loadCore();
  const net = mlp.createNetwork({ inputs: 2, layers: [{ units: 3, activation: 'tanh' }, { units: 1, activation: 'tanh' }] });
  const cases: Record<string, () => unknown> = {
    trainBatchNaN: () => net.trainBatch(new Float32Array([NaN, 1]), new Float32Array([1])),
    trainBatchLen: () => net.trainBatch(new Float32Array([1]), new Float32Array([1])),
    predictLen: () => net.predict(new Float32Array([1])),
    setWeightBad: () => net.setWeight(5, 0, 0, 1),
    setWeightNaN: () => net.setWeight(0, 0, 0, NaN),
    setBiasBad: () => net.setBias(0, 9, 1),
    getWeightBad: () => net.getWeight(-1, 0, 0),
    lrBad: () => net.setLearningRate(-1),
    clipBad: () => net.setClipNorm(-1),
    optBad: () => net.setOptimizer({ type: 'adam', beta1: 5 }),
    optGood: () => net.setOptimizer({ type: 'adam', beta1: 0.5 }),
    regBad: () => net.setRegularization({ type: 'l2', rate: -1 }),
    resetBad: () => net.reset(-1),
    gridBad: () => net.evaluateGrid({ width: 4, features: ['x1'] }),
    gridBad2: () => net.evaluateGrid({ width: 4, dims: 1, height: 3, features: ['x1', 'x2'] }),
    setParamsNaN: () => net.setParameters({ weights: [new Float32Array(6).fill(NaN), new Float32Array(3)], biases: [new Float32Array(3), new Float32Array(1)] }),
    epochBad: () => net.trainEpoch({ x: new Float32Array([1, 2]), y: new Float32Array([1]) }, { batchSize: 0 }),
    epochNaN: () => net.trainEpoch({ x: new Float32Array([NaN, 2]), y: new Float32Array([1]) }),
    evalNaN: () => net.evaluate({ x: new Float32Array([NaN, 2]), y: new Float32Array([1]) }),
    genBad: () => mlp.generateDataset({ name: 'circle', noise: 5 }),
    genBad2: () => mlp.generateDataset({ name: 'circle', trainRatio: 0 }),
    genBad3: () => mlp.generateDataset({ name: 'spiral-k', classes: 9 }),
    makeBad: () => mlp.makeDataset({ problem: 'classification', dims: 2, classes: 2, x: [1, NaN], y: [0] }),
    makeBad2: () => mlp.makeDataset({ problem: 'classification', dims: 2, classes: 2, x: [1, 2], y: [5] }),
    splitBad: () => mlp.splitDataset({ problem: 'regression', dims: 1, classes: 0, x: new Float32Array([1]), y: new Float32Array([1]), size: 1 }, 0),
    tdBad: () => mlp.createTrainingData([1, 2], [1], { inputs: 2, outputs: 1 }),
    loadBad: () => mlp.loadNetwork('{'),
  };
  for (const [name, fn] of Object.entries(cases)) {
    for (let i = 0; i < 5; i++) try { fn(); } catch {}
    const a = mlp.heapBytesInUse();
    let err = '';
    for (let i = 0; i < 200; i++) try { fn(); } catch (e) { err = (e as Error).message; }
    const b = mlp.heapBytesInUse();
    console.log(name.padEnd(14), b - a, err.slice(0, 70));
  }
});
