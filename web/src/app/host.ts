// The narrow interface a panel sees: what it may read (the settings, the network that was
// built, the latest parameters, the colours, which parts are hidden, the UI's own state)
// and what it may ask for (a settings change, training, an edit, a file in or out). The
// controller implements it; panels never see the element, the worker or a renderer.
// Types only.
import type { OnnxOptions, PyTorchOptions } from '../core/index.js';
import type { Dataset, Parameters } from '../core/types.js';
import type { Messages } from '../i18n/messages.js';
import type { Palette } from '../view/colors.js';
import type { DiagramLayout, WeightRef } from '../view/diagram.js';
import type { Built, UnitRef } from '../worker/protocol.js';
import type { Catalog } from './catalog.js';
import type { InsightSource } from './insight/source.js';
import type { ProblemShape } from './problem.js';
import type { Part } from './parts.js';
import type { Domain } from './scales.js';
import type { PlaygroundState } from './settings.js';

export type { Part } from './parts.js';

/** Text in the reader's language, made from the current messages (a switch re-renders it). */
export type Text = (m: Messages) => string;

export interface Notice {
  id: string;
  kind: 'info' | 'warning' | 'error';
  text: Text;
  details?: (m: Messages) => string[];
  /** What the core or a file reader said, in English (shown apart, under a "technical detail"). */
  technical?: string;
  /** A button in the notice (Restart, for a worker that stopped). */
  action?: { label: Text; run(): void };
}

export type DrawMode = 'off' | 'add' | 'erase';

/** The weight or bias editor, open on one parameter. */
export interface Editor {
  kind: 'weight' | 'bias';
  layer: number;
  unit: number;
  input: number;
  value: number;
  x: number;
  y: number;
  error: string;
}

/** What the UI holds that is no setting (not in the hash, not kept). */
export interface UiState {
  /** The unit shown large in the main view (hovered or focused). */
  focusUnit: UnitRef | null;
  drawMode: DrawMode;
  /** Class and value of points added by drawing. */
  drawClass: number;
  drawValue: number;
  editor: Editor | null;
  tooltip: { x: number; y: number; text: string } | null;
  /** The list of keyboard shortcuts is open. */
  help: boolean;
}

/** A point of the main view in data coordinates, and its scale. */
export interface ViewPoint {
  x: number;
  y: number;
  /** CSS pixels per data unit. */
  pixelsPerUnit: number;
}

export interface PanelHost {
  // ---- what a panel reads ----------------------------------------------------------------
  /** The UI's text in the element's language (its lang attribute or the nearest one above). */
  readonly m: Messages;
  /** The settings (the hash); change them with applySettings. */
  readonly state: PlaygroundState;
  /** The core's vocabulary (datasets, features, ...). Panels render once it is there. */
  readonly catalog: Catalog;
  readonly shape: ProblemShape;
  /** The worker has loaded the core. */
  readonly ready: boolean;
  readonly playing: boolean;
  /** The data and layer sizes of the network the worker built, or null. */
  readonly built: Built | null;
  /** The latest parameters (PyTorch layout), or null before the first snapshot. */
  readonly parameters: Parameters | null;
  readonly palette: Palette;
  readonly ui: Readonly<UiState>;
  /** The diagram's geometry for the current structure and width. */
  readonly layout: DiagramLayout;
  /** What the main view shows. */
  readonly domain: Domain;
  /** Regression: the value that gets full colour. */
  readonly valueScale: number;
  isHidden(part: Part): boolean;
  /** The learning panels' numbers from the worker (gradient flow, loss landscape). */
  readonly insight: InsightSource;

  // ---- what a panel asks for -------------------------------------------------------------
  /** A change of settings; the controller works out what it implies (live, new data, a rebuild). */
  applySettings(patch: Partial<PlaygroundState>, options?: { reset?: boolean }): void;
  play(): void;
  pause(): void;
  step(): void;
  reset(): Promise<void>;
  setUi(patch: Partial<UiState>): void;
  /** Shows one unit in the main view (null: the outputs again). */
  setFocus(unit: UnitRef | null): void;
  /** The weight under a point of the diagram's lines (CSS pixels relative to them). */
  weightAt(x: number, y: number): WeightRef | null;
  hoverWeight(w: WeightRef | null): void;
  /** Writes the open editor's parameter; rejects with the reason (the editor stays open). */
  applyEdit(value: number): Promise<void>;
  /** Adds or removes drawn points (the first edit turns the data into custom data). */
  editPoints(fn: (points: Dataset) => Dataset): void;
  /** The main view's point under a client (CSS) position, or null before it exists. */
  pointAt(clientX: number, clientY: number): ViewPoint | null;
  notify(n: Notice): void;
  dismiss(id: string): void;
  /** The trained network as the core's JSON. */
  exportNetwork(): Promise<string>;
  /** The network as a PyTorch training script (made by the library in the worker). */
  exportPyTorch(options: PyTorchOptions): Promise<string>;
  /** The network as an ONNX model. */
  exportONNX(options: OnnxOptions): Promise<Uint8Array>;
  /** Replaces the network by an imported one with its settings (all or nothing). */
  importNetwork(state: PlaygroundState, json: string): Promise<void>;
  /** The main view as a PNG. */
  exportImage(): Promise<Blob | null>;
  /** Hands a file to the user (a download). */
  download(name: string, blob: Blob): void;
}
