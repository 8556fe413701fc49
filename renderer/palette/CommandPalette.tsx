/**
 * The command palette (Ctrl+Shift+P or F1): a filter field over a list of every
 * command. Arrow keys move the selection, Enter runs it, Escape closes, and the
 * focus goes back to where it was.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { t } from '../i18n';
import { useWorkbench, useWorkbenchStore } from '../workbench/store-context';
import { COMMANDS, type Command } from './commands';
import { filterEntries, moveSelection } from './palette-state';

export function CommandPalette() {
  const store = useWorkbenchStore();
  const closePalette = useWorkbench((state) => state.closePalette);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  // The palette reads availability once when it opens; it closes before anything changes it.
  const entries = useMemo(() => {
    const state = store.getState();
    return COMMANDS.filter((command) => command.available(state)).map((command) => ({ id: command.id, title: t(command.titleKey), command }));
  }, [store]);
  const matches = filterEntries(entries, query);
  const active = matches[Math.min(selected, matches.length - 1)];

  useEffect(() => {
    const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => previousFocus?.focus();
  }, []);

  function run(command: Command) {
    closePalette();
    // Runs after the palette closed and gave the focus back, so a command may move the focus itself.
    setTimeout(() => void command.run(store.getState()), 0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setSelected((index) => moveSelection(Math.min(index, matches.length - 1), event.key === 'ArrowDown' ? 1 : -1, matches.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active) run(active.command);
    } else if (event.key === 'Tab') {
      // The filter is the palette's only focusable element, so Tab keeps the focus there instead of leaving the modal.
      event.preventDefault();
    }
  }

  const optionId = (id: string) => `${listId}-${id}`;

  return (
    <div className="palette-backdrop" onMouseDown={closePalette}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label={t('palette.title')}
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.preventDefault();
          closePalette();
        }}
      >
        <input
          ref={input}
          className="palette__filter"
          type="text"
          role="combobox"
          aria-label={t('palette.filterLabel')}
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={active ? optionId(active.id) : undefined}
          aria-autocomplete="list"
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setSelected(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul className="palette__list" role="listbox" id={listId} aria-label={t('palette.commands')}>
          {matches.map((entry, index) => (
            <li
              key={entry.id}
              id={optionId(entry.id)}
              role="option"
              aria-selected={entry === active}
              className="palette__option"
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setSelected(index)}
              onClick={() => run(entry.command)}
            >
              {entry.title}
              {entry.command.shortcut && <kbd className="palette__shortcut">{entry.command.shortcut}</kbd>}
            </li>
          ))}
        </ul>
        {matches.length === 0 && <p className="empty-state">{t('palette.noMatch')}</p>}
      </div>
    </div>
  );
}
