/** The reply checker's findings, options and defaults. */
import type { MessageKey, MessageParams } from '../i18n/catalog';
import type { SpellingEngine } from './spelling/engine';

export type { MessageKey, MessageParams };

export const RULE_IDS = [
  'spelling',
  'emoji',
  'emoticon',
  'symbol',
  'exclamation',
  'sentence-length',
  'paragraph-length',
  'reply-length',
  'capitalization',
  'punctuation',
  'opening-question-mark',
  'repeated-word',
  'unanswered-question',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** "advice" findings inform the agent; "problem" findings are what the pre-send review blocks on. */
export type Severity = 'problem' | 'advice';

export interface Fix {
  /** Text that replaces the finding's [start, end) range. */
  replacement: string;
  /** Catalog key of the button label, when the replacement alone does not explain itself. */
  labelKey?: MessageKey;
  /**
   * The range the fix replaces when it is wider than the finding's, with the text it
   * contains: removing a word or emoji between two spaces also removes one of them.
   */
  range?: { start: number; end: number; text: string };
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** UTF-16 offsets of the flagged range in the checked text, end exclusive. */
  start: number;
  end: number;
  /** The flagged substring, text.slice(start, end). */
  text: string;
  messageKey: MessageKey;
  params: MessageParams;
  fixes?: Fix[];
}

/** The phases of the chat protocol, in order; "answer" is the protocol's Respuesta phase. */
export const PROTOCOL_PHASES = ['greeting', 'identification', 'request', 'clarification', 'answer', 'closing'] as const;
export type ProtocolPhase = (typeof PROTOCOL_PHASES)[number];

export interface CheckOptions {
  /** A sentence with more words than this is too long. */
  maxSentenceWords: number;
  /** A paragraph with more sentences or words than these should be split. */
  maxParagraphSentences: number;
  maxParagraphWords: number;
  /** A reply with more words than this is too long for one chat message. */
  maxReplyWords: number;
  /** The entity's own words (names of programs, offices, forms) that the dictionary lacks. */
  entityWords: readonly string[];
  /** Names of the people in the chat: the agent and the citizen. */
  names: readonly string[];
  /** The citizen's messages so far, oldest first. */
  citizenMessages: readonly string[];
  /** The agent's replies already sent in this chat, oldest first. */
  agentReplies: readonly string[];
  /** The protocol phase the chat is in; unanswered questions are checked from "answer" on. */
  phase?: ProtocolPhase;
  /** Without an engine the dictionary is not consulted; the other rules still run. */
  spelling?: SpellingEngine;
}

/** Defaults that the entity's settings will later override. */
export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  maxSentenceWords: 25,
  maxParagraphSentences: 4,
  maxParagraphWords: 80,
  maxReplyWords: 150,
  entityWords: [],
  names: [],
  citizenMessages: [],
  agentReplies: [],
};

/** Severity of each rule: only the unanswered-question rule is advice. */
export function severityOf(rule: RuleId): Severity {
  return rule === 'unanswered-question' ? 'advice' : 'problem';
}

/** The pre-send review groups, named after the protocol's checklist. */
export const REVIEW_GROUPS = ['capitalization', 'punctuation', 'spelling', 'wording', 'length', 'questions'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];

/**
 * The group of each rule in the pre-send review: mayúsculas, puntuación,
 * ortografía, redacción, extensión and preguntas atendidas.
 */
export const RULE_GROUPS: Readonly<Record<RuleId, ReviewGroup>> = {
  capitalization: 'capitalization',
  punctuation: 'punctuation',
  'opening-question-mark': 'punctuation',
  spelling: 'spelling',
  emoji: 'wording',
  emoticon: 'wording',
  symbol: 'wording',
  exclamation: 'wording',
  'repeated-word': 'wording',
  'sentence-length': 'wording',
  'paragraph-length': 'length',
  'reply-length': 'length',
  'unanswered-question': 'questions',
};

/** Returns whether a phase is the answer phase or a later one. */
export function isAnswerPhaseOrLater(phase: ProtocolPhase | undefined): boolean {
  return phase !== undefined && PROTOCOL_PHASES.indexOf(phase) >= PROTOCOL_PHASES.indexOf('answer');
}
