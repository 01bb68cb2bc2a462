// Files into the page (a picked file read as text) and the playground's own network file:
// the core's serialize() wrapped with the settings that go with it. (Downloads: views.ts.)
import type { Catalog } from './catalog.js';
import { parseHash, type PlaygroundState, serializeHash } from './state.js';
import { message } from './text.js';

export const NETWORK_FORMAT = 'mlp-playground/playground';
export const NETWORK_VERSION = 1;

export function readText(file: File, maxBytes: number): Promise<string> {
  if (file.size > maxBytes) return Promise.reject(new Error(`the file is too large (${Math.round(file.size / 1024)} KB; at most ${Math.round(maxBytes / 1024)} KB)`));
  return file.text();
}

/** The exported network file: settings (as a hash) plus the core's network JSON. */
export function wrapNetwork(state: PlaygroundState, networkJson: string): string {
  return JSON.stringify({ format: NETWORK_FORMAT, version: NETWORK_VERSION, hash: serializeHash(state), network: JSON.parse(networkJson) }, null, 1);
}

export interface ImportedNetwork {
  state: PlaygroundState;
  network: string;
  /** Settings of the file that fell back to defaults. */
  problems: string[];
}

/** Reads an exported network file; throws an Error saying what is wrong with it. */
export function unwrapNetwork(text: string, catalog: Catalog): ImportedNetwork {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON (${message(e)})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error('not a network file: expected a JSON object');
  const d = doc as Record<string, unknown>;
  if (d.format !== NETWORK_FORMAT) throw new Error(`not a network file of this playground: "format" must be "${NETWORK_FORMAT}"`);
  if (d.version !== NETWORK_VERSION) throw new Error(`unsupported version ${JSON.stringify(d.version)}; this playground reads version ${NETWORK_VERSION}`);
  if (typeof d.hash !== 'string') throw new Error('"hash" (the settings) is missing');
  if (typeof d.network !== 'object' || d.network === null) throw new Error('"network" is missing');
  const { state, problems } = parseHash(d.hash, catalog);
  return { state, network: JSON.stringify(d.network), problems };
}
