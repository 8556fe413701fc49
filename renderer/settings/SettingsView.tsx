/**
 * The settings page: the agent's workstation and own preferences, which apply at
 * once, and the entity's settings from IT staff's file, shown read-only because
 * they change only in that file. The page lists which fields the latest edit of
 * the file changed, and shows the file's current error if it was rejected.
 */
import { useId, type ReactNode } from 'react';
import { FONT_SIZE_MAX_PX, FONT_SIZE_MIN_PX, THEMES, type SettingsState } from '../../shared/settings/entity-settings';
import { PHRASE_IDS } from '../../shared/protocol/phrases';
import { selectSession, selectSettingsError } from '../session/session-slice';
import { t, tDynamic } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectPreferencesError, selectSettings } from './settings-slice';
import { SmtpTest } from './SmtpTest';

export function SettingsView() {
  const session = useWorkbench(selectSession);
  const settings = useWorkbench(selectSettings);
  if (!session) return null;

  return (
    <section className="view settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('view.settings')}</h1>
      {settings?.lastChange && <AppliedChange change={settings.lastChange} />}
      <WorkstationSection />
      <PreferencesSection />
      {settings && <EntitySection settings={settings} />}
    </section>
  );
}

/** Shows which fields the latest edit of the settings file changed, and when. */
function AppliedChange({ change }: { change: NonNullable<SettingsState['lastChange']> }) {
  const time = new Date(change.at).toLocaleTimeString('es-CO', { hour: '2-digit', minute: '2-digit' });
  const fields = change.fields.map((field) => tDynamic(`settings.field.${field}`)).join(', ');
  return (
    <p className="settings__applied" role="status">
      {t('settings.entity.applied', { time, fields })}
    </p>
  );
}

function WorkstationSection() {
  const session = useWorkbench(selectSession)!;
  const error = useWorkbench(selectSettingsError);
  const setAutoSendGreeting = useWorkbench((state) => state.setAutoSendGreeting);
  const titleId = useId();
  const checkboxId = useId();
  const hintId = useId();

  return (
    <section className="settings__section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('settings.workstation.title')}</h2>
      <dl className="settings__facts">
        <Fact label={t('settings.agent')}>{session.agentName ?? '—'}</Fact>
        <Fact label={t('settings.citizenUrl')}>{session.citizenUrl}</Fact>
      </dl>
      <div className="settings__check">
        <input id={checkboxId} type="checkbox" checked={session.autoSendGreeting} aria-describedby={hintId} onChange={(event) => void setAutoSendGreeting(event.target.checked)} />
        <label htmlFor={checkboxId}>{t('settings.autoSendGreeting')}</label>
        <p id={hintId} className="settings__hint">
          {t('settings.autoSendGreeting.hint')}
        </p>
      </div>
      <ErrorText error={error} />
    </section>
  );
}

function PreferencesSection() {
  const settings = useWorkbench(selectSettings);
  const error = useWorkbench(selectPreferencesError);
  const setPreferences = useWorkbench((state) => state.setPreferences);
  const titleId = useId();
  const themeId = useId();
  const fontId = useId();
  const notificationsId = useId();
  if (!settings) return <ErrorText error={error} />;
  const { preferences } = settings;

  return (
    <section className="settings__section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('settings.preferences.title')}</h2>
      <div className="settings__field">
        <label htmlFor={themeId}>{t('settings.preferences.theme')}</label>
        <select id={themeId} className="settings__control settings__control--select" value={preferences.theme} onChange={(event) => void setPreferences({ theme: event.target.value as (typeof THEMES)[number] })}>
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`settings.preferences.theme.${theme}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="settings__field">
        <label htmlFor={fontId}>{t('settings.preferences.fontSize')}</label>
        <input
          id={fontId}
          className="settings__control settings__control--number"
          type="number"
          min={FONT_SIZE_MIN_PX}
          max={FONT_SIZE_MAX_PX}
          value={preferences.fontSizePx}
          onChange={(event) => {
            const size = Number(event.target.value);
            if (Number.isInteger(size) && size >= FONT_SIZE_MIN_PX && size <= FONT_SIZE_MAX_PX) void setPreferences({ fontSizePx: size });
          }}
        />
      </div>
      <div className="settings__check">
        <input id={notificationsId} type="checkbox" checked={preferences.notifications} onChange={(event) => void setPreferences({ notifications: event.target.checked })} />
        <label htmlFor={notificationsId}>{t('settings.preferences.notifications')}</label>
      </div>
      <ErrorText error={error} />
    </section>
  );
}

/** Renders one read-only field: its label, and its value as text. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="settings__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function probesText(probes: { dns: string[]; https: string[]; tcp?: string[] }): string {
  const targets = [...probes.dns, ...probes.https, ...(probes.tcp ?? [])];
  return targets.length > 0 ? targets.join(', ') : t('settings.entity.probesNone');
}

/**
 * Returns the note on which file the entity's settings come from. While the file is rejected, the
 * error above already names it, so the note only says what is in use meanwhile.
 */
function entityFileNote(settings: Pick<SettingsState, 'configured' | 'error' | 'file'>): string {
  if (settings.error) return t(settings.configured ? 'settings.entity.keptLastValid' : 'settings.entity.rejectedUsingDefaults');
  return settings.configured ? t('settings.entity.file', { file: settings.file }) : t('settings.entity.notConfigured', { file: settings.file });
}

function EntitySection({ settings }: { settings: SettingsState }) {
  const { entity } = settings;
  const titleId = useId();
  const { folder, maxAgeDays } = entity.knowledgeBase;

  return (
    <section className={`settings__section settings__entity${settings.locked ? ' settings__entity--locked' : ''}`} aria-labelledby={titleId}>
      <div className="settings__heading">
        <h2 id={titleId}>{t('settings.entity.title')}</h2>
        {settings.locked && <span className="settings__badge">{t('settings.entity.lockedBadge')}</span>}
      </div>
      {settings.error && (
        <p className="error-text" role="alert">
          {settings.error.message}
        </p>
      )}
      <p className="settings__muted">{entityFileNote(settings)}</p>
      <p className="settings__note">{settings.locked ? t('settings.entity.locked') : t('settings.entity.unlocked')}</p>

      <dl className="settings__facts settings__facts--readonly">
        <Fact label={t('settings.entity.name')}>{entity.entityName || '—'}</Fact>
      </dl>

      <h3>{t('settings.entity.section.protocol')}</h3>
      <dl className="settings__facts settings__facts--readonly">
        <Fact label={t('settings.entity.phrases')}>
          <ul className="settings__list">
            {PHRASE_IDS.map((id) => (
              <li key={id} data-phrase={id}>
                {entity.phrases[id]}
              </li>
            ))}
          </ul>
        </Fact>
        <Fact label={t('settings.entity.escalation')}>
          <ul className="settings__list">
            {entity.escalationOptions.map((option) => (
              <li key={option}>{option}</li>
            ))}
          </ul>
        </Fact>
      </dl>

      <h3>{t('settings.entity.section.chat')}</h3>
      <dl className="settings__facts settings__facts--readonly">
        <Fact label={t('settings.entity.timeBudget')}>{t('settings.entity.timeBudget.value', { minutes: entity.chatTimeBudgetMinutes })}</Fact>
        <Fact label={t('settings.entity.checker')}>
          {t('settings.entity.checker.value', {
            sentence: entity.checker.maxSentenceWords,
            paragraphSentences: entity.checker.maxParagraphSentences,
            paragraphWords: entity.checker.maxParagraphWords,
            reply: entity.checker.maxReplyWords,
          })}
        </Fact>
      </dl>

      <h3>{t('settings.entity.section.connections')}</h3>
      <dl className="settings__facts settings__facts--readonly">
        <Fact label={t('settings.entity.hub')}>{entity.hubUrl ?? t('settings.entity.hubEmbedded')}</Fact>
        <Fact label={t('settings.entity.knowledgeBase')}>
          {folder ? t('settings.entity.knowledgeBase.value', { folder, days: maxAgeDays }) : t('settings.entity.knowledgeBase.sample', { days: maxAgeDays })}
        </Fact>
        <Fact label={t('settings.entity.internet')}>{probesText(entity.selfTest.internet)}</Fact>
        <Fact label={t('settings.entity.lan')}>{probesText(entity.selfTest.lan)}</Fact>
        <Fact label={t('settings.entity.smtp')}>
          {entity.smtp ? t('settings.entity.smtp.value', { host: entity.smtp.host, port: entity.smtp.port, from: entity.smtp.from }) : t('settings.entity.smtpMissing')}
        </Fact>
      </dl>
      <SmtpTest smtp={entity.smtp} />

      <h3>{t('settings.entity.section.data')}</h3>
      <dl className="settings__facts settings__facts--readonly">
        <Fact label={t('settings.entity.retention')}>{t('settings.entity.retention.value', { ...entity.retentionDays })}</Fact>
        <Fact label={t('settings.entity.logLevel')}>{entity.logLevel}</Fact>
      </dl>
    </section>
  );
}
