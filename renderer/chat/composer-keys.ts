/** Key handling of the composer: Enter sends, Shift+Enter inserts a newline. */

export interface ComposerKey {
  key: string;
  shiftKey: boolean;
  /** True while an input method editor is composing a character; Enter then confirms it instead of sending. */
  isComposing: boolean;
}

export type ComposerKeyAction = 'send' | 'type';

export function composerKeyAction(event: ComposerKey): ComposerKeyAction {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) return 'send';
  return 'type';
}
