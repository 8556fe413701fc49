import { describe, expect, it } from 'vitest';
import { emptyChatProtocol, type ChatProtocol } from '../../../shared/protocol/chat-protocol';
import { composePhrase } from '../../../shared/protocol/phrases';
import { checkerPhaseOf, classifyAgentMessage, detectPhases, isCitizenSatisfied, type PhaseMessage } from '../../../shared/protocol/phases';

const agent = (text: string): PhaseMessage => ({ author: 'agent', text });
const citizen = (text: string): PhaseMessage => ({ author: 'citizen', text });

const confirmed: ChatProtocol = { ...emptyChatProtocol(1), citizenName: 'Juan Gómez', citizenEmail: 'juan@example.com' };

function statuses(messages: PhaseMessage[], protocol: ChatProtocol = emptyChatProtocol(1)) {
  return Object.fromEntries(detectPhases({ messages, protocol }).phases.map((phase) => [phase.id, phase.status]));
}

describe('classifyAgentMessage', () => {
  it('sees greeting and data request in one message', () => {
    expect(classifyAgentMessage('Buenas tardes, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?')).toEqual(['greeting', 'dataRequest']);
  });

  it('ignores accents and case', () => {
    expect(classifyAgentMessage('¿EN QUÉ LE PUEDO SERVIR?')).toEqual(['serviceQuestion']);
    expect(classifyAgentMessage('¿Hay algo más en lo que le pueda servir?')).toEqual(['closingQuestion']);
  });

  it('treats an answer as ordinary', () => {
    expect(classifyAgentMessage('El certificado se solicita en la sede principal.')).toEqual([]);
  });
});

describe('isCitizenSatisfied', () => {
  it.each(['No, gracias.', 'Eso es todo', 'Muchas gracias', 'nada más'])('accepts %s', (text) => expect(isCitizenSatisfied(text)).toBe(true));
  it.each(['Sí, tengo otra pregunta', 'No entiendo, ¿cómo lo pido?'])('rejects %s', (text) => expect(isCitizenSatisfied(text)).toBe(false));
});

describe('detectPhases', () => {
  it('starts at the greeting', () => {
    const report = detectPhases({ messages: [citizen('Hola')], protocol: undefined });
    expect(report.current).toBe('greeting');
    expect(checkerPhaseOf(report.current)).toBe('greeting');
  });

  it('waits for the confirmed name', () => {
    const messages = [citizen('Hola'), agent('Buenos días, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?'), citizen('Me llamo Juan Gómez, juan@example.com')];
    const report = detectPhases({ messages, protocol: emptyChatProtocol(1) });
    expect(report.current).toBe('identification');
    expect(report.proposedName).toBe('Juan Gómez');
    expect(report.proposedEmail).toBe('juan@example.com');

    const after = detectPhases({ messages, protocol: confirmed });
    expect(after.current).toBe('request');
    expect(after.proposedName).toBeNull();
    expect(after.proposedEmail).toBeNull();
  });

  it('walks a whole chat', () => {
    const messages = [
      citizen('Hola'),
      agent('Buenos días, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?'),
      citizen('Juan Gómez, juan@example.com'),
      agent('Gracias, Juan Gómez. ¿En qué le puedo servir?'),
      citizen('Necesito un certificado'),
    ];
    expect(detectPhases({ messages, protocol: confirmed }).current).toBe('analysis');

    const analysed = { ...confirmed, analysis: 'fits' as const };
    expect(statuses(messages, analysed).clarification).toBe('optional');
    expect(detectPhases({ messages, protocol: analysed }).current).toBe('answer');

    messages.push(agent('¿Puede por favor precisarme con más detalle su solicitud o pregunta?'), citizen('De residencia'));
    expect(statuses(messages, analysed).clarification).toBe('done');

    messages.push(agent('El certificado de residencia se pide en la sede principal.'));
    expect(detectPhases({ messages, protocol: analysed }).current).toBe('closing');

    messages.push(agent('¿Hay algo más en lo que le pueda servir?'));
    expect(detectPhases({ messages, protocol: analysed }).steps.closingAsked).toBe(true);
    messages.push(agent('Gracias por usar nuestro servicio de chat, Juan Gómez. Que tenga un buen día.'));
    expect(detectPhases({ messages, protocol: analysed }).current, 'a farewell before the citizen answers does not close').toBe('closing');

    messages.push(citizen('No, gracias.'), agent('Gracias por usar nuestro servicio de chat, Juan Gómez. Que tenga un buen día.'));
    const closed = detectPhases({ messages, protocol: analysed });
    expect(closed.current).toBeNull();
    expect(closed.phases.every((phase) => phase.status === 'done')).toBe(true);
    expect(checkerPhaseOf(closed.current)).toBe('closing');
  });

  it('skips the clarification once answered', () => {
    const messages = [agent('Buenas tardes, soy Ana Pérez. ¿Me indica su nombre y su correo?'), agent('¿En qué le puedo servir?'), citizen('x'), agent('Puede pedirlo en línea.')];
    expect(statuses(messages, confirmed).clarification).toBe('skipped');
    expect(statuses(messages, confirmed).answer).toBe('done');
  });

  it('does not count the protocol phrases as the answer', () => {
    const messages = [agent('Buenas tardes, soy Ana Pérez. ¿Me indica su nombre y su correo?'), agent('¿En qué le puedo servir?'), agent('¿Puede por favor precisarme con más detalle su solicitud o pregunta?')];
    expect(statuses(messages, confirmed).answer).toBe('pending');
  });

  it('counts the too-complex message as the answer', () => {
    const messages = [agent('¿En qué le puedo servir?'), agent('Su solicitud requiere un análisis que supera las posibilidades del chat.')];
    expect(statuses(messages, { ...confirmed, analysis: 'tooComplex' })).toMatchObject({ answer: 'done', clarification: 'skipped', analysis: 'done' });
  });

  it('maps the analysis to the request for the checker', () => {
    expect(checkerPhaseOf('analysis')).toBe('request');
    expect(checkerPhaseOf('answer')).toBe('answer');
  });
});

describe('farewell detection', () => {
  const analysed: ChatProtocol = { ...confirmed, analysis: 'fits' };
  const served = [
    agent('Buenas tardes, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?'),
    citizen('Marta Lucía Gómez, marta.gomez@example.org'),
    agent('Gracias, Marta Lucía Gómez. ¿En qué le puedo servir?'),
    citizen('Necesito el certificado de residencia'),
    agent('El certificado de residencia se pide en el portal de la Alcaldía.'),
    agent('¿Hay algo más en lo que le pueda servir?'),
  ];

  // The farewell phrase of each part of the day, composed from the default phrase at 9:00, 15:00 and 20:00.
  it.each([
    ['morning', 9],
    ['afternoon', 15],
    ['evening', 20],
  ])('marks the %s farewell sent', (_part, hour) => {
    const localTime = new Date(2026, 11, 4, hour, 0);
    const farewell = composePhrase('farewell', { agentName: 'Ana Pérez', citizenName: 'Marta Lucía Gómez', citizenEmail: null, localTime });
    expect(farewell.ok).toBe(true);
    const text = farewell.ok ? farewell.text : '';

    const unconfirmed = detectPhases({ messages: [...served, agent(text)], protocol: analysed });
    expect(unconfirmed.steps.closingAsked).toBe(true);
    expect(unconfirmed.steps.farewellSent, text).toBe(true);
    expect(unconfirmed.steps.citizenSatisfied).toBe(false);
    expect(unconfirmed.current).toBe('closing');

    const confirmedChat = detectPhases({ messages: [...served, citizen('No, muchas gracias.'), agent(text)], protocol: analysed });
    expect(confirmedChat.steps.farewellSent, text).toBe(true);
    expect(confirmedChat.current, text).toBeNull();
  });

  it.each(['Que tenga un buen día.', 'Que tenga una buena tarde.', 'Que tenga una buena noche.', 'Que esté muy bien, hasta pronto.'])('classifies "%s" as farewell', (text) => {
    expect(classifyAgentMessage(text)).toContain('farewell');
  });

  it('ignores thanks in the greeting', () => {
    const messages = [agent('Buenas tardes, gracias por comunicarse con la Alcaldía. ¿Me indica por favor su nombre y su correo electrónico?')];
    expect(detectPhases({ messages, protocol: analysed }).steps.farewellSent).toBe(false);
  });
});
