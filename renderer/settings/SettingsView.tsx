/**
 * The settings view: the agent's own preferences, which apply at once, and the
 * entity's settings from IT staff's file, shown read-only (they change only in
 * that file), with the file's current error if it was rejected.
 */
import { useId } from 'react';
import { FONT_SIZE_MAX_PX, FONT_SIZE_MIN_PX, THEMES, type SettingsState } from '../../shared/settings/entity-settings';
import { PHRASE_IDS } from '../../shared/protocol/phrases';
import { selectSession, selectSettingsError } from '../session/session-slice';
import { t } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import { selectPreferencesError, selectSettings } from './settings-slice';
import { SmtpTest } from './SmtpTest';

export function SettingsView() {
  const session = useWorkbench(selectSession);
  const error = useWorkbench(selectSettingsError);
  const settings = useWorkbench(selectSettings);
  const setAutoSendGreeting = useWorkbench((state) => state.setAutoSendGreeting);
  const checkboxId = useId();
  const hintId = useId();
  if (!session) return null;

  return (
    <section className="view settings" aria-labelledby="settings-title">
      <h1 id="settings-title">{t('view.settings')}</h1>
      <p>{t('settings.agent', { name: session.agentName ?? '' })}</p>
      <p className="settings__muted">{t('settings.citizenUrl', { url: session.citizenUrl })}</p>
      <div className="setting">
        <input
          id={checkboxId}
          type="checkbox"
          checked={session.autoSendGreeting}
          aria-describedby={hintId}
          onChange={(event) => void setAutoSendGreeting(event.target.checked)}
        />
        <label htmlFor={checkboxId}>{t('settings.autoSendGreeting')}</label>
        <p id={hintId} className="setting__hint">
          {t('settings.autoSendGreeting.hint')}
        </p>
      </div>
      <ErrorText error={error} />
      <PreferencesSection />
      {settings && <EntitySection settings={settings} />}
    </section>
  );
}

function PreferencesSection() {
  const settings = useWorkbench(selectSettings);
  const error = useWorkbench(selectPreferencesError);
  const setPreferences = useWorkbench((state) => state.setPreferences);
  const themeId = useId();
  const fontId = useId();
  const notificationsId = useId();
  if (!settings) return <ErrorText error={error} />;
  const { preferences } = settings;

  return (
    <section className="settings__section" aria-labelledby={`${themeId}-title`}>
      <h2 id={`${themeId}-title`}>{t('settings.preferences.title')}</h2>
      <div className="setting">
        <label htmlFor={themeId}>{t('settings.preferences.theme')}</label>
        <select id={themeId} value={preferences.theme} onChange={(event) => void setPreferences({ theme: event.target.value as (typeof THEMES)[number] })}>
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`settings.preferences.theme.${theme}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="setting">
        <label htmlFor={fontId}>{t('settings.preferences.fontSize')}</label>
        <input
          id={fontId}
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
      <div className="setting">
        <input id={notificationsId} type="checkbox" checked={preferences.notifications} onChange={(event) => void setPreferences({ notifications: event.target.checked })} />
        <label htmlFor={notificationsId}>{t('settings.preferences.notifications')}</label>
      </div>
      <ErrorText error={error} />
    </section>
  );
}

function EntitySection({ settings }: { settings: SettingsState }) {
  const { entity } = settings;
  const titleId = useId();

  return (
    <section className="settings__section" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('settings.entity.title')}</h2>
      {settings.error && (
        <p className="error-text" role="alert">
          {settings.error.message}
        </p>
      )}
      <p className="settings__muted">{settings.configured ? t('settings.entity.file', { file: settings.file }) : t('settings.entity.notConfigured', { file: settings.file })}</p>
      <p className="settings__note">{settings.locked ? t('settings.entity.locked') : t('settings.entity.unlocked')}</p>
      <dl className="settings__entity">
        <dt>{t('settings.entity.name')}</dt>
        <dd>{entity.entityName || '—'}</dd>
        <dt>{t('settings.entity.phrases')}</dt>
        <dd>
          <ul>
            {PHRASE_IDS.map((id) => (
              <li key={id} data-phrase={id}>
                {entity.phrases[id]}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('settings.entity.escalation')}</dt>
        <dd>{entity.escalationOptions.join('; ')}</dd>
      </dl>
      <ul className="settings__facts">
        <li>{t('settings.entity.timeBudget', { minutes: entity.chatTimeBudgetMinutes })}</li>
        <li>
          {t('settings.entity.checker', {
            sentence: entity.checker.maxSentenceWords,
            paragraphSentences: entity.checker.maxParagraphSentences,
            paragraphWords: entity.checker.maxParagraphWords,
            reply: entity.checker.maxReplyWords,
          })}
        </li>
        <li>{entity.hubUrl ? t('settings.entity.hub', { url: entity.hubUrl }) : t('settings.entity.hubEmbedded')}</li>
        <li>{entity.smtp ? t('settings.entity.smtp', { host: entity.smtp.host, port: entity.smtp.port, from: entity.smtp.from }) : t('settings.entity.smtpMissing')}</li>
        <li>{t('settings.entity.knowledgeBase', { days: entity.knowledgeBase.maxAgeDays })}</li>
        <li>{t('settings.entity.retention', { ...entity.retentionDays })}</li>
      </ul>
      <SmtpTest smtp={entity.smtp} />
    </section>
  );
}
