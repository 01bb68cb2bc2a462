// A small deterministic PRNG for tests, so failures reproduce from a seed: the library's own
// seeded generator (mulberry32, web/src/core/random.ts), one definition of it.
export { generator as rng } from '../../../web/src/core/random.js';
