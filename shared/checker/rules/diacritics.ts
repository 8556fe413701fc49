/**
 * Accents that depend on the sentence: interrogative words in questions
 * ("¿Cuál…?", "no sé qué…") and the diacritic pairs más/mas, él/el, sí/si, tú/tu
 * and mí/mi. A pair is flagged only where the words around it show which one is
 * meant. Anywhere else both readings are possible, so the rule stays silent.
 */
import type { Finding } from '../options';
import type { AnalyzedText, Sentence, Span } from '../text';
import { makeFinding } from './finding';

const INTERROGATIVES: Record<string, string> = {
  que: 'qué', cual: 'cuál', cuales: 'cuáles', quien: 'quién', quienes: 'quiénes', como: 'cómo', donde: 'dónde',
  adonde: 'adónde', cuando: 'cuándo', cuanto: 'cuánto', cuanta: 'cuánta', cuantos: 'cuántos', cuantas: 'cuántas',
};
const PREPOSITIONS = new Set(['a', 'ante', 'con', 'contra', 'de', 'desde', 'en', 'hacia', 'hasta', 'para', 'por', 'según', 'sin', 'sobre', 'tras']);
/** Verbs after which an interrogative opens an indirect question when negated: "no sé qué hacer". */
const KNOWING_VERBS = new Set(['sé', 'sabe', 'sabemos', 'saben', 'sabía', 'sabíamos', 'entiendo', 'entiende', 'recuerdo', 'recuerda']);
const AFTER_STRESSED_MI = new Set(['mismo', 'misma', 'me', 'y', 'o', 'no', 'tampoco', 'también']);
const SECOND_PERSON_VERBS = new Set(['eres', 'estás', 'tienes', 'puedes', 'quieres', 'sabes', 'debes', 'vas', 'has', 'haces', 'dijiste', 'necesitas']);
const THIRD_PERSON_VERBS = new Set(['es', 'está', 'era', 'fue', 'tiene', 'tenía', 'puede', 'debe', 'dijo', 'quiere', 'sabe', 'ha', 'había', 'va', 'necesita']);
/** Nouns that follow a possessive or an article, never a pronoun: "tu correo", "el trámite". */
const NOUNS = new Set([
  'nombre', 'correo', 'solicitud', 'pregunta', 'caso', 'número', 'cédula', 'documento', 'dirección', 'trámite', 'cuenta',
  'teléfono', 'consulta', 'respuesta', 'mensaje', 'familia', 'casa', 'trabajo', 'pago', 'certificado', 'formulario', 'chat',
]);
const REFLEXIVE_SAME = new Set(['mismo', 'misma', 'mismos', 'mismas']);
const BEFORE_MAS = new Set(['lo', 'la', 'el', 'los', 'las', 'es', 'son', 'cada', 'vez', 'algo', 'nada', 'mucho', 'mucha', 'muchos', 'muchas', 'poco', 'un', 'una', 'no', 'ni', 'aún', 'todavía', 'mucho', 'cuanto']);
const AFTER_MAS = new Set([
  'de', 'del', 'que', 'información', 'detalle', 'detalles', 'tiempo', 'adelante', 'bien', 'tarde', 'pronto', 'rápido', 'fácil', 'claro',
  'importante', 'cerca', 'lejos', 'temprano', 'veces', 'días', 'horas', 'dudas', 'preguntas', 'consultas', 'datos', 'documentos', 'allá', 'acá',
]);

type Replace = (word: Span, replacement: string, kind: 'interrogative' | 'diacritic') => void;

/** True when a punctuation mark or the end of the text follows the word. */
function punctuationAfter(text: string, word: Span): boolean {
  const rest = text.slice(word.end).trimStart();
  return rest === '' || /^[.,;:?!…)”»"]/.test(rest);
}

function matchCase(replacement: string, original: string): string {
  return original[0] !== original[0]!.toLowerCase() ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

/** Words that may stand between "¿" and the interrogative: "¿Y cuál…?", "¿En qué…?". */
const BEFORE_INTERROGATIVE = new Set([...PREPOSITIONS, 'y', 'e', 'o', 'u', 'pero', 'entonces', 'pues']);

function checkQuestionWords(text: string, sentence: Sentence, replace: Replace): void {
  const words = sentence.words;

  // The first word after each "¿", past a conjunction or preposition: "¿Cuál…?", "¿Y en qué…?", "¿Por qué…?".
  for (let mark = text.indexOf('¿', sentence.start); mark >= 0 && mark < sentence.end; mark = text.indexOf('¿', mark + 1)) {
    let index = words.findIndex((word) => word.start > mark);
    if (index < 0) continue;
    if (words[index]!.text.toLowerCase() === 'porque' && /^\s*$/.test(text.slice(mark + 1, words[index]!.start))) {
      replace(words[index]!, matchCase('por qué', words[index]!.text), 'interrogative');
      continue;
    }
    for (let skipped = 0; skipped < 2 && BEFORE_INTERROGATIVE.has(words[index]?.text.toLowerCase() ?? '') && words[index + 1]; skipped += 1) index += 1;
    const word = words[index]!;
    const accented = INTERROGATIVES[word.text.toLowerCase()];
    if (accented) replace(word, matchCase(accented, word.text), 'interrogative');
  }

  // An indirect question after a negated verb of knowing: "no sé qué hacer", "no sé cómo pagar".
  for (let index = 2; index < words.length; index += 1) {
    const word = words[index]!;
    const lower = word.text.toLowerCase();
    const accented = INTERROGATIVES[lower];
    if (!accented || words[index - 2]!.text.toLowerCase() !== 'no' || !KNOWING_VERBS.has(words[index - 1]!.text.toLowerCase())) continue;
    if (!/^\s+$/.test(text.slice(words[index - 1]!.end, word.start)) || punctuationAfter(text, word)) continue;
    // "que" stays a conjunction ("no sabe que el trámite es gratuito") unless an infinitive follows.
    const next = words[index + 1]?.text.toLowerCase() ?? '';
    if (lower === 'que' && !/(?:ar|er|ir|ír)$/.test(next)) continue;
    replace(word, matchCase(accented, word.text), 'interrogative');
  }
}

function checkPairs(text: string, sentence: Sentence, replace: Replace): void {
  const words = sentence.words;
  for (let index = 0; index < words.length; index += 1) {
    const word = words[index]!;
    const lower = word.text.toLowerCase();
    const previous = words[index - 1]?.text.toLowerCase() ?? '';
    const next = punctuationAfter(text, word) ? '' : (words[index + 1]?.text.toLowerCase() ?? '');
    const ends = punctuationAfter(text, word);

    switch (lower) {
      case 'mi':
        if (PREPOSITIONS.has(previous) && (ends || AFTER_STRESSED_MI.has(next) || THIRD_PERSON_VERBS.has(next))) replace(word, matchCase('mí', word.text), 'diacritic');
        break;
      case 'tu':
        if (SECOND_PERSON_VERBS.has(next) || REFLEXIVE_SAME.has(next)) replace(word, matchCase('tú', word.text), 'diacritic');
        break;
      case 'tú':
        if (NOUNS.has(next)) replace(word, matchCase('tu', word.text), 'diacritic');
        break;
      case 'el':
        if (ends || THIRD_PERSON_VERBS.has(next)) replace(word, matchCase('él', word.text), 'diacritic');
        break;
      case 'él':
        if (NOUNS.has(next)) replace(word, matchCase('el', word.text), 'diacritic');
        break;
      case 'si':
        if ((ends && previous !== 'como' && previous !== 'por') || REFLEXIVE_SAME.has(next) || next === 'señor' || next === 'señora') {
          replace(word, matchCase('sí', word.text), 'diacritic');
        }
        break;
      case 'sí':
        if (previous === 'como' || (index === 0 && (next === 'usted' || next === 'ustedes'))) replace(word, matchCase('si', word.text), 'diacritic');
        break;
      case 'mas':
        if (BEFORE_MAS.has(previous) || AFTER_MAS.has(next) || ends) replace(word, matchCase('más', word.text), 'diacritic');
        break;
    }
  }
}

/** Returns spelling findings for accents that only the sentence decides. */
export function checkDiacritics(analyzed: AnalyzedText, skip: (word: Span) => boolean): Finding[] {
  const { text } = analyzed;
  const findings: Finding[] = [];
  const replace: Replace = (word, replacement, kind) => {
    if (skip(word)) return;
    const messageKey = kind === 'interrogative' ? 'checker.spelling.interrogative' : 'checker.spelling.diacritic';
    findings.push(makeFinding(text, 'spelling', word.start, word.end, messageKey, { word: word.text, expected: replacement }, [{ replacement }]));
  };
  for (const sentence of analyzed.sentences) {
    checkQuestionWords(text, sentence, replace);
    checkPairs(text, sentence, replace);
  }
  return findings;
}
