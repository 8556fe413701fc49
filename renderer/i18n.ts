/** The renderer's text lookup: every word on screen comes from the Spanish catalog through t(). */
import { translate, type MessageKey, type MessageParams } from '../shared/i18n/catalog';

/** Locale of the workbench. English exists in the catalog as a second locale but is not offered yet. */
export const LOCALE = 'es' as const;

/** Returns the Spanish text of a catalog key with its {placeholders} filled. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return translate(LOCALE, key, params);
}

/**
 * Returns the Spanish text of a key that arrived at run time, such as an error code
 * from the Node side. An unknown key is shown as it is rather than hidden.
 */
export function tDynamic(key: string, params: MessageParams = {}): string {
  return translate(LOCALE, key, params);
}
