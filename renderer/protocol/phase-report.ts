/** The protocol phases of a chat, computed once per chat object (the store replaces a chat on every change). */
import type { Chat } from '../../shared/chat/model';
import { detectPhases, type PhaseReport } from '../../shared/protocol/phases';

const reports = new WeakMap<Chat, PhaseReport>();

export function phaseReportOf(chat: Chat): PhaseReport {
  let report = reports.get(chat);
  if (!report) {
    report = detectPhases({ messages: chat.messages, protocol: chat.protocol });
    reports.set(chat, report);
  }
  return report;
}
