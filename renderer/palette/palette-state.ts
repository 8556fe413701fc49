/** Pure logic of the command palette: matching commands to the filter text and moving the selection. */

export interface PaletteEntry {
  id: string;
  title: string;
}

/** Lowercases and strips accents, so that "configuracion" finds "Configuración". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();
}

/**
 * Returns the entries whose title contains every word of the query. Titles that
 * contain the query as one phrase come first; otherwise the original order holds.
 */
export function filterEntries<T extends PaletteEntry>(entries: readonly T[], query: string): T[] {
  const phrase = foldForSearch(query).trim().replace(/\s+/g, ' ');
  const words = phrase.split(' ').filter(Boolean);
  if (words.length === 0) return [...entries];

  const matches = entries.filter((entry) => {
    const title = foldForSearch(entry.title);
    return words.every((word) => title.includes(word));
  });
  const exact = matches.filter((entry) => foldForSearch(entry.title).includes(phrase));
  const scattered = matches.filter((entry) => !exact.includes(entry));
  return [...exact, ...scattered];
}

/** Moves the selected index by delta, wrapping at both ends; returns -1 when there is nothing to select. */
export function moveSelection(index: number, delta: number, count: number): number {
  if (count <= 0) return -1;
  // With nothing selected, Down selects the first entry and Up the last one.
  let start = index;
  if (index < 0) start = delta > 0 ? -1 : 0;
  return (((start + delta) % count) + count) % count;
}
