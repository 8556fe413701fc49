/** The Problemas panel's content: the findings of the open chat's draft, each with its fixes one click away. */
import type { Finding } from '../../shared/checker/index';
import { t } from '../i18n';
import { selectOpenChatId } from '../chat/chats-slice';
import { useWorkbench } from '../workbench/store-context';
import { currentFindings } from './checker-slice';
import { ReadabilityLine } from './ReadabilityLine';

function fixLabel(finding: Finding, index: number): string {
  const fix = finding.fixes![index]!;
  return fix.labelKey ? t(fix.labelKey) : t('checker.panel.replaceWith', { replacement: fix.replacement });
}

export function CheckerProblems() {
  const chatId = useWorkbench(selectOpenChatId);
  const draft = useWorkbench((state) => (chatId ? (state.drafts[chatId] ?? '') : ''));
  const check = useWorkbench((state) => (chatId ? state.checks[chatId] : undefined));
  const applyFix = useWorkbench((state) => state.applyFix);
  const findings = currentFindings(check, draft);

  if (!chatId || findings.length === 0) {
    return (
      <>
        {check && !check.spellingChecked && <p className="empty-state">{t('checker.panel.spellingUnavailable')}</p>}
        <p className="empty-state">{t('panel.noProblems')}</p>
        {check && check.text === draft && <ReadabilityLine readability={check.readability} className="review__readability problems__readability" />}
      </>
    );
  }
  return (
    <>
      {!check?.spellingChecked && <p className="empty-state">{t('checker.panel.spellingUnavailable')}</p>}
      {/* Focusable, so the arrow keys and Page Down scroll the panel to findings that have no fix button. */}
      <ul className="problems" tabIndex={0} aria-label={t('checker.panel.count', { count: findings.length })}>
        {findings.map((finding, index) => (
          <li key={`${finding.rule}-${finding.start}-${index}`} className={`problem problem--${finding.severity}`}>
            {finding.severity === 'advice' && <span className="problem__tag">{t('checker.panel.advice')}</span>}
            <span className="problem__message">{t(finding.messageKey, finding.params)}</span>{' '}
            <span className="problem__text">{t('checker.panel.flagged', { text: finding.text })}</span>
            {finding.fixes?.map((_fix, fixIndex) => (
              <button key={fixIndex} type="button" className="button problem__fix" onClick={() => applyFix(chatId, finding, fixIndex)}>
                {fixLabel(finding, fixIndex)}
              </button>
            ))}
          </li>
        ))}
      </ul>
      {check && <ReadabilityLine readability={check.readability} className="review__readability problems__readability" />}
    </>
  );
}
