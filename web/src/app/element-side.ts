// What the controller needs of its element (playground.ts): its render root, the
// attributes that are no settings, and what its language reads. Types only.
import type { ReactiveControllerHost } from 'lit';
import type { PlaygroundView } from './api.js';
import type { LanguageOwner } from './language.js';
import type { PlaygroundState } from './settings.js';

export interface ElementSide extends ReactiveControllerHost, EventTarget, LanguageOwner {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly isConnected: boolean;
  readonly hide: string;
  readonly view: PlaygroundView;
  readonly autoplay: boolean;
  setAttribute(name: string, value: string): void;
  /** The element's own lazy parts these settings show and that are not in (Panel.prepare's kind). */
  prepare?(state: PlaygroundState): Promise<unknown>[] | null;
}
