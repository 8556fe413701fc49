/**
 * Which protocol phases a chat has gone through, read from what was actually sent
 * and received (never from the panel's clicks), plus the few facts only the agent
 * can state: the confirmed name and the analysis. The phases follow the entity's
 * chat protocol: Saludo, Datos del ciudadano, Necesidad, Análisis, Aclaración,
 * Respuesta and Cierre.
 */
import type { ProtocolPhase as CheckerPhase } from '../checker/options';
import type { ChatProtocol } from './chat-protocol';
import { detectCitizenData } from './citizen-data';

export const PHASE_IDS = ['greeting', 'identification', 'request', 'analysis', 'clarification', 'answer', 'closing'] as const;
export type PhaseId = (typeof PHASE_IDS)[number];

/** "optional" is the clarification while nothing later happened; "skipped" is the clarification once the chat moved on without it. */
export type PhaseStatus = 'done' | 'pending' | 'optional' | 'skipped';

/** The kinds of institutional message an agent's reply can be; a reply may be several at once. */
export type AgentMessageKind =
  | 'greeting'
  | 'dataRequest'
  | 'serviceQuestion'
  | 'clarification'
  | 'extraTime'
  | 'tooComplex'
  | 'closingQuestion'
  | 'farewell';

/** Lowercases and strips accents, so that patterns match "¿En qué…" and "en que…" alike. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

const KIND_PATTERNS: ReadonlyArray<[AgentMessageKind, RegExp]> = [
  ['greeting', /\b(buen[oa]s? (dias|tardes|noches)|hola|bienvenid[oa]s?)\b/],
  ['serviceQuestion', /\ben que (le )?(puedo|podemos|podria) (servir|ayudar|colaborar)|\ben que puedo (servirle|ayudarle)|\bcomo (le )?(puedo|podemos) ayudar/],
  ['clarification', /\bprecisar(me)?\b|\bmas detalle/],
  ['extraTime', /\btiempo adicional\b/],
  ['tooComplex', /\bsupera las posibilidades\b|\bpqrsd\b/],
  ['closingQuestion', /\balgo mas en (lo )?que (le )?(pueda|podamos|puedo) (servir|ayudar|colaborar)|\balguna otra (inquietud|consulta|pregunta)/],
  ['farewell', /\bgracias por (usar|utilizar|comunicarse|escribir|contactar)|\bque (tenga|este) (un |una )?(buen|buena|feliz|excelente)|\bhasta (pronto|luego)\b/],
];

/** Returns the institutional kinds an agent's message matches; an empty list means an ordinary reply. */
export function classifyAgentMessage(text: string): AgentMessageKind[] {
  const folded = foldText(text);
  const kinds = KIND_PATTERNS.filter(([, pattern]) => pattern.test(folded)).map(([kind]) => kind);
  if (/\bnombre\b/.test(folded) && /\bcorreo\b/.test(folded) && folded.includes('?')) kinds.push('dataRequest');
  return kinds;
}

/** Tells whether a citizen's reply to "¿algo más?" says that nothing else is needed. */
export function isCitizenSatisfied(text: string): boolean {
  const folded = foldText(text).trim();
  if (folded.includes('?')) return false;
  return /^(no|nada|ninguna|ninguno|eso es todo|es todo|listo|perfecto|conforme|(muchas )?gracias)\b/.test(folded) || /\bno,? (gracias|mas|nada)\b/.test(folded);
}

export interface PhaseMessage {
  author: 'citizen' | 'agent' | 'system';
  text: string;
}

export interface PhaseInput {
  messages: readonly PhaseMessage[];
  protocol: Pick<ChatProtocol, 'citizenName' | 'citizenEmail' | 'analysis'> | undefined;
}

export interface PhaseSteps {
  greetingSent: boolean;
  dataRequested: boolean;
  nameConfirmed: boolean;
  emailStored: boolean;
  serviceAsked: boolean;
  analysisMarked: boolean;
  clarificationAsked: boolean;
  answerSent: boolean;
  extraTimeSent: boolean;
  closingAsked: boolean;
  citizenSatisfied: boolean;
  farewellSent: boolean;
}

export interface PhaseReport {
  phases: Array<{ id: PhaseId; status: PhaseStatus }>;
  /** The first required phase still pending, null once the chat went through all of them. */
  current: PhaseId | null;
  steps: PhaseSteps;
  /** A name or email found in the citizen's messages that differs from the stored one. */
  proposedName: string | null;
  proposedEmail: string | null;
}

/** Index of the first message at or after `from` that passes the test, or -1. */
function findFrom<T>(items: readonly T[], from: number, test: (item: T, index: number) => boolean): number {
  if (from < 0) return -1;
  for (let index = from; index < items.length; index++) if (test(items[index]!, index)) return index;
  return -1;
}

export function detectPhases({ messages, protocol }: PhaseInput): PhaseReport {
  const kinds = messages.map((message) => (message.author === 'agent' ? classifyAgentMessage(message.text) : []));
  const agentWith = (kind: AgentMessageKind, from = 0) => findFrom(messages, from, (message, index) => message.author === 'agent' && kinds[index]!.includes(kind));

  const greeting = agentWith('greeting');
  const dataRequest = agentWith('dataRequest');
  const service = agentWith('serviceQuestion');
  const clarification = agentWith('clarification');
  // The answer is any ordinary reply after the agent asked how to help; the "too complex" message answers too.
  const answerFrom = service >= 0 ? service + 1 : Math.max(greeting, dataRequest) + 1;
  const answer = findFrom(messages, answerFrom, (message, index) => {
    const found = kinds[index]!;
    return message.author === 'agent' && (found.length === 0 || found.includes('tooComplex'));
  });
  const closing = agentWith('closingQuestion');
  const satisfied = closing < 0 ? -1 : findFrom(messages, closing + 1, (message) => message.author === 'citizen' && isCitizenSatisfied(message.text));
  // The farewell counts even when the citizen never confirmed: the panel shows that step as done and
  // the confirmation as missing. A greeting's "gracias por comunicarse" is not a farewell.
  const farewell = findFrom(messages, Math.max(closing, 0), (message, index) => message.author === 'agent' && kinds[index]!.includes('farewell') && !kinds[index]!.includes('greeting'));

  const steps: PhaseSteps = {
    greetingSent: greeting >= 0,
    dataRequested: dataRequest >= 0,
    nameConfirmed: Boolean(protocol?.citizenName),
    emailStored: Boolean(protocol?.citizenEmail),
    serviceAsked: service >= 0,
    analysisMarked: Boolean(protocol?.analysis),
    clarificationAsked: clarification >= 0,
    answerSent: answer >= 0,
    extraTimeSent: agentWith('extraTime') >= 0,
    closingAsked: closing >= 0,
    citizenSatisfied: satisfied >= 0,
    farewellSent: farewell >= 0,
  };

  const done: Record<Exclude<PhaseId, 'clarification'>, boolean> = {
    greeting: steps.greetingSent,
    identification: steps.dataRequested && steps.nameConfirmed && steps.emailStored,
    request: steps.serviceAsked,
    analysis: steps.analysisMarked,
    answer: steps.answerSent,
    closing: steps.closingAsked && steps.citizenSatisfied && steps.farewellSent,
  };
  const movedOn = steps.answerSent || steps.closingAsked || protocol?.analysis === 'tooComplex';
  // Clarification is asked only "si es del caso", so once the chat moved on without it, it was not needed.
  let clarificationStatus: PhaseStatus = 'optional';
  if (steps.clarificationAsked) clarificationStatus = 'done';
  else if (movedOn) clarificationStatus = 'skipped';

  const statusOf = (id: (typeof PHASE_IDS)[number]): PhaseStatus => {
    if (id === 'clarification') return clarificationStatus;
    return done[id] ? 'done' : 'pending';
  };
  const phases = PHASE_IDS.map((id) => ({ id, status: statusOf(id) }));
  const current = phases.find((phase) => phase.status === 'pending')?.id ?? null;

  const citizenData = detectCitizenData(messages.filter((message) => message.author === 'citizen').map((message) => message.text));
  return {
    phases,
    current,
    steps,
    proposedName: citizenData.name && citizenData.name !== protocol?.citizenName ? citizenData.name : null,
    proposedEmail: citizenData.email && citizenData.email !== protocol?.citizenEmail ? citizenData.email : null,
  };
}

/** The reply checker knows no analysis phase: the agent is still at the request there. */
export function checkerPhaseOf(current: PhaseId | null): CheckerPhase {
  if (current === null) return 'closing';
  return current === 'analysis' ? 'request' : current;
}
