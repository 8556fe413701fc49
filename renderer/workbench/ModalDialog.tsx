/**
 * The modal dialog every workbench dialog is built on: a labelled heading, the
 * content, and a row of buttons. Tab and Shift+Tab stay inside it, Escape cancels,
 * and when it closes the focus goes back where it was unless something else took it.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** True while a modal dialog (this one, or the command palette) covers the workbench, so global shortcuts stay off. */
export function isModalDialogOpen(): boolean {
  return document.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

export interface ModalDialogProps {
  title: string;
  /** The line under the heading that states what the dialog asks for. */
  intro?: ReactNode;
  /** Extra class of the dialog box, for its own layout. */
  className?: string;
  /** Called on Escape; the caller closes the dialog. */
  onCancel(): void;
  /** With it the dialog is a form, so Enter in a field submits it. */
  onSubmit?(): void;
  /** The element focused when the dialog opens; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Changes of this value move the focus to initialFocus again, for a dialog that stays open with new content. */
  focusKey?: string;
  /** The buttons, in reading order. */
  actions: ReactNode;
  children?: ReactNode;
}

export function ModalDialog({ title, intro, className, onCancel, onSubmit, initialFocus, focusKey, actions, children }: ModalDialogProps) {
  const box = useRef<HTMLElement | null>(null);
  const titleId = useId();

  // Remember where the focus was, and give it back on close if it fell to the page.
  useEffect(() => {
    const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      setTimeout(() => {
        if (previousFocus?.isConnected && (document.activeElement === null || document.activeElement === document.body)) previousFocus.focus();
      }, 0);
    };
  }, []);

  useEffect(() => {
    const target = initialFocus?.current ?? box.current?.querySelector<HTMLElement>(FOCUSABLE);
    target?.focus();
  }, [initialFocus, focusKey]);

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;

    // Wrap Tab from the last element to the first, and Shift+Tab from the first to the last.
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  const content = (
    <>
      <h2 id={titleId}>{title}</h2>
      {intro !== undefined && <p>{intro}</p>}
      {children}
      <div className="dialog__actions">{actions}</div>
    </>
  );
  const shared = {
    className: `dialog${className ? ` ${className}` : ''}`,
    role: 'dialog',
    'aria-modal': true,
    'aria-labelledby': titleId,
    onKeyDown,
  } as const;

  return (
    <div className="dialog-backdrop">
      {onSubmit ? (
        <form
          {...shared}
          ref={(element) => {
            box.current = element;
          }}
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit();
          }}
        >
          {content}
        </form>
      ) : (
        <div
          {...shared}
          ref={(element) => {
            box.current = element;
          }}
        >
          {content}
        </div>
      )}
    </div>
  );
}
