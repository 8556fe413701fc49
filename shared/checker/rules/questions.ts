/**
 * Unanswered questions: the protocol requires the agent to check, before sending,
 * that every question of the request is being answered. The citizen's questions
 * are found in their messages. A question counts as answered when the agent's
 * replies, those sent and the draft, share at least half of its content words.
 */
import { isAnswerPhaseOrLater, type CheckOptions, type Finding } from '../options';
import { foldAccents } from '../spelling/key';
import { analyzeText } from '../text';
import { makeFinding } from './finding';

const QUESTION_OPENERS = /^(?:qu[eé]|c[oó]mo|cu[aá]l(?:es)?|qui[eé]n(?:es)?|d[oó]nde|cu[aá]ndo|cu[aá]nt[oa]s?|por\s*qu[eé]|para\s+qu[eé]|puedo|pueden|puede|podr[ií]a|podr[ií]an|tengo\s+que|debo|hay|es\s+posible|se\s+puede)(?!\p{L})/iu;
const QUESTION_PHRASES = /(?<!\p{L})(?:(?:quisiera|quiero|necesito|me\s+gustar[ií]a)\s+saber|me\s+(?:puede|pueden|podr[ií]a|podr[ií]an)\s+(?:decir|indicar|informar|explicar|ayudar))(?!\p{L})/iu;

/** Function words, without accents, which carry nothing of a question's topic. */
const STOPWORDS = new Set(
  `a al algo algun alguna algunas alguno algunos ante antes aqui asi aun bien buen buena buenas bueno buenos cada como con contra cual cuales cuando cuanto de del desde donde dos el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estan estar este esto estos estoy fue gracias ha hace hacer hay he hola la las le les lo los mas me mi mis mucho muy nada ni no nos o otra otro para pero poco por porque puede pueden puedo que quien quisiera quiero saber se sea ser si sin sobre son su sus tambien tan tanto te tengo tiene tienen todo todos tu un una uno unos usted ustedes va y ya yo favor necesito gustaria podria podrian dias tardes noches senor senora`.split(' '),
);

/** Returns the content-word stems of a text: accents folded, function words dropped, cut to five letters. */
export function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const match of foldAccents(text).matchAll(/\p{L}+/gu)) {
    const word = match[0];
    if (word.length < 3 || STOPWORDS.has(word)) continue;
    stems.add(word.replace(/(?:es|s)$/, '').slice(0, 5));
  }
  return stems;
}

/** Returns the questions in a citizen's message: sentences with a question mark, a question word first, or "quisiera saber…". */
export function findQuestions(message: string): string[] {
  return analyzeText(message)
    .sentences.map((sentence) => sentence.text)
    .filter((sentence) => /[¿?]/.test(sentence) || QUESTION_OPENERS.test(sentence.replace(/^[^\p{L}]+/u, '')) || QUESTION_PHRASES.test(sentence));
}

function isAnswered(question: string, replyStems: ReadonlySet<string>): boolean {
  const stems = [...contentStems(question)];
  if (stems.length === 0) return true;
  const shared = stems.filter((stem) => replyStems.has(stem)).length;
  return shared >= Math.max(1, Math.ceil(stems.length / 2));
}

export function checkQuestions(text: string, options: CheckOptions): Finding[] {
  if (!isAnswerPhaseOrLater(options.phase)) return [];
  const replyStems = contentStems([...options.agentReplies, text].join('\n'));
  const findings: Finding[] = [];
  for (const message of options.citizenMessages) {
    for (const question of findQuestions(message)) {
      if (!isAnswered(question, replyStems)) findings.push(makeFinding(text, 'unanswered-question', 0, 0, 'checker.unansweredQuestion', { question }));
    }
  }
  return findings;
}
