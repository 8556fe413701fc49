import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkReply, SpellingEngine } from '../../../shared/checker/index';
import { composeGreeting, salutationAt } from '../../../shared/protocol/greeting';
import { classifyAgentMessage } from '../../../shared/protocol/phases';
import { blanksOf, composePhrase, DEFAULT_PHRASES, fillPhrase, joinOptions, PHRASE_IDS, type PhraseContext } from '../../../shared/protocol/phrases';

const context: PhraseContext = {
  agentName: 'Ana Pérez',
  citizenName: 'Juan Gómez',
  citizenEmail: 'juan.gomez@example.com',
  localTime: new Date(2026, 2, 3, 15, 0),
};

describe('fillPhrase', () => {
  it('fills every blank', () => {
    expect(fillPhrase('Hola {nombre_ciudadano}, soy {nombre_agente}.', { nombre_ciudadano: 'Juan', nombre_agente: 'Ana Pérez' })).toEqual({
      ok: true,
      text: 'Hola Juan, soy Ana Pérez.',
    });
  });

  it('fills nothing when a blank has no value', () => {
    expect(fillPhrase('Gracias, {nombre_ciudadano}. Su correo es {correo_ciudadano}.', { nombre_ciudadano: null, correo_ciudadano: ' ' })).toEqual({
      ok: false,
      missing: ['nombre_ciudadano', 'correo_ciudadano'],
    });
  });

  it('leaves unknown braces alone', () => {
    expect(blanksOf('{otro} y {nombre_agente} y {nombre_agente}')).toEqual(['nombre_agente']);
    expect(fillPhrase('{otro}', {})).toEqual({ ok: true, text: '{otro}' });
  });
});

describe('composePhrase', () => {
  it('matches the workbench greeting', () => {
    const greeting = composePhrase('greeting', context);
    expect(greeting).toEqual({ ok: true, text: composeGreeting('Ana Pérez', context.localTime) });
  });

  it('asks for the citizen name first', () => {
    expect(composePhrase('serviceQuestion', { ...context, citizenName: null })).toEqual({ ok: false, missing: ['nombre_ciudadano'] });
    expect(composePhrase('serviceQuestion', context)).toEqual({ ok: true, text: 'Gracias, Juan Gómez. ¿En qué le puedo servir?' });
  });

  it('lists the options of a complex request', () => {
    const text = composePhrase('tooComplex', context);
    expect(text.ok).toBe(true);
    expect(text.ok ? text.text : '').toContain(
      'radicar una PQRSD en línea, comunicarse con nuestra línea telefónica, acudir a la atención presencial o recibir la respuesta por correo electrónico',
    );
    expect(joinOptions(['uno'])).toBe('uno');
    expect(joinOptions([])).toBe('');
  });

  it('keeps the protocol texts', () => {
    expect(DEFAULT_PHRASES.clarification).toBe('¿Puede por favor precisarme con más detalle su solicitud o pregunta?');
    expect(DEFAULT_PHRASES.extraTime).toMatch(/^Para dar respuesta a su solicitud, se requiere de tiempo adicional\. Si está de acuerdo/);
  });

  it('passes the reply checker clean', () => {
    const spelling = SpellingEngine.fromText(readFileSync('dist/spelling/es-words.txt', 'utf8'));
    for (const id of PHRASE_IDS) {
      const phrase = composePhrase(id, context);
      if (!phrase.ok) throw new Error(`phrase ${id} has blanks left`);
      expect(checkReply(phrase.text, { spelling, names: ['Ana Pérez', 'Juan Gómez'] }).map((finding) => finding.rule), id).toEqual([]);
    }
  });

  it.each([
    [5, 'Buenos días', 'Que tenga un buen día'],
    [11, 'Buenos días', 'Que tenga un buen día'],
    [12, 'Buenas tardes', 'Que tenga una buena tarde'],
    [18, 'Buenas tardes', 'Que tenga una buena tarde'],
    [19, 'Buenas noches', 'Que tenga una buena noche'],
    [0, 'Buenas noches', 'Que tenga una buena noche'],
    [4, 'Buenas noches', 'Que tenga una buena noche'],
  ])('says goodbye at %i h as the greeting does', (hour, salutation, wish) => {
    const localTime = new Date(2026, 2, 3, hour, 30);
    expect(salutationAt(localTime)).toBe(salutation);
    expect(composePhrase('greeting', { ...context, localTime })).toEqual({ ok: true, text: `${salutation}, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?` });
    const farewell = composePhrase('farewell', { ...context, localTime });
    expect(farewell).toEqual({ ok: true, text: `Gracias por usar nuestro servicio de chat, Juan Gómez. ${wish}.` });
    expect(classifyAgentMessage(farewell.ok ? farewell.text : '')).toContain('farewell');
  });

  it('fills the farewell blank in an entity phrase', () => {
    const localTime = new Date(2026, 2, 3, 20, 0);
    const phrases = { ...DEFAULT_PHRASES, farewell: 'Fue un gusto atenderle. {despedida}.' };
    expect(composePhrase('farewell', { ...context, localTime }, phrases)).toEqual({ ok: true, text: 'Fue un gusto atenderle. Que tenga una buena noche.' });
  });
});
