/** The protocol panel's actions as palette commands, with the Alt+digit shortcuts that run them from anywhere in the Chats view. */
import type { MessageKey } from '../../shared/i18n/catalog';
import type { PhraseId } from '../../shared/protocol/phrases';
import type { Command } from '../palette/commands';
import type { WorkbenchState } from '../workbench/store';
import { phaseReportOf } from './phase-report';

function openActiveChat(state: WorkbenchState) {
  const chat = state.chats.find((known) => known.id === state.openChatId);
  return chat && chat.status === 'active' ? chat : null;
}

const hasActiveChat = (state: WorkbenchState) => openActiveChat(state) !== null;

function phraseCommand(phraseId: PhraseId, shortcut: string): Command {
  return {
    id: `protocol.${phraseId}`,
    titleKey: `command.protocol.${phraseId}` as MessageKey,
    shortcut,
    run: (state) => {
      state.showView('chats');
      if (state.openChatId) state.insertPhrase(state.openChatId, phraseId);
    },
    available: hasActiveChat,
  };
}

export const PROTOCOL_COMMANDS: readonly Command[] = [
  phraseCommand('greeting', 'Alt+1'),
  phraseCommand('dataRequest', 'Alt+2'),
  phraseCommand('serviceQuestion', 'Alt+3'),
  {
    id: 'protocol.tooComplex',
    titleKey: 'command.protocol.tooComplex',
    shortcut: 'Alt+4',
    run: (state) => {
      state.showView('chats');
      return state.openChatId ? state.markAnalysis(state.openChatId, 'tooComplex') : undefined;
    },
    available: hasActiveChat,
  },
  phraseCommand('clarification', 'Alt+5'),
  phraseCommand('extraTime', 'Alt+6'),
  phraseCommand('closingQuestion', 'Alt+7'),
  phraseCommand('farewell', 'Alt+8'),
  {
    id: 'protocol.fits',
    titleKey: 'command.protocol.fits',
    run: (state) => (state.openChatId ? state.markAnalysis(state.openChatId, 'fits') : undefined),
    available: hasActiveChat,
  },
  {
    id: 'protocol.confirmName',
    titleKey: 'command.protocol.confirmName',
    run: (state) => {
      const chat = openActiveChat(state);
      const name = chat ? phaseReportOf(chat).proposedName : null;
      return chat && name ? state.setCitizen(chat.id, { name }).then(() => undefined) : undefined;
    },
    available: (state) => {
      const chat = openActiveChat(state);
      return chat !== null && phaseReportOf(chat).proposedName !== null;
    },
  },
  {
    id: 'protocol.useEmail',
    titleKey: 'command.protocol.useEmail',
    run: (state) => {
      const chat = openActiveChat(state);
      const email = chat ? phaseReportOf(chat).proposedEmail : null;
      return chat && email ? state.setCitizen(chat.id, { email }).then(() => undefined) : undefined;
    },
    available: (state) => {
      const chat = openActiveChat(state);
      return chat !== null && phaseReportOf(chat).proposedEmail !== null;
    },
  },
  {
    // The palette marks the follow-up at the citizen's stored email; another address goes through the form above the composer.
    id: 'protocol.followUp',
    titleKey: 'command.protocol.followUp',
    run: (state) => {
      const chat = openActiveChat(state);
      const email = chat?.protocol?.citizenEmail;
      return chat && email ? state.markFollowUp(chat.id, email).then(() => undefined) : undefined;
    },
    available: (state) => {
      const chat = openActiveChat(state);
      return chat !== null && Boolean(chat.protocol?.citizenEmail) && !chat.protocol?.followUpEmail && phaseReportOf(chat).steps.extraTimeSent;
    },
  },
  {
    id: 'protocol.closeChat',
    titleKey: 'command.protocol.closeChat',
    run: (state) => (state.openChatId ? state.requestCloseChat(state.openChatId) : undefined),
    available: (state) => {
      const chat = state.chats.find((known) => known.id === state.openChatId);
      return Boolean(chat && !chat.protocol?.transcriptFile);
    },
  },
];

/** Returns the command an Alt+digit key press runs, or undefined. */
export function commandForKey(event: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string }): Command | undefined {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(event.code)?.[1];
  return digit ? PROTOCOL_COMMANDS.find((command) => command.shortcut === `Alt+${digit}`) : undefined;
}
