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
const NAME_STOP_WORDS = new Set([
  'y', 'e', 'mi', 'el', 'la', 'de', 'del', 'con', 'para', 'por', 'que', 'quiero', 'necesito', 'quisiera', 'tengo', 'correo', 'email', 'gracias',
  'identificado', 'identificada', 'cédula', 'cedula', 'documento', 'número', 'numero', 'desde', 'en', 'a', 'al', 'me', 'le', 'les', 'no', 'si', 'sí',
]);
/** Particles that may sit inside a name ("María de los Ángeles", "Juan de Dios"), kept only when a name word follows. */
const NAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y']);
/** Given names and surnames a name may have, particles not counted: "Juan Carlos Rodríguez Martínez" has four. */
const MAX_NAME_WORDS = 5;

/**
 * Words that say what a citizen is, not who ("soy pensionado", "soy de Bogotá"),
 * and the greetings that open a message ("buenas tardes, juan@x.co").
 */
const NOT_NAME_WORDS = new Set([
  'yo', 'un', 'una', 'el', 'la', 'los', 'las', 'muy', 'quien', 'quién', 'nuevo', 'nueva', 'mayor', 'menor', 'persona', 'parte', 'miembro', 'cliente',
  'pensionado', 'pensionada', 'jubilado', 'jubilada', 'estudiante', 'docente', 'profesor', 'profesora', 'madre', 'padre', 'mamá', 'papá', 'hijo', 'hija',
  'esposo', 'esposa', 'hermano', 'hermana', 'abuelo', 'abuela', 'tío', 'tía', 'comerciante', 'independiente', 'empleado', 'empleada', 'trabajador',
  'trabajadora', 'contratista', 'funcionario', 'funcionaria', 'usuario', 'usuaria', 'ciudadano', 'ciudadana', 'colombiano', 'colombiana', 'venezolano',
  'venezolana', 'extranjero', 'extranjera', 'víctima', 'propietario', 'propietaria', 'arrendatario', 'arrendataria', 'contribuyente', 'residente',
  'habitante', 'vecino', 'vecina', 'abogado', 'abogada', 'contador', 'contadora', 'ingeniero', 'ingeniera', 'médico', 'médica', 'doctor', 'doctora',
  'enfermero', 'enfermera', 'conductor', 'conductora', 'campesino', 'campesina', 'casado', 'casada', 'soltero', 'soltera', 'viudo', 'viuda', 'titular',
  'dueño', 'dueña', 'socio', 'socia', 'representante', 'gerente', 'secretario', 'secretaria', 'paciente', 'responsable', 'beneficiario', 'beneficiaria',
  'hola', 'buenas', 'buenos', 'buen', 'tardes', 'días', 'dias', 'noches', 'saludos', 'cordial', 'saludo', 'señor', 'señora', 'señorita', 'ok', 'listo',
]);
/** Endings of participles and of words for occupations ("desempleado", "comerciante", "contratista"), read as no name after "soy" when lowercase. */
// NOTE: a lowercase given name with one of these endings ("clemente", "adelaida") is missed after "soy".
const NOT_NAME_ENDING = /(?:ad[oa]|id[oa]|ante|ente|ista|ari[oa])s?$/u;
const MIN_LENGTH_FOR_ENDING = 8;

/** A title before the name, left out of it: "soy la señora Martha Ruiz", "le habla el doctor Pérez". */
const HONORIFIC = /^(?:(?:el|la)\s+(?:doctora|doctor|ingeniera|ingeniero|licenciada|licenciado|señorita|señora|señor)|señorita|señora|señor|srta\.|sra\.|sr\.|doña|don|dra\.|dr\.)\s+/iu;

/**
 * The phrases that introduce a name, most certain first. After "soy" and "le habla" a
 * citizen may also say what they are, so those are checked against NOT_NAME_WORDS.
 */
const INTRODUCTIONS: ReadonlyArray<{ pattern: RegExp; mayDescribe: boolean }> = [
  { pattern: /\bmi nombre(?: completo)? es\s*:?\s*/iu, mayDescribe: false },
  { pattern: /\bme llamo\s*:?\s*/iu, mayDescribe: false },
  { pattern: /\bnombre(?: completo)?\s*:\s*/iu, mayDescribe: false },
  { pattern: /(?<![\p{L}])soy\s+/iu, mayDescribe: true },
  { pattern: /\bles? (?:habla|escribe)\s+/iu, mayDescribe: true },
];

/** "juan" and "JUAN" become "Juan"; a word the citizen capitalized themselves ("McAllister") stays as written. */
function capitalizeWord(word: string): string {
  if (word !== word.toLocaleLowerCase('es') && word !== word.toLocaleUpperCase('es')) return word;
  return word
    .split('-')
    .map((part) => part.charAt(0).toLocaleUpperCase('es') + part.slice(1).toLocaleLowerCase('es'))
    .join('-');
}

/** True when a word after "soy" names what the citizen is (an occupation, a state, a place of origin) rather than who. */
function describesCitizen(word: string): boolean {
  const lower = word.toLocaleLowerCase('es');
  if (NOT_NAME_WORDS.has(lower)) return true;
  return word === lower && lower.length >= MIN_LENGTH_FOR_ENDING && NOT_NAME_ENDING.test(lower);
}

/**
 * Reads the name at the start of `rest`: up to MAX_NAME_WORDS words of letters, with
 * particles between them, stopping at punctuation, a digit or a stop word.
 */
function readName(rest: string, requireCapitals: boolean): string | null {
  const words: string[] = [];
  let nameWords = 0;
  for (const token of rest.replace(HONORIFIC, '').split(/\s+/)) {
    const word = token.replace(/[,.;:!?¡¿)"”»]+$/u, '');
    if (!/^[\p{L}][\p{L}'’-]*$/u.test(word)) break;
    const lower = word.toLocaleLowerCase('es');
    const capitalized = /^\p{Lu}/u.test(word);
    if (NAME_PARTICLES.has(lower) && nameWords > 0 && !capitalized) {
      words.push(lower);
    } else if (NAME_STOP_WORDS.has(lower) || (requireCapitals && !capitalized)) {
      break;
    } else {
      words.push(capitalizeWord(word));
      nameWords += 1;
    }
    if (nameWords >= MAX_NAME_WORDS || word !== token) break;
  }
  while (words.length > 0 && NAME_PARTICLES.has(words.at(-1)!)) words.pop();
  if (words.length === 0) return null;
  const parsed = citizenNameSchema.safeParse(words.join(' '));
  return parsed.success ? parsed.data : null;
}

/** Greetings a message may open with before the name: "Buenas tardes, Juan Pérez, juan@x.co". */
const LEADING_GREETING = /^(?:hola|buen(?:os|as)? (?:d[ií]as?|tardes?|noches?)|buenas|saludos|cordial saludo)[\s,.!]*/iu;

/**
 * Reads a message that is just a name and an email, or starts with a name and a comma:
 * "Juan Pérez, juan@x.co", "luisa ríos juan@x.co", "Juan Gómez, necesito…". The whole
 * part before the comma or the email must be the name, two words or more. Lowercase
 * names count only when an email follows them.
 */
function readBareName(text: string): string | null {
  const email = text.search(EMAIL_CANDIDATE);
  const head = (email >= 0 ? text.slice(0, email) : text).trim();
  if (email < 0 && !/[,;\n]/.test(head)) return null;

  const parts = head.split(/[,;\n]|\.\s/).map((part) => part.replace(LEADING_GREETING, '').trim()).filter((part) => part !== '');
  // With an email the name is usually right before it; without one, it opens the message.
  const candidates = email >= 0 ? [parts.at(-1), parts[0]] : [parts[0]];
  for (const part of candidates) {
    if (!part) continue;
    const tokens = part.replace(/[:.]+$/u, '').split(/\s+/);
    const isOrdinaryWord = (token: string) => {
      const lower = token.toLocaleLowerCase('es');
      return describesCitizen(token) || (NAME_STOP_WORDS.has(lower) && !NAME_PARTICLES.has(lower));
    };
    if (tokens.some(isOrdinaryWord)) continue;
    const name = readName(part, email < 0);
    if (name && name.includes(' ') && name.split(' ').length === tokens.length) return name;
  }
  return null;
}

/**
 * Proposes the citizen's name from one message: after "me llamo", "mi nombre es",
 * "nombre:", "soy" or "le habla" (lowercase, all capitals and two surnames alike), or
 * a message that is a name with an email ("Juan Pérez, juan@x.co"). Returns null when
 * unsure, for example after "soy de Bogotá" or "soy pensionado"; the agent confirms
 * every proposal before it is stored.
 */
export function proposeName(text: string): string | null {
  for (const { pattern, mayDescribe } of INTRODUCTIONS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const rest = text.slice(match.index + match[0].length);
    const firstWord = rest.replace(HONORIFIC, '').split(/[\s,.;:!?]+/u)[0] ?? '';
    if (mayDescribe && describesCitizen(firstWord)) continue;
    const name = readName(rest, false);
    if (name) return name;
  }
  return readBareName(text);
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
