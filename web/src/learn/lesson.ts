// What a lesson is: its number and page, its text in each language, the template that
// places text beside live <mlp-playground> elements, and an optional `mount` that feeds
// the lesson's own views from those elements (their `update` events and snapshots).
import { html, type TemplateResult } from 'lit';
import type { MlpPlaygroundElement, PlaygroundSnapshot } from '../element.js';
import type { Palette } from '../view/colors.js';
import type { LessonCore } from './core.js';
import type { Lang } from '../i18n/lang.js';

export interface LessonText {
  title: string;
  /** One line for the list of lessons. */
  summary: string;
  /** The "Try this" prompt (the page places it after the body). */
  tryBody: TemplateResult;
}

export interface LessonContext {
  lang: Lang;
  palette: Palette;
  /** The core's feature map and notation, once loaded (null before: draw later, on refresh). */
  core: LessonCore | null;
}

export interface Mounted {
  /** Redraw with the current language and colours (after a switch). */
  refresh(): void;
  dispose(): void;
}

export interface Lesson<T extends LessonText = LessonText> {
  number: number;
  /** The page's file name without .html (web/learn/<slug>.html). */
  slug: string;
  text: Record<Lang, T>;
  /**
   * The lesson's body, without the "Try this" prompt (the page adds it after). Elements
   * must not depend on the language (a switch keeps them).
   */
  body(t: T): TemplateResult;
  mount?(root: HTMLElement, context: () => LessonContext): Mounted;
}

/**
 * Calls `draw` with each snapshot that `el`'s views show (its `shown` event: the live one, or
 * the epoch its history scrubber shows); `refresh` draws the current one again, `dispose`
 * stops listening.
 */
export function follow(el: MlpPlaygroundElement, draw: (snap: PlaygroundSnapshot | null) => void): Mounted {
  const onShown = (e: CustomEvent<PlaygroundSnapshot>): void => draw(e.detail);
  el.addEventListener('shown', onShown);
  return { refresh: () => draw(el.shownSnapshot), dispose: () => el.removeEventListener('shown', onShown) };
}

/** Typed by its English text; the other languages must have the same fields. */
export function defineLesson<T extends LessonText>(lesson: Lesson<T>): Lesson {
  return lesson as unknown as Lesson;
}

export interface PlaygroundOptions {
  view?: 'boundary' | 'boundary+network' | 'full';
  hide?: string;
  autoplay?: boolean;
  /** The caption under it (language-dependent; the element itself is not). */
  label: string;
}

/** A live playground with a preset (its config) and a caption. */
export function playground(id: string, config: string, o: PlaygroundOptions): TemplateResult {
  return html`<figure class="live">
    <mlp-playground id=${id} config=${config} view=${o.view ?? 'boundary'} hide=${o.hide ?? 'export'} ?autoplay=${o.autoplay ?? true}></mlp-playground>
    <figcaption>${o.label}</figcaption>
  </figure>`;
}

/** "Try this": the prompt of a lesson. */
export function tryThis(heading: string, body: TemplateResult): TemplateResult {
  return html`<aside class="try" aria-label=${heading}><h2>${heading}</h2>${body}</aside>`;
}
