// The digits mode's pictures, drawn on canvases: grids of digit images (grey, with a red
// frame for a wrong answer, green for a right one), and weights as images (blue for
// positive, orange for negative, as strong as the value against the largest of them).

/** Draws `n` images of `side`×`side` values in [0, 1] (rows of `x`) in a grid of `cols`; `right` marks each right (true) or wrong (false). */
export function drawDigits(canvas: HTMLCanvasElement, x: Float32Array, side: number, n: number, cols: number, right?: readonly boolean[]): void {
  const cell = side + 4;
  const rows = Math.max(1, Math.ceil(n / cols));
  canvas.width = cols * cell;
  canvas.height = rows * cell;
  const g = canvas.getContext('2d');
  if (!g) return;
  const img = g.createImageData(canvas.width, canvas.height);
  const px = img.data;
  const put = (cx: number, cy: number, r: number, gr: number, b: number): void => {
    const o = 4 * (cy * canvas.width + cx);
    px[o] = r, px[o + 1] = gr, px[o + 2] = b, px[o + 3] = 255;
  };
  for (let k = 0; k < n; k++) {
    const ox = (k % cols) * cell, oy = Math.floor(k / cols) * cell;
    const mark = right?.[k];
    const frame: [number, number, number] = mark === undefined ? [200, 200, 200] : mark ? [22, 163, 74] : [220, 38, 38];
    for (let y = 0; y < cell; y++) for (let xx = 0; xx < cell; xx++) {
      const inner = y >= 2 && y < side + 2 && xx >= 2 && xx < side + 2;
      if (inner) {
        const v = 255 - Math.round(255 * Math.min(1, Math.max(0, x[k * side * side + (y - 2) * side + (xx - 2)]!)));
        put(ox + xx, oy + y, v, v, v);
      } else if (mark !== undefined || y === 0 || xx === 0) put(ox + xx, oy + y, ...frame);
      else put(ox + xx, oy + y, 255, 255, 255);
    }
  }
  g.putImageData(img, 0, 0);
}

/** Draws `n` weight images of `side`×`side` (rows of `w`) in a grid of `cols`, each scaled to its own largest |value|. */
export function drawWeights(canvas: HTMLCanvasElement, w: Float32Array, side: number, n: number, cols: number): void {
  const cell = side + 2;
  canvas.width = cols * cell;
  canvas.height = Math.max(1, Math.ceil(n / cols)) * cell;
  const g = canvas.getContext('2d');
  if (!g) return;
  const img = g.createImageData(canvas.width, canvas.height);
  const px = img.data;
  px.fill(255);
  const area = side * side;
  for (let k = 0; k < n; k++) {
    let max = 1e-12;
    for (let i = 0; i < area; i++) max = Math.max(max, Math.abs(w[k * area + i]!));
    const ox = (k % cols) * cell + 1, oy = Math.floor(k / cols) * cell + 1;
    for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) {
      const v = w[k * area + y * side + x]! / max;
      const o = 4 * ((oy + y) * canvas.width + ox + x);
      // White at 0, towards blue (#2563eb) or orange (#ea580c) with |v|.
      const [r, gr, b] = v >= 0 ? [37, 99, 235] : [234, 88, 12];
      const a = Math.min(1, Math.abs(v));
      px[o] = Math.round(255 + (r - 255) * a);
      px[o + 1] = Math.round(255 + (gr - 255) * a);
      px[o + 2] = Math.round(255 + (b - 255) * a);
      px[o + 3] = 255;
    }
  }
  g.putImageData(img, 0, 0);
}
