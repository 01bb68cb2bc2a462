// The diagram's worker: draws the weights' lines and the thumbnail atlas of every diagram on
// the page onto the OffscreenCanvases they handed over (transferControlToOffscreen), so
// rasterising ~10,000 lines and ~330 thumbnails happens on this thread, never in a main
// thread task. One worker serves every element of the page (diagram-canvas.ts); each
// message names its diagram, and each drawn frame is answered so the page sends the next.
import { AtlasPainter, type AtlasFrame, type LinesFrame, paintLines, type ThumbPlanes } from './diagram-paint.js';

/** An atlas frame as sent: its planes, or 'same' for the diagram's last ones (not sent twice). */
export type AtlasMessage = Omit<AtlasFrame, 'thumbs'> & { thumbs: ThumbPlanes | 'same' | null };

export type ToDiagramWorker =
  | { kind: 'attach'; id: number; lines: OffscreenCanvas; atlas: OffscreenCanvas }
  | { kind: 'lines'; id: number; frame: LinesFrame }
  | { kind: 'atlas'; id: number; frame: AtlasMessage }
  | { kind: 'detach'; id: number };

export type FromDiagramWorker = { kind: 'drawn'; id: number; what: 'lines' | 'atlas' } | { kind: 'failed'; id: number; what: 'lines' | 'atlas'; message: string };

interface Diagram {
  lines: OffscreenCanvas;
  atlas: OffscreenCanvas;
  painter: AtlasPainter;
  thumbs: ThumbPlanes | null;
}

const diagrams = new Map<number, Diagram>();
const post = (m: FromDiagramWorker): void => (self as unknown as Worker).postMessage(m);

self.onmessage = (e: MessageEvent<ToDiagramWorker>): void => {
  const m = e.data;
  if (m.kind === 'attach') {
    diagrams.set(m.id, { lines: m.lines, atlas: m.atlas, painter: new AtlasPainter(), thumbs: null });
    return;
  }
  if (m.kind === 'detach') {
    diagrams.delete(m.id);
    return;
  }
  const d = diagrams.get(m.id);
  try {
    if (d && m.kind === 'lines') paintLines(d.lines, m.frame);
    if (d && m.kind === 'atlas') {
      if (m.frame.thumbs !== 'same') d.thumbs = m.frame.thumbs;
      d.painter.paint(d.atlas, { ...m.frame, thumbs: d.thumbs });
    }
    post({ kind: 'drawn', id: m.id, what: m.kind });
  } catch (err) {
    post({ kind: 'failed', id: m.id, what: m.kind, message: err instanceof Error ? err.message : String(err) });
  }
};
