// What the learning panels (gradient flow, loss landscape) ask the worker for, through the
// host: the history's curve, the layers' statistics and the loss landscape. Each answer is
// for the network built now, or null (no network yet, or a newer build overtook the call).
import type { FlowStats, HistoryInfo, Landscape, LandscapeRequest } from '../../worker/protocol.js';
import type { WorkerSession } from '../session.js';

export interface InsightSource {
  /** The training history: its curve holds each epoch's gradient norm and update ratio per layer. */
  history(): Promise<HistoryInfo | null>;
  /** Dead and saturated units per layer, on the training data now. */
  flowStats(): Promise<FlowStats | null>;
  /** The loss landscape around the current parameters, with the recorded path (computed in the worker). */
  landscape(request: LandscapeRequest): Promise<Landscape | null>;
}

export function insightSource(session: WorkerSession): InsightSource {
  return {
    history: () => session.ask((api) => api.history()),
    flowStats: () => session.ask((api) => api.flowStats()),
    landscape: (request) => session.ask((api) => api.landscape(request)),
  };
}
