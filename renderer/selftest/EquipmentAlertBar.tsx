/** The banner that tells the agent what changed in their equipment during the shift and offers to check again. */
import { t } from '../i18n';
import { useWorkbench } from '../workbench/store-context';
import { selectEquipmentAlert } from './selftest-slice';

export function EquipmentAlertBar() {
  const alert = useWorkbench(selectEquipmentAlert);
  const recheck = useWorkbench((state) => state.recheckEquipment);
  const dismiss = useWorkbench((state) => state.dismissEquipmentAlert);
  if (!alert) return null;

  return (
    <div className="equipment-alert" role="alert">
      <span>{t(alert.key)}</span>
      <button type="button" className="button button--primary" onClick={() => void recheck()}>
        {t('selftest.rerun')}
      </button>
      <button type="button" className="button" onClick={dismiss}>
        {t('selftest.alert.dismiss')}
      </button>
    </div>
  );
}
