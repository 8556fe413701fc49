/**
 * Looks up a text in the message catalog and fills its {placeholders}.
 *
 * A count that changes the words uses a small part of ICU MessageFormat:
 * `{count, plural, one {# correo pendiente} other {# correos pendientes}}`, where
 * `#` is the number. Numbers are written the locale's way ("0,8" in Spanish).
 */
import { en } from './en';
import { es, type MessageKey } from './es';

export type Locale = 'es' | 'en';
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Locale, Record<MessageKey, string>> = { es, en };

/** Language tags for numbers and plural rules: agents read Colombian Spanish. */
const LANGUAGE_TAGS: Record<Locale, string> = { es: 'es-CO', en: 'en-US' };

/** A plural, `{name, plural, one {…} other {…}}`. An option may contain simple `{placeholders}`. */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\w+\})*\})+)\s*\}/g;
const PLURAL_OPTION = /(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}/g;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

/** Writes a number as the locale does, without thousands separators (ids, ports and years stay whole). */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(LANGUAGE_TAGS[locale], { useGrouping: false, maximumFractionDigits: 3 }).format(value);
}

function formatParam(locale: Locale, value: string | number): string {
  return typeof value === 'number' ? formatNumber(locale, value) : value;
}

/** Picks the option for the count: an exact `=N` first, then the locale's plural category, then `other`. */
function choosePlural(locale: Locale, count: number, optionsText: string): string {
  const options = new Map<string, string>();
  for (const match of optionsText.matchAll(PLURAL_OPTION)) options.set(match[1]!, match[2]!);
  const category = new Intl.PluralRules(LANGUAGE_TAGS[locale]).select(count);
  const chosen = options.get(`=${count}`) ?? options.get(category) ?? options.get('other') ?? '';
  return chosen.replaceAll('#', formatNumber(locale, count));
}

/**
 * Returns the text for a key in the locale. An unknown key is returned as it is,
 * so a missing text shows up on screen and in tests instead of an empty string.
 */
export function translate(locale: Locale, key: string, params: MessageParams = {}): string {
  const template = isMessageKey(key) ? catalogs[locale][key] : key;
  const counted = template.replace(PLURAL, (match, name: string, optionsText: string) => {
    const count = Number(params[name]);
    return name in params && Number.isFinite(count) ? choosePlural(locale, count, optionsText) : match;
  });
  return counted.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? formatParam(locale, params[name]!) : match));
}

export type { MessageKey };
