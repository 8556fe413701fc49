/**
 * The text searched to suggest articles for a chat: the citizen's latest message
 * that contains a request. A message that only gives the citizen's name and email,
 * as the protocol asks at the start of a chat, or only greets or thanks, is skipped
 * for the message before it. Its words would propose unrelated articles: "correo"
 * finds the email notifications, and the name "Marta" is one edit from "marzo".
 * Names and email addresses are left out of the searched text in any case.
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

/** Returns the words of a message without email addresses and without the words of the name it gives. */
function wordsWithoutPersonalData(text: string): string[] {
  const nameWords = new Set(tokenize(proposeName(text) ?? '').map(normalizeWord));
  return tokenize(text.replace(EMAIL_PATTERN, ' ')).filter((word) => !nameWords.has(normalizeWord(word)));
}

/** Returns the text to search for the citizen's messages, oldest first, or null when none of them contains a request. */
export function suggestionQuery(citizenMessages: readonly string[]): string | null {
  for (let index = citizenMessages.length - 1; index >= 0; index--) {
    const words = wordsWithoutPersonalData(citizenMessages[index]!);
    const text = words.join(' ');
    if (analyzeText(text).some((term) => !NO_REQUEST_TERMS.has(term))) return text;
  }
  return null;
}
