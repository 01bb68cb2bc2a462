// The image-mode diagram's stages: the input and each layer as the shape it makes
// (784 → 64 → 10; conv 8 @ 28×28 → pool 8 @ 14×14 → …), read from the built network's
// `net.layers` (the core works the shapes out; nothing here repeats its arithmetic).
import type { Activation, LayerInfo } from '../../core/types.js';

export interface Stage {
  kind: 'input' | 'dense' | 'conv2d' | 'maxpool';
  /** An image stage's [channels, height, width]; a vector's [values]. */
  shape: number[];
  activation: Activation | null;
  residual: boolean;
}

export function stages(layers: readonly LayerInfo[]): Stage[] {
  if (!layers.length) return [];
  const first = layers[0]!;
  return [
    { kind: 'input', shape: [...first.inputShape], activation: null, residual: false },
    ...layers.map((l) => ({ kind: l.type, shape: [...l.outputShape], activation: l.activation, residual: l.residual })),
  ];
}

/** The numbers a stage's label shows: "64" for a vector, "8 @ 28×28" for an image (the words come from the catalog). */
export function sizeText(stage: Stage, int: (n: number) => string): string {
  const s = stage.shape;
  if (s.length === 3) return s[0] === 1 && stage.kind === 'input' ? `${int(s[1]!)}×${int(s[2]!)}` : `${int(s[0]!)} @ ${int(s[1]!)}×${int(s[2]!)}`;
  return int(s.reduce((a, b) => a * b, 1));
}
