/** One run of the reply checker with its readability, the same in the worker and in tests. */
import type { CheckerLimits } from '../../shared/settings/entity-settings';
import { checkReply, readability, type Finding, type ProtocolPhase, type Readability, type SpellingEngine } from '../../shared/checker/index';

/** Facts of the chat that the composer passes to the checker with the text, and the entity's limits. */
export interface LiveCheckOptions extends Partial<CheckerLimits> {
  names: string[];
  citizenMessages: string[];
  agentReplies: string[];
  phase: ProtocolPhase;
}

export interface CheckOutcome {
  /** The text that was checked; findings' offsets refer to it. */
  text: string;
  findings: Finding[];
  readability: Readability;
  /** False when the word list could not be loaded, so spelling was not checked. */
  spellingChecked: boolean;
}

export function runCheck(text: string, options: LiveCheckOptions, spelling: SpellingEngine | undefined): CheckOutcome {
  return { text, findings: checkReply(text, { ...options, spelling }), readability: readability(text), spellingChecked: spelling !== undefined };
}

/** Checks replies off the UI thread in the workbench, in process in tests. */
export interface ReplyChecker {
  check(text: string, options: LiveCheckOptions): Promise<CheckOutcome>;
  /**
   * Loads the spelling engine on the calling thread, for the pre-send review when the
   * worker failed or is slow. Resolves to undefined when the word list cannot be loaded.
   */
  loadSpelling?(): Promise<SpellingEngine | undefined>;
}
