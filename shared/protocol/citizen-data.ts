/**
 * The citizen's name and email as the protocol asks for them at the start of a
 * chat: found in the citizen's own messages, the email validated, the name only
 * proposed, because the agent confirms it before it is stored.
 */
import { z } from 'zod';

export const CITIZEN_NAME_MAX_LENGTH = 80;

export const citizenNameSchema = z
  .string()
  .transform((name) => name.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(2).max(CITIZEN_NAME_MAX_LENGTH).regex(/^[\p{L}][\p{L}'’.-]*( [\p{L}][\p{L}'’.-]*)*$/u));

export const citizenEmailSchema = z
  .string()
  .transform((email) => email.trim().toLowerCase())
  .pipe(z.email().max(254));

const EMAIL_CANDIDATE = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Returns the first valid email address in a text, lowercased, or null. */
export function findEmail(text: string): string | null {
  for (const match of text.matchAll(EMAIL_CANDIDATE)) {
    const parsed = citizenEmailSchema.safeParse(match[0].replace(/[.-]+$/, ''));
    if (parsed.success) return parsed.data;
  }
  return null;
}

/** Words that end a name when a citizen goes on writing ("soy Ana y necesito…"). */
const NAME_STOP_WORDS = new Set(['y', 'e', 'mi', 'el', 'la', 'de', 'del', 'con', 'para', 'por', 'quiero', 'necesito', 'quisiera', 'tengo', 'correo', 'email', 'gracias']);
/** Particles that may sit inside a name ("María de los Ángeles"), kept when another capitalized word follows. */
const NAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y']);
const MAX_NAME_WORDS = 5;

const INTRODUCTIONS = [/\bmi nombre es\s+/iu, /\bme llamo\s+/iu, /\bsoy\s+/iu, /\bles? habla\s+/iu, /\bnombre\s*:\s*/iu];

function capitalizeWord(word: string): string {
  return word
    .split('-')
    .map((part) => part.charAt(0).toLocaleUpperCase('es') + part.slice(1).toLocaleLowerCase('es'))
    .join('-');
}

/** Reads up to MAX_NAME_WORDS words of letters from the start of `rest`, stopping at punctuation or a stop word. */
function readName(rest: string, requireCapitals: boolean): string | null {
  const words: string[] = [];
  for (const token of rest.split(/\s+/)) {
    const word = token.replace(/[,.;:!?¡¿)]+$/u, '');
    if (!/^[\p{L}][\p{L}'’-]*$/u.test(word)) break;
    const lower = word.toLocaleLowerCase('es');
    const capitalized = /^\p{Lu}/u.test(word);
    if (NAME_PARTICLES.has(lower) && words.length > 0 && !capitalized) {
      words.push(lower);
    } else if (NAME_STOP_WORDS.has(lower) || (requireCapitals && !capitalized)) {
      break;
    } else {
      words.push(capitalizeWord(word));
    }
    if (words.length >= MAX_NAME_WORDS || word !== token) break;
  }
  while (words.length > 0 && NAME_PARTICLES.has(words.at(-1)!)) words.pop();
  if (words.length === 0) return null;
  const parsed = citizenNameSchema.safeParse(words.join(' '));
  return parsed.success ? parsed.data : null;
}

/**
 * Proposes the citizen's name from one message: after "me llamo", "mi nombre es" or
 * "soy", or a message that starts with two or more capitalized words followed by a
 * comma or an email ("Juan Gómez, juan@correo.co"). Returns null when unsure.
 */
export function proposeName(text: string): string | null {
  for (const pattern of INTRODUCTIONS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const name = readName(text.slice(match.index + match[0].length), false);
    if (name) return name;
  }

  const email = text.search(EMAIL_CANDIDATE);
  const head = (email >= 0 ? text.slice(0, email) : text).trim();
  if (email >= 0 || /[,;\n]/.test(head)) {
    const firstPart = head.split(/[,;\n]/)[0] ?? '';
    const name = readName(firstPart, true);
    // The whole part before the comma or email must be the name, two words or more.
    if (name && name.includes(' ') && name.split(' ').length === firstPart.trim().split(/\s+/).length) return name;
  }
  return null;
}

export interface CitizenDataProposal {
  name: string | null;
  email: string | null;
}

/** Looks through the citizen's messages, newest first, for a name and an email. */
export function detectCitizenData(citizenMessages: readonly string[]): CitizenDataProposal {
  let name: string | null = null;
  let email: string | null = null;
  for (const text of [...citizenMessages].reverse()) {
    name ??= proposeName(text);
    email ??= findEmail(text);
    if (name && email) break;
  }
  return { name, email };
}
