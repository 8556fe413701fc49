/** A status notice above the editor with its message and an "Entendido" button that dismisses it. */
import { t } from '../i18n';

export function DismissibleNotice({ className, message, onDismiss }: { className: string; message: string; onDismiss: () => void }) {
  return (
    <div className={`equipment-alert ${className}`} role="status">
      <span>{message}</span>
      <button type="button" className="button" onClick={onDismiss}>
        {t('offline.dismiss')}
      </button>
    </div>
  );
}
