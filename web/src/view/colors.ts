// Colours of every renderer, per theme: the TensorFlow Playground's orange (negative /
// class 0) and blue (positive / class 1) around a neutral that matches the background, a
// categorical palette of six classes, and lookup tables so a heatmap pixel is one index.
export type RGB = [number, number, number];

export interface Palette {
  dark: boolean;
  /** Class colours; 0 and 1 are the binary orange and blue. */
  classes: RGB[];
  negative: RGB;
  positive: RGB;
  /** The colour of 0 in a diverging map (close to the panel background). */
  neutral: RGB;
  background: string;
  text: string;
  mutedText: string;
  grid: string;
  /** Outline of training points, and of test points (drawn differently). */
  trainStroke: string;
  testStroke: string;
  curve: string;
  focusCurve: string;
  /** 256-entry RGB lookup table of the diverging map, from -1 to 1. */
  diverging: Uint8ClampedArray;
}

const ORANGE: RGB = [245, 147, 34];
const BLUE: RGB = [8, 119, 189];
const CLASSES: RGB[] = [ORANGE, BLUE, [44, 160, 44], [148, 103, 189], [214, 39, 40], [23, 190, 207]];
const CLASSES_DARK: RGB[] = [[247, 160, 60], [62, 160, 230], [80, 190, 80], [180, 140, 225], [240, 90, 90], [60, 210, 225]];

const LIGHT = makePalette(false);
const DARK = makePalette(true);

/** The palette of a theme: one shared object per theme, built once (never mutate it). */
export function palette(dark: boolean): Palette {
  return dark ? DARK : LIGHT;
}

function makePalette(dark: boolean): Palette {
  const neutral: RGB = dark ? [34, 38, 46] : [232, 234, 235];
  const negative = dark ? CLASSES_DARK[0]! : ORANGE;
  const positive = dark ? CLASSES_DARK[1]! : BLUE;
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const t = (i / 255) * 2 - 1;
    const c = t < 0 ? mix(neutral, negative, -t) : mix(neutral, positive, t);
    lut.set(c, i * 3);
  }
  return {
    dark,
    classes: dark ? CLASSES_DARK : CLASSES,
    negative,
    positive,
    neutral,
    background: dark ? '#1a1d23' : '#ffffff',
    text: dark ? '#e6e6e6' : '#202124',
    mutedText: dark ? '#a0a4ab' : '#5f6368',
    grid: dark ? 'rgba(255,255,255,0.18)' : 'rgba(0,0,0,0.18)',
    trainStroke: dark ? '#f4f4f4' : '#ffffff',
    testStroke: dark ? '#000000' : '#000000',
    curve: dark ? '#f4f4f4' : '#202124',
    focusCurve: dark ? '#ffd54f' : '#c2185b',
    diverging: lut,
  };
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export function css(c: RGB, alpha = 1): string {
  return alpha >= 1 ? `rgb(${c[0] | 0},${c[1] | 0},${c[2] | 0})` : `rgba(${c[0] | 0},${c[1] | 0},${c[2] | 0},${alpha})`;
}

/** The diverging colour of t in [-1, 1] (clamped) as a CSS string. */
export function divergingCss(p: Palette, t: number): string {
  const i = lutIndex(t) * 3;
  return `rgb(${p.diverging[i]},${p.diverging[i + 1]},${p.diverging[i + 2]})`;
}

export function lutIndex(t: number): number {
  if (!(t > -1)) return t === t ? 0 : 127;  // NaN → neutral
  if (t >= 1) return 255;
  return ((t + 1) * 127.5) | 0;
}
