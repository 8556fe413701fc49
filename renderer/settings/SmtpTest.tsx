/** The email server's TLS and user as the entity set them, and "Probar conexión", which runs nodemailer's verify() on the Node side. */
import type { SmtpView } from '../../shared/settings/entity-settings';
import { t, tDynamic } from '../i18n';
import { selectSmtpTest } from '../outbox/outbox-slice';
import { useWorkbench } from '../workbench/store-context';

export function SmtpTest({ smtp }: { smtp: SmtpView | null }) {
  const result = useWorkbench(selectSmtpTest);
  const testSmtp = useWorkbench((state) => state.testSmtp);
  const running = result === 'running';

  return (
    <div className="settings__smtp">
      {smtp && <p className="settings__muted">{t('settings.smtp.details', { tls: smtp.secure ? t('settings.smtp.tlsOn') : t('settings.smtp.tlsStartTls'), user: smtp.user ?? t('settings.smtp.noUser') })}</p>}
      <button type="button" className="button" disabled={running} onClick={() => void testSmtp()}>
        {t('settings.smtp.test')}
      </button>
      <p role="status" className={result !== null && result !== 'running' && result.status !== 'pass' ? 'error-text' : 'settings__muted'}>
        {running ? t('settings.smtp.testing') : result ? tDynamic(result.messageKey, result.params) : ''}
      </p>
    </div>
  );
}
