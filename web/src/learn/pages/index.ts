// The lessons in order (their pages are web/learn/<slug>.html).
import type { Lesson } from '../lesson.js';
import one from './01-one-layer.js';
import two from './02-stacking.js';
import three from './03-nonlinearity.js';
import four from './04-composition.js';
import five from './05-approximation.js';
import six from './06-linear-regions.js';
import seven from './07-structure.js';
import eight from './08-data-and-loss.js';
import nine from './09-limits.js';
import ten from './10-downhill.js';
import eleven from './11-depth.js';
import twelve from './12-images.js';

export const LESSONS: readonly Lesson[] = [one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve];
