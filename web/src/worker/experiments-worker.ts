// The digits experiments' own worker (the Digits mode's one-click presets): loads a core and
// the digits, runs an experiment of app/digits/runs.ts and answers with its numbers, so a
// run of several trainings never blocks the page or the playground's training worker.
import * as Comlink from 'comlink';
import { loadDigits } from '../core/digits.js';
import { loadCore, type MlpCore } from '../core/index.js';
import { DATA_COUNTS, DATA_RUN, dataDecide, PRIOR_RUN, structureIsAPrior } from '../app/digits/runs.js';

let core: Promise<MlpCore> | null = null;
const coreOnce = (): Promise<MlpCore> => (core ??= loadCore({ simd: 'auto' }));
const digits = (r: { samples: number; seed: number; size: 28 | 14 }) => loadDigits({ samples: r.samples, seed: r.seed, size: r.size });

const api = {
  async prior() {
    const [c, split] = await Promise.all([coreOnce(), digits(PRIOR_RUN)]);
    return structureIsAPrior(c, split, PRIOR_RUN);
  },
  async data() {
    const [c, split] = await Promise.all([coreOnce(), digits(DATA_RUN)]);
    return dataDecide(c, split, DATA_COUNTS, DATA_RUN);
  },
};

export type ExperimentsApi = typeof api;
Comlink.expose(api);
