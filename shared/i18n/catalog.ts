/** Looks up a text in the message catalog and fills its {placeholders}. */
import { en } from './en';
import { es, type MessageKey } from './es';

export type Locale = 'es' | 'en';
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Locale, Record<MessageKey, string>> = { es, en };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

/**
 * Returns the text for a key in the locale. An unknown key is returned as it is,
 * so a missing text shows up on screen and in tests instead of an empty string.
 */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const template = isMessageKey(key) ? catalogs[locale][key] : key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

export type { MessageKey };
