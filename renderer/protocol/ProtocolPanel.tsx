/**
 * The protocol panel beside the conversation. It lists the chat's phases, done or
 * pending as read from the messages, each with its institutional phrase, which one
 * click or its Alt+digit key inserts at the cursor. It also shows the citizen's
 * data to confirm, the analysis choice and the closing steps.
 */
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Chat } from '../../shared/chat/model';
import type { MessageKey } from '../../shared/i18n/catalog';
import type { PhaseId, PhaseReport, PhaseStatus } from '../../shared/protocol/phases';
import type { PhraseId } from '../../shared/protocol/phrases';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { phaseReportOf } from './phase-report';
import { PROTOCOL_COMMANDS } from './protocol-commands';
import { missingClosingSteps, selectProtocolNoticeOf } from './protocol-slice';

const STATUS_KEYS: Record<PhaseStatus, MessageKey> = {
  done: 'protocol.status.done',
  pending: 'protocol.status.pending',
  optional: 'protocol.status.optional',
  skipped: 'protocol.status.skipped',
};

function shortcutOf(commandId: string): string | undefined {
  return PROTOCOL_COMMANDS.find((command) => command.id === commandId)?.shortcut;
}

function ActionButton({ label, shortcut, onClick, disabled }: { label: string; shortcut?: string; onClick: () => void; disabled?: boolean }) {
  return (
    <button type="button" className="button protocol-action" onClick={onClick} disabled={disabled} aria-keyshortcuts={shortcut}>
      {label}
      {shortcut && (
        <kbd className="protocol-action__key" aria-hidden="true">
          {shortcut}
        </kbd>
      )}
    </button>
  );
}

function PhraseButton({ chat, phraseId }: { chat: Chat; phraseId: PhraseId }) {
  const insertPhrase = useWorkbench((state) => state.insertPhrase);
  return (
    <ActionButton
      label={t(`protocol.phrase.${phraseId}` as MessageKey)}
      shortcut={shortcutOf(`protocol.${phraseId}`)}
      onClick={() => insertPhrase(chat.id, phraseId)}
      disabled={chat.status !== 'active'}
    />
  );
}

function Step({ done, children }: { done: boolean; children: ReactNode }) {
  return <li className={`protocol-step${done ? ' protocol-step--done' : ''}`}>{children}</li>;
}

function CitizenData({ chat, report }: { chat: Chat; report: PhaseReport }) {
  const setCitizen = useWorkbench((state) => state.setCitizen);
  const name = chat.protocol?.citizenName;
  const email = chat.protocol?.citizenEmail;
  return (
    <div className="protocol-data">
      {name && <p>{t('protocol.citizenName', { name })}</p>}
      {email && <p>{t('protocol.citizenEmail', { email })}</p>}
      {report.proposedName && (
        <p>
          {t('protocol.proposedName', { name: report.proposedName })}{' '}
          <button type="button" className="button" onClick={() => void setCitizen(chat.id, { name: report.proposedName! })}>
            {t('protocol.confirmName')}
          </button>
        </p>
      )}
      {report.proposedEmail && (
        <p>
          {t('protocol.proposedEmail', { email: report.proposedEmail })}{' '}
          <button type="button" className="button" onClick={() => void setCitizen(chat.id, { email: report.proposedEmail! })}>
            {t('protocol.useEmail')}
          </button>
        </p>
      )}
      {!name && !email && !report.proposedName && !report.proposedEmail && <p className="protocol-hint">{t('protocol.noCitizenData')}</p>}
    </div>
  );
}

function Analysis({ chat }: { chat: Chat }) {
  const markAnalysis = useWorkbench((state) => state.markAnalysis);
  const analysis = chat.protocol?.analysis ?? null;
  const active = chat.status === 'active';
  return (
    <div className="protocol-analysis">
      {analysis === 'fits' && <p>{t('protocol.analysis.markedFits')}</p>}
      {analysis === 'tooComplex' && <p>{t('protocol.analysis.markedTooComplex')}</p>}
      <p className="protocol-hint">{t('protocol.analysis.question')}</p>
      <div className="protocol-actions">
        <ActionButton label={t('protocol.analysis.fits')} onClick={() => void markAnalysis(chat.id, 'fits')} disabled={!active} />
        <ActionButton label={t('protocol.analysis.tooComplex')} shortcut={shortcutOf('protocol.tooComplex')} onClick={() => void markAnalysis(chat.id, 'tooComplex')} disabled={!active} />
      </div>
    </div>
  );
}

function Closing({ chat, report }: { chat: Chat; report: PhaseReport }) {
  const requestCloseChat = useWorkbench((state) => state.requestCloseChat);
  // Closing is the main action only once the protocol's closing is done or the chat ended otherwise.
  const closingPending = missingClosingSteps(chat).length > 0;
  return (
    <>
      <ul className="protocol-steps">
        <Step done={report.steps.closingAsked}>{t('protocol.step.closingAsked')}</Step>
        <Step done={report.steps.citizenSatisfied}>{t('protocol.step.citizenSatisfied')}</Step>
        <Step done={report.steps.farewellSent}>{t('protocol.step.farewellSent')}</Step>
      </ul>
      <div className="protocol-actions">
        <PhraseButton chat={chat} phraseId="closingQuestion" />
        <PhraseButton chat={chat} phraseId="farewell" />
        {!chat.protocol?.transcriptFile && (
          <button type="button" className={closingPending ? 'button' : 'button button--primary'} onClick={() => void requestCloseChat(chat.id)}>
            {t('protocol.closeChat')}
          </button>
        )}
      </div>
    </>
  );
}

function PhaseBody({ phase, chat, report }: { phase: PhaseId; chat: Chat; report: PhaseReport }) {
  switch (phase) {
    case 'greeting':
      return <PhraseButton chat={chat} phraseId="greeting" />;
    case 'identification':
      return (
        <>
          <PhraseButton chat={chat} phraseId="dataRequest" />
          <CitizenData chat={chat} report={report} />
        </>
      );
    case 'request':
      return <PhraseButton chat={chat} phraseId="serviceQuestion" />;
    case 'analysis':
      return <Analysis chat={chat} />;
    case 'clarification':
      return <PhraseButton chat={chat} phraseId="clarification" />;
    case 'answer':
      return (
        <>
          <p className="protocol-hint">{t('protocol.answerHint')}</p>
          <PhraseButton chat={chat} phraseId="extraTime" />
        </>
      );
    case 'closing':
      return <Closing chat={chat} report={report} />;
  }
}

/** The panel's scroll position per chat id, so each chat shows its panel where the agent left it. */
const scrollPositions = new Map<string, number>();

export function ProtocolPanel({ chat }: { chat: Chat }) {
  const notice = useWorkbench(selectProtocolNoticeOf(chat.id));
  const report = phaseReportOf(chat);
  const panel = useRef<HTMLElement>(null);

  useLayoutEffect(() => {
    if (panel.current) panel.current.scrollTop = scrollPositions.get(chat.id) ?? 0;
  }, [chat.id]);

  return (
    <aside ref={panel} className="protocol-panel" aria-labelledby="protocol-title" onScroll={(event) => scrollPositions.set(chat.id, event.currentTarget.scrollTop)}>
      <h2 id="protocol-title" className="panel__title">
        {t('protocol.title')}
      </h2>
      <ol className="protocol-phases" aria-label={t('protocol.phases')}>
        {report.phases.map((phase) => {
          const current = report.current === phase.id;
          return (
            <li key={phase.id} className={`protocol-phase protocol-phase--${phase.status}`} aria-current={current ? 'step' : undefined}>
              <div className="protocol-phase__head">
                <span className="protocol-phase__name">{t(`protocol.phase.${phase.id}` as MessageKey)}</span>
                <span className="protocol-phase__status">
                  {t(STATUS_KEYS[phase.status])}
                  {current && ` · ${t('protocol.status.current')}`}
                </span>
              </div>
              <div className="protocol-phase__body">
                <PhaseBody phase={phase.id} chat={chat} report={report} />
              </div>
            </li>
          );
        })}
      </ol>
      {notice && (notice.key === 'protocol.closed' ? <p role="status">{t('protocol.closed', notice.params)}</p> : <ErrorText error={notice} />)}
    </aside>
  );
}
