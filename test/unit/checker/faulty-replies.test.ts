import { beforeAll, describe, expect, it } from 'vitest';
import { checkReply, groupFindings, renderFinding } from '../../../shared/checker/check';
import { translate } from '../../../shared/i18n/catalog';
import { RULE_GROUPS, RULE_IDS, type RuleId } from '../../../shared/checker/options';
import type { SpellingEngine } from '../../../shared/checker/spelling/engine';
import { loadTestEngine } from './spelling-engine';

let spelling: SpellingEngine;
beforeAll(() => {
  spelling = loadTestEngine();
}, 60_000);

const LONG_SENTENCE =
  'Le informo que para realizar el trámite usted debe presentar la cédula original, el certificado de residencia expedido por la alcaldía y el formulario diligenciado con letra clara en la sede principal.';

/** Each reply breaks exactly one rule, once; the flagged text and first fix are given. */
const FAULTY: Array<[RuleId, string, string, string | undefined]> = [
  ['spelling', 'El tramite tambien se hace en línea.', 'tambien', 'también'],
  ['spelling', 'Puede consultar la informacion en la página.', 'informacion', 'información'],
  ['spelling', 'Le envío el formulario para que lo revice.', 'revice', 'revise'],
  ['spelling', '¿Cual es su número de documento?', 'Cual', 'Cuál'],
  ['spelling', 'Le daré mas información mañana.', 'mas', 'más'],
  ['spelling', 'Para mi es un gusto atenderle.', 'mi', 'mí'],
  ['spelling', 'Informele que el trámite es gratuito.', 'Informele', 'Infórmele'],
  ['emoji', 'Con gusto le ayudo 😊.', '😊', ''],
  ['emoji', 'Su solicitud quedó radicada 👍🏽.', '👍🏽', ''],
  ['emoticon', 'Con gusto le ayudo :).', ':)', ''],
  ['emoticon', 'Quedo atento xD.', 'xD', ''],
  ['emoticon', 'Gracias por su paciencia <3.', '<3', ''],
  ['symbol', 'Recuerde traer la cédula ★.', '★', ''],
  ['symbol', 'El trámite es *gratuito.', '*', ''],
  ['symbol', 'Síganos en redes como @entidad.', '@', ''],
  ['exclamation', 'Con gusto le ayudo!', '!', '.'],
  ['exclamation', '¡Bienvenido al chat de la entidad.', '¡', ''],
  ['sentence-length', LONG_SENTENCE, LONG_SENTENCE, undefined],
  ['capitalization', 'buenos días, soy Ana Pérez.', 'buenos', 'Buenos'],
  ['capitalization', 'Gracias. usted puede venir el lunes.', 'usted', 'Usted'],
  ['capitalization', 'El trámite es GRATUITO para todos.', 'GRATUITO', 'gratuito'],
  ['capitalization', 'NO OLVIDE TRAER LA CÉDULA.', 'NO OLVIDE TRAER LA CÉDULA', 'No olvide traer la cédula'],
  ['punctuation', 'Gracias por escribirnos', 'escribirnos', 'escribirnos.'],
  ['punctuation', 'Gracias por escribirnos .', ' ', ''],
  ['punctuation', 'Gracias por escribirnos,, con gusto le ayudo.', ',,', ','],
  ['punctuation', 'Gracias por  escribirnos.', '  ', ' '],
  ['opening-question-mark', 'Buenos días, en qué le puedo servir?', 'en qué le puedo servir?', '¿en qué le puedo servir?'],
  ['opening-question-mark', 'Me indica su nombre?', 'Me indica su nombre?', '¿Me indica su nombre?'],
  ['repeated-word', 'Le envío el el formulario.', ' el', ''],
];

describe('faulty replies', () => {
  it.each(FAULTY)('%s: %s', (rule, reply, flagged, firstFix) => {
    const findings = checkReply(reply, { spelling, names: ['Ana Pérez'] });
    expect(findings.map((finding) => finding.rule)).toEqual([rule]);
    const [finding] = findings;
    expect(finding!.text).toBe(flagged);
    expect(reply.slice(finding!.start, finding!.end)).toBe(flagged);
    expect(finding!.fixes?.[0]?.replacement).toBe(firstFix);
    expect(finding!.severity).toBe('problem');
  });

  it('renders every message in Spanish without placeholders', () => {
    for (const [, reply] of FAULTY) {
      for (const finding of checkReply(reply, { spelling })) {
        const message = renderFinding(finding);
        expect(message).not.toMatch(/[{}]|^checker\./);
        expect(renderFinding(finding, 'en')).not.toBe(message);
      }
    }
  });

  it('flags a paragraph with too many sentences and suggests where to split', () => {
    const paragraph = 'El trámite es gratuito. Se hace en línea. Debe tener la cédula a la mano. El certificado llega por correo. Puede tardar cinco días.';
    const findings = checkReply(paragraph, { spelling });
    expect(findings.map((finding) => finding.rule)).toEqual(['paragraph-length']);
    expect(findings[0]!.params).toMatchObject({ sentences: 5, maxSentences: 4 });
    expect(findings[0]!.fixes?.[0]?.replacement).toBe(
      'El trámite es gratuito. Se hace en línea. Debe tener la cédula a la mano.\n\nEl certificado llega por correo. Puede tardar cinco días.',
    );
  });

  it('flags a paragraph over the word limit', () => {
    const paragraph = Array.from({ length: 9 }, () => 'El certificado se solicita en la sede principal de la entidad.').join(' ');
    const findings = checkReply(paragraph, { spelling, maxParagraphSentences: 20 });
    expect(findings.map((finding) => finding.rule)).toEqual(['paragraph-length']);
    expect(findings[0]!.params).toMatchObject({ words: 99, maxWords: 80 });
  });

  it('flags a reply too long for one chat message', () => {
    const paragraph = 'El certificado se solicita en la sede principal. Llega por correo en cinco días.';
    const reply = Array.from({ length: 12 }, () => paragraph).join('\n');
    const findings = checkReply(reply, { spelling });
    expect(findings.map((finding) => finding.rule)).toEqual(['reply-length']);
    expect(findings[0]!.params).toEqual({ words: 168, max: 150 });
    expect(renderFinding(findings[0]!)).toContain('correo electrónico');
    expect(checkReply(reply, { spelling, maxReplyWords: 200 })).toEqual([]);
  });

  it('takes thresholds from the options', () => {
    expect(checkReply(LONG_SENTENCE, { spelling, maxSentenceWords: 40 })).toEqual([]);
    expect(checkReply('El trámite es gratuito y se hace en línea.', { spelling, maxSentenceWords: 5 })[0]?.params).toEqual({ words: 9, max: 5 });
  });

  it('maps every rule to a review group', () => {
    expect(Object.keys(RULE_GROUPS).sort()).toEqual([...RULE_IDS].sort());
    expect(RULE_GROUPS.spelling).toBe('spelling');
    expect(RULE_GROUPS['unanswered-question']).toBe('questions');
  });

  it('groups findings for the review', () => {
    const findings = checkReply('hola!! La informacion es gratis :)', { spelling, citizenMessages: ['¿Dónde lo recojo?'], phase: 'answer' });
    const groups = groupFindings(findings);
    expect(groups.map((entry) => entry.group)).toEqual(['capitalization', 'punctuation', 'spelling', 'wording', 'questions']);
    expect(groups.map((entry) => translate('es', entry.labelKey))).toEqual(['Mayúsculas', 'Puntuación', 'Ortografía', 'Redacción', 'Preguntas atendidas']);
    expect(groups.flatMap((entry) => entry.findings)).toHaveLength(findings.length);
  });

  it('runs without a spelling engine', () => {
    expect(checkReply('El tramite tambien se hace en línea.')).toEqual([]);
    expect(checkReply('Le daré mas información.').map((finding) => finding.rule)).toEqual(['spelling']);
  });

  it('handles empty and blank replies', () => {
    expect(checkReply('', { spelling })).toEqual([]);
    expect(checkReply('  \n\n ', { spelling })).toEqual([]);
  });
});
