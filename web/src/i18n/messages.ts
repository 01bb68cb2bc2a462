// Looking up a message by its key: the one place the UI's text comes from (English only
// for now; the language switch goes here). A leaf module apart from its catalog.
import { en, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';

/** The text of a message key. */
export function msg(key: MessageKey): string {
  return en[key];
}

/**
 * The label of one name of a vocabulary (`dataset.spiral`, `optimizer.adam`): its message, or
 * the name itself when the catalog has none (a dataset the core added since, say).
 */
export function nameLabel(group: string, name: string): string {
  return (en as Record<string, string>)[`${group}.${name}`] ?? name;
}

/** Whether a string is a message key (for checks of keys built at run time). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
