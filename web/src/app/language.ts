// The language of one <mlp-playground>: its own `lang` attribute, else the nearest `lang`
// above it (the page's <html lang>), followed live. The catalog of a language not yet
// loaded is fetched (a chunk of its own); until it is in, the element keeps its current
// text, so a switch never shows a half-translated frame.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOfTag, type Lang } from '../i18n/lang.js';
import { isLoaded, loadLang, messages, type Messages } from '../i18n/messages.js';

/** What the language reads of its element. */
export interface LanguageOwner {
  readonly ownerDocument: Document;
  closest(selector: string): Element | null;
}

export class ElementLanguage implements ReactiveController {
  #el: LanguageOwner;
  #changed: () => void;
  #wanted: Lang = 'en';
  #m: Messages = messages('en');
  #observer: MutationObserver | null = null;
  #settled = false;

  /** `changed` runs when the messages changed (the element re-renders). */
  constructor(el: LanguageOwner & ReactiveControllerHost, changed: () => void) {
    this.#el = el;
    this.#changed = changed;
    el.addController(this);
  }

  /** The messages the element shows now. */
  get m(): Messages {
    return this.#m;
  }

  /** The first language's catalog is in (the panels render only then; later switches keep the old text until the new is in). */
  get ready(): boolean {
    return this.#settled;
  }

  hostConnected(): void {
    // An ancestor's lang (the site's switch sets <html lang>) changes the inherited one.
    this.#observer ??= new MutationObserver(() => this.update());
    this.#observer.observe(this.#el.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    this.update();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  /** Reads the language again (the element's lang attribute changed, or an ancestor's). */
  update(): void {
    const owner = this.#el.closest('[lang]');
    const lang = langOfTag(owner?.getAttribute('lang')) ?? 'en';
    if (lang === this.#wanted && this.#settled) return;
    this.#wanted = lang;
    if (isLoaded(lang)) {
      this.#set(messages(lang));
      return;
    }
    void loadLang(lang).then(
      (m) => {
        if (m.lang === this.#wanted) this.#set(m);
      },
      () => {
        // The chunk failed to load (offline): stay in the language shown.
        this.#wanted = this.#m.lang;
        this.#settled = true;
        this.#changed();
      },
    );
  }

  #set(m: Messages): void {
    if (m === this.#m && this.#settled) return;
    this.#m = m;
    this.#settled = true;
    this.#changed();
  }
}
