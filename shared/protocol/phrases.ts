/**
 * The institutional phrases of each protocol phase, with blanks such as
 * {nombre_ciudadano} that are filled from the chat. A phrase whose blank has no
 * value is not filled at all, so a placeholder never reaches a citizen. The
 * defaults follow the entity's chat protocol; an entity can replace them later.
 */
import { farewellWishAt, salutationAt } from './greeting';

export const PHRASE_IDS = [
  'greeting',
  'dataRequest',
  'serviceQuestion',
  'tooComplex',
  'clarification',
  'extraTime',
  'closingQuestion',
  'farewell',
] as const;
export type PhraseId = (typeof PHRASE_IDS)[number];

/** The blanks a phrase may contain; each is filled from the agent's session, the chat or the clock. */
export const BLANKS = ['saludo', 'despedida', 'nombre_agente', 'nombre_ciudadano', 'correo_ciudadano', 'opciones'] as const;
export type Blank = (typeof BLANKS)[number];
export type BlankValues = Partial<Record<Blank, string | null>>;

/** Ways to continue a request too complex for the chat, as the protocol lists them. */
export const DEFAULT_COMPLEX_OPTIONS: readonly string[] = [
  'radicar una PQRSD en línea',
  'comunicarse con nuestra línea telefónica',
  'acudir a la atención presencial',
  'recibir la respuesta por correo electrónico',
];

export const DEFAULT_PHRASES: Readonly<Record<PhraseId, string>> = {
  greeting: '{saludo}, soy {nombre_agente}. ¿Me indica por favor su nombre y su correo electrónico?',
  dataRequest: '¿Me indica por favor su nombre y su correo electrónico?',
  serviceQuestion: 'Gracias, {nombre_ciudadano}. ¿En qué le puedo servir?',
  tooComplex:
    'Su solicitud requiere un análisis que supera las posibilidades del chat. Para atenderla puede {opciones}. ¿Cuál de estas opciones prefiere?',
  clarification: '¿Puede por favor precisarme con más detalle su solicitud o pregunta?',
  extraTime:
    'Para dar respuesta a su solicitud, se requiere de tiempo adicional. Si está de acuerdo, le enviaremos la respuesta completa a través de su correo electrónico o por el medio que usted nos indique.',
  closingQuestion: '¿Hay algo más en lo que le pueda servir?',
  farewell: 'Gracias por usar nuestro servicio de chat, {nombre_ciudadano}. {despedida}.',
};

/** Joins options as a Spanish list: "a, b, c o d". */
export function joinOptions(options: readonly string[]): string {
  const items = options.map((option) => option.trim()).filter((option) => option.length > 0);
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} o ${items.at(-1)}`;
}

/** Returns the blanks a template uses, once each, in order of appearance; unknown names are left out. */
export function blanksOf(template: string): Blank[] {
  const found: Blank[] = [];
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] as Blank;
    if ((BLANKS as readonly string[]).includes(name) && !found.includes(name)) found.push(name);
  }
  return found;
}

export type FilledPhrase = { ok: true; text: string } | { ok: false; missing: Blank[] };

/**
 * Fills every blank of a template. When a blank has no value (missing, null or
 * only spaces) nothing is filled and the missing blanks are returned instead,
 * so that the caller asks the agent for them before inserting anything.
 */
export function fillPhrase(template: string, values: BlankValues): FilledPhrase {
  const missing = blanksOf(template).filter((blank) => !values[blank]?.trim());
  if (missing.length > 0) return { ok: false, missing };
  const text = template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name as Blank];
    return typeof value === 'string' ? value.trim() : match;
  });
  return { ok: true, text };
}

/** Facts of a chat that the blanks take their values from. */
export interface PhraseContext {
  agentName: string | null;
  citizenName: string | null;
  citizenEmail: string | null;
  localTime: Date;
  complexOptions?: readonly string[];
}

export function blankValuesOf(context: PhraseContext): BlankValues {
  return {
    saludo: salutationAt(context.localTime),
    despedida: farewellWishAt(context.localTime),
    nombre_agente: context.agentName,
    nombre_ciudadano: context.citizenName,
    correo_ciudadano: context.citizenEmail,
    opciones: joinOptions(context.complexOptions ?? DEFAULT_COMPLEX_OPTIONS),
  };
}

/** Fills the default phrase of `id` for the chat; see fillPhrase for missing values. */
export function composePhrase(id: PhraseId, context: PhraseContext, phrases: Readonly<Record<PhraseId, string>> = DEFAULT_PHRASES): FilledPhrase {
  return fillPhrase(phrases[id], blankValuesOf(context));
}
