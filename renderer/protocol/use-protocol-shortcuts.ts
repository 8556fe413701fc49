/**
 * Runs the protocol commands on Alt+1…Alt+8 while the Chats view is shown and no
 * modal dialog is open; the palette lists the same keys.
 */
import { useEffect } from 'react';
import { isModalDialogOpen } from '../workbench/ModalDialog';
import { useWorkbenchStore } from '../workbench/store-context';
import { commandForKey } from './protocol-commands';

export function useProtocolShortcuts(): void {
  const store = useWorkbenchStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (!command) return;
      event.preventDefault();
      if (isModalDialogOpen()) return;
      const state = store.getState();
      if (command.available(state)) void command.run(state);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
