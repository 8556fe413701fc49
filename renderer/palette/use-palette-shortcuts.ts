/**
 * Opens the command palette with Ctrl+Shift+P (Cmd+Shift+P on macOS) or F1, from
 * anywhere in the window except while a modal dialog is open. The agent deals with the
 * dialog first, so the palette never opens over the pre-send review.
 */
import { useEffect } from 'react';
import { isModalDialogOpen } from '../workbench/ModalDialog';

export function isPaletteShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  if (event.key === 'F1') return true;
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'p';
}

export function usePaletteShortcuts(openPalette: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      // F1 would open the browser's help, so the key is taken even when the palette stays closed.
      event.preventDefault();
      if (!isModalDialogOpen()) openPalette();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [openPalette]);
}
