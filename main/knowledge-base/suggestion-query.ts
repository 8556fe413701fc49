/**
 * The text searched to suggest articles for a chat: the citizen's requests, so
 * the suggestions keep the chat's topic while the citizen adds details. The first
 * request weighs most, because it names what the citizen came for and later
 * messages add details ("vivo en el barrio San Antonio") whose words alone find
 * other articles. Messages that only give the citizen's name and email, as the
 * protocol asks at the start of a chat, or only greet or thank, are left out:
 * "correo" finds the email notifications, and the name "Marta" is one edit from
 * "marzo". Names and email addresses are left out of every message.
 */
import { analyzeText, normalizeWord, tokenize } from '../../shared/knowledge-base/analysis';
import { proposeName } from '../../shared/protocol/citizen-data';

const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** Index terms of the words that surround a citizen's data, greetings and thanks: a message of only these contains no request. */
const NO_REQUEST_TERMS = new Set(
  analyzeText(
    'me llamo mi nombre es soy le habla correo electrónico email mail e-mail cédula número documento identificado identificada ' +
      'hola buenas buenos tardes días noches muchas gracias ok listo vale perfecto claro bueno sí no señor señora',
  ),
);

/** Index terms of what a citizen thanks for: "Muchas gracias por la información" is courtesy, not a request. */
const THANKED_FOR_TERMS = new Set(analyzeText('información ayuda atención colaboración amabilidad orientación paciencia amable entendido excelente agradezco agradecida agradecido'));
/** Words of thanks, normalized; "gracias" is a stop word of the index, so the words themselves are compared. */
const THANKS_WORDS = new Set(['gracias', 'agradezco', 'agradecida', 'agradecido']);

/**
 * Words of the query, at most: the engine reads the first 60 words of a suggestion
 * query, and the first request is counted twice within them.
 */
const QUERY_WORDS = 60;
/** Words of the first request that are counted twice; a longer first request counts once from there on. */
const FIRST_REQUEST_WORDS = 20;

/** Returns the words of a message without email addresses and without the words of the name it gives. */
function wordsWithoutPersonalData(text: string): string[] {
  const nameWords = new Set(tokenize(proposeName(text) ?? '').map(normalizeWord));
  return tokenize(text.replace(EMAIL_PATTERN, ' ')).filter((word) => !nameWords.has(normalizeWord(word)));
}

/** Tells whether the words carry a request: some term beyond the citizen's data, greetings and thanks. */
function isRequest(words: readonly string[]): boolean {
  const thanks = words.some((word) => THANKS_WORDS.has(normalizeWord(word)));
  return analyzeText(words.join(' ')).some((term) => !NO_REQUEST_TERMS.has(term) && !(thanks && THANKED_FOR_TERMS.has(term)));
}

/**
 * Returns the text to search for the citizen's messages, oldest first, or null when
 * none of them contains a request. The first request comes first and twice (its
 * first FIRST_REQUEST_WORDS words), then the later requests, newest first, each
 * without the words the query already has, up to QUERY_WORDS words.
 */
export function suggestionQuery(citizenMessages: readonly string[]): string | null {
  const requests = citizenMessages.map(wordsWithoutPersonalData).filter(isRequest);
  if (requests.length === 0) return null;

  const [first, ...later] = requests as [string[], ...string[][]];
  const query = [...first.slice(0, FIRST_REQUEST_WORDS), ...first];
  const known = new Set(first.map(normalizeWord));
  for (const words of later.reverse()) {
    for (const word of words) {
      if (query.length >= QUERY_WORDS) break;
      const normalized = normalizeWord(word);
      if (known.has(normalized)) continue;
      known.add(normalized);
      query.push(word);
    }
  }
  return query.slice(0, QUERY_WORDS).join(' ');
}
