/** An error from the store, shown in Spanish and announced to screen readers. */
import type { DisplayMessage } from '../api/errors';
import { tDynamic } from '../i18n';

export function ErrorText({ error, id }: { error: DisplayMessage | null; id?: string }) {
  if (!error) return null;
  return (
    <p className="error-text" role="alert" id={id}>
      {tDynamic(error.key, error.params)}
    </p>
  );
}
