import { describe, expect, it } from 'vitest';
import { checkReply, renderFinding } from '../../../shared/checker/check';
import { findQuestions } from '../../../shared/checker/rules/questions';

const CITIZEN = [
  'Buenas tardes. Quisiera saber cuánto cuesta el certificado de residencia.',
  '¿Y dónde lo recojo? También necesito saber el horario de atención',
];

describe('unanswered questions', () => {
  it('finds the questions in citizen messages', () => {
    expect(findQuestions(CITIZEN[0]!)).toEqual(['Quisiera saber cuánto cuesta el certificado de residencia.']);
    expect(findQuestions(CITIZEN[1]!)).toEqual(['¿Y dónde lo recojo?', 'También necesito saber el horario de atención']);
    expect(findQuestions('como hago para pagar el impuesto')).toEqual(['como hago para pagar el impuesto']);
    expect(findQuestions('Gracias, muy amable.')).toEqual([]);
  });

  it('lists each question the replies do not match yet, as advice', () => {
    const reply = 'El certificado de residencia cuesta $ 12.000.';
    const findings = checkReply(reply, { citizenMessages: CITIZEN, phase: 'answer' });
    expect(findings.map((finding) => finding.params.question)).toEqual(['¿Y dónde lo recojo?', 'También necesito saber el horario de atención']);
    for (const finding of findings) {
      expect(finding.rule).toBe('unanswered-question');
      expect(finding.severity).toBe('advice');
      expect(renderFinding(finding)).toContain('todavía no atiende');
    }
  });

  it('counts earlier replies as answers', () => {
    const findings = checkReply('Lo recoge en la sede principal, en la ventanilla 3.', {
      citizenMessages: CITIZEN,
      agentReplies: ['El certificado de residencia cuesta $ 12.000.', 'El horario de atención es de 8:00 a. m. a 5:00 p. m.'],
      phase: 'closing',
    });
    expect(findings.map((finding) => finding.params.question)).toEqual(['¿Y dónde lo recojo?']);
  });

  it('applies only from the answer phase on', () => {
    for (const phase of ['greeting', 'identification', 'request', 'clarification'] as const) {
      expect(checkReply('Con gusto le ayudo.', { citizenMessages: CITIZEN, phase })).toEqual([]);
    }
    expect(checkReply('Con gusto le ayudo.', { citizenMessages: CITIZEN })).toEqual([]);
    expect(checkReply('Con gusto le ayudo.', { citizenMessages: CITIZEN, phase: 'answer' })).toHaveLength(3);
  });
});
