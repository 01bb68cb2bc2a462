// The page presets the page benches open (bench/playground.mjs, longtasks.mjs): workloads
// in the playground's URL-hash format (web/src/app/state.ts). L is the largest network the
// UI allows (app/settings.ts: 10 hidden layers of at most 32 units, all 7 features).
const TEN = (x) => Array(10).fill(x).join(',');

export const PRESETS = {
  A: 'dataset=circle&n=500&train=50&features=x1,x2&layers=4,2&act=tanh,tanh&opt=sgd&lr=0.03&batch=10&speed=max',
  B: 'dataset=spiral&n=500&train=50&features=x1,x2,x1sq,x2sq,x1x2,sinx1&layers=8,8,8,8,8,8&act=tanh,tanh,tanh,tanh,tanh,tanh&opt=sgd&lr=0.03&batch=10&speed=max',
  L: `dataset=spiral&n=500&train=50&features=x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2&layers=${TEN(32)}&act=${TEN('tanh')}&opt=sgd&lr=0.03&batch=10&speed=max`,
};
