// The digits' image layers (conv2d and maxpool, before the dense layers) as the `conv` hash
// key writes them: one token a layer, `conv8k3` (8 channels, 3×3, stride 1, same padding,
// ReLU; `s2`, `valid` and `-tanh` etc. say otherwise) or `pool` (2×2 max-pooling). Also the
// shapes they make of a 28×28 digit, so a layer that does not fit is refused with its reason.
// No settings import: settings.ts reads the key with these functions.
import type { Activation, Conv2dLayerConfig, MaxPoolLayerConfig } from '../core/types.js';
import type { Messages } from '../i18n/messages.js';

export type ImageLayer = Conv2dLayerConfig | MaxPoolLayerConfig;

/** What the core allows (types.ts): 1 .. 32 channels, 3×3 or 5×5 kernels, stride 1 or 2. */
export const CONV_CHANNELS = { min: 1, max: 32 } as const;
export const CONV_KERNELS = [3, 5] as const;
export const CONV_STRIDES = [1, 2] as const;
/** The most image layers a network may have (28 → 1 takes five poolings at most). */
export const MAX_IMAGE_LAYERS = 6;
/** A digit as the core's inputShape: 1 channel, 28×28. */
export const DIGIT_SHAPE: readonly [number, number, number] = [1, 28, 28];

/** Why a token or a list of layers is refused (settings.ts turns it into a FieldError). */
export type ImageLayerProblem =
  | { kind: 'token'; token: string }
  | { kind: 'activation'; token: string; allowed: readonly string[] }
  | { kind: 'tooMany'; max: number }
  | { kind: 'shape'; layer: number; side: number; what: string };

const TOKEN = /^conv(\d{1,2})k(\d)(?:s(\d))?(same|valid)?(?:-([a-z0-9]+))?$/;

/** One token as a layer, or the problem with it. */
export function readImageLayer(token: string, activations: readonly string[]): ImageLayer | ImageLayerProblem {
  if (token === 'pool') return { type: 'maxpool', size: 2 };
  const t = TOKEN.exec(token);
  if (!t) return { kind: 'token', token };
  const channels = Number(t[1]), kernel = Number(t[2]), stride = t[3] === undefined ? 1 : Number(t[3]);
  if (channels < CONV_CHANNELS.min || channels > CONV_CHANNELS.max) return { kind: 'token', token };
  if (!(CONV_KERNELS as readonly number[]).includes(kernel) || !(CONV_STRIDES as readonly number[]).includes(stride)) return { kind: 'token', token };
  const activation = t[5] ?? 'relu';
  const allowed = activations.filter((a) => a !== 'softmax');
  if (!allowed.includes(activation)) return { kind: 'activation', token, allowed };
  return { type: 'conv2d', channels, kernel: kernel as 3 | 5, stride: stride as 1 | 2, padding: (t[4] ?? 'same') as 'same' | 'valid', activation: activation as Activation };
}

/** A layer's token: the defaults (stride 1, same, ReLU) left out. */
export function writeImageLayer(l: ImageLayer): string {
  if (l.type === 'maxpool') return 'pool';
  return `conv${l.channels}k${l.kernel}${(l.stride ?? 1) === 1 ? '' : `s${l.stride}`}${(l.padding ?? 'valid') === 'same' ? '' : 'valid'}${l.activation === 'relu' ? '' : `-${l.activation}`}`;
}

/** [channels, height, width] after each layer of a 28×28 digit, or the first layer that does not fit. */
export function imageShapes(layers: readonly ImageLayer[]): { shapes: [number, number, number][] } | ImageLayerProblem {
  if (layers.length > MAX_IMAGE_LAYERS) return { kind: 'tooMany', max: MAX_IMAGE_LAYERS };
  let [c, side] = [DIGIT_SHAPE[0], DIGIT_SHAPE[1]];
  const shapes: [number, number, number][] = [];
  for (const [i, l] of layers.entries()) {
    if (l.type === 'maxpool') {
      if (side < 2) return { kind: 'shape', layer: i + 1, side, what: 'pool' };
      side = Math.floor(side / 2);
    } else {
      const pad = (l.padding ?? 'valid') === 'same' ? Math.floor(l.kernel / 2) : 0;
      if (side + 2 * pad < l.kernel) return { kind: 'shape', layer: i + 1, side, what: writeImageLayer(l) };
      side = Math.floor((side + 2 * pad - l.kernel) / (l.stride ?? 1)) + 1;
      c = l.channels;
    }
    shapes.push([c, side, side]);
  }
  return { shapes };
}

/** A whole `conv` value as layers, or the first problem. */
export function readImageLayers(v: string, activations: readonly string[]): ImageLayer[] | ImageLayerProblem {
  const tokens = v === '' ? [] : v.split(',');
  if (tokens.length > MAX_IMAGE_LAYERS) return { kind: 'tooMany', max: MAX_IMAGE_LAYERS };
  const layers: ImageLayer[] = [];
  for (const token of tokens) {
    const l = readImageLayer(token, activations);
    if ('kind' in l) return l;
    layers.push(l);
  }
  const fit = imageShapes(layers);
  return 'kind' in fit ? fit : layers;
}

export function isProblem(x: unknown): x is ImageLayerProblem {
  return typeof x === 'object' && x !== null && 'kind' in x;
}

/** A problem in English (the hash's problems) and in the reader's language. */
export function problemText(p: ImageLayerProblem): { english: string; said: (m: Messages) => string } {
  switch (p.kind) {
    case 'token': {
      const e = `${p.token}: must be conv<channels 1-32>k<3 or 5>[s2][valid][-activation] or pool`;
      return { english: e, said: (m) => m.t('reason.imageToken', { token: p.token }) };
    }
    case 'activation': return { english: `${p.token}: the activation must be one of ${p.allowed.join(', ')}`, said: (m) => m.t('reason.imageActivation', { token: p.token, values: p.allowed.join(', ') }) };
    case 'tooMany': return { english: `must list at most ${p.max} image layers`, said: (m) => m.t('reason.imageTooMany', { max: p.max }) };
    case 'shape': return { english: `layer ${p.layer} (${p.what}) does not fit the ${p.side}×${p.side} image it gets`, said: (m) => m.t('reason.imageShape', { layer: p.layer, what: p.what, side: p.side }) };
  }
}
