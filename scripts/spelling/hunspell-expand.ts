/**
 * A small Hunspell affix expander for dictionary-es: it turns each "stem/FLAGS"
 * line of the .dic file into every form its prefix and suffix rules produce,
 * including continuation flags ("dura/S") and prefix × suffix cross products.
 * It reads only what dictionary-es uses: SET UTF-8, FLAG UTF-8 (one character
 * per flag), PFX and SFX. Flags listed in `skipFlags` are not expanded; the
 * checker handles those forms by rule (enclitic pronouns).
 */

interface AffixRule {
  strip: string;
  add: string;
  continuation: string;
  condition: RegExp;
}

interface AffixClass {
  kind: 'PFX' | 'SFX';
  flag: string;
  crossProduct: boolean;
  rules: AffixRule[];
}

export interface AffixFile {
  classes: Map<string, AffixClass>;
}

/** Parses the PFX and SFX classes of an .aff file. */
export function parseAffixFile(text: string): AffixFile {
  const classes = new Map<string, AffixClass>();

  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const fields = line.split(/\s+/);
    const kind = fields[0];
    if (kind !== 'PFX' && kind !== 'SFX') continue;
    const flag = fields[1]!;

    // The header line of a class: "SFX flag Y|N count".
    if (!classes.has(flag)) {
      classes.set(flag, { kind, flag, crossProduct: fields[2] === 'Y', rules: [] });
      continue;
    }

    const [addText, continuation = ''] = (fields[3] ?? '0').split('/');
    const strip = fields[2] === '0' ? '' : fields[2]!;
    const add = addText === '0' ? '' : addText!;
    const conditionText = fields[4] ?? '.';
    const condition = conditionText === '.' ? /(?:)/ : new RegExp(kind === 'SFX' ? `${conditionText}$` : `^${conditionText}`, 'u');
    classes.get(flag)!.rules.push({ strip, add, continuation, condition });
  }
  return { classes };
}

/** One generated form, with the flags of the stem that produced it. */
export interface ExpandedForm {
  word: string;
  /** The suffix flag that produced the form, or "" for the stem and prefixed stems. */
  suffixFlag: string;
}

function applySuffixes(affixes: AffixFile, word: string, flags: string, skipFlags: ReadonlySet<string>, depth: number, sink: (form: ExpandedForm) => void): void {
  for (const flag of flags) {
    const affixClass = affixes.classes.get(flag);
    if (!affixClass || affixClass.kind !== 'SFX' || skipFlags.has(flag)) continue;
    for (const rule of affixClass.rules) {
      if (!rule.condition.test(word) || !word.endsWith(rule.strip)) continue;
      const derived = word.slice(0, word.length - rule.strip.length) + rule.add;
      sink({ word: derived, suffixFlag: flag });
      if (rule.continuation !== '' && depth < 2) applySuffixes(affixes, derived, rule.continuation, skipFlags, depth + 1, sink);
    }
  }
}

// Hunspell tests a prefix's condition on the stem, also when the prefix joins a suffixed form.
function applyPrefixes(affixes: AffixFile, stem: string, word: string, flags: string, skipFlags: ReadonlySet<string>, crossOnly: boolean, sink: (prefixed: string) => void): void {
  for (const flag of flags) {
    const affixClass = affixes.classes.get(flag);
    if (!affixClass || affixClass.kind !== 'PFX' || skipFlags.has(flag)) continue;
    if (crossOnly && !affixClass.crossProduct) continue;
    for (const rule of affixClass.rules) {
      if (!rule.condition.test(stem) || !word.startsWith(rule.strip)) continue;
      sink(rule.add + word.slice(rule.strip.length));
    }
  }
}

/** Expands one dictionary line ("stem/FLAGS") into all of its forms, the stem first. */
export function expandEntry(affixes: AffixFile, line: string, skipFlags: ReadonlySet<string>): ExpandedForm[] {
  const slash = line.indexOf('/');
  const stem = slash < 0 ? line : line.slice(0, slash);
  const flags = slash < 0 ? '' : line.slice(slash + 1);
  const forms: ExpandedForm[] = [{ word: stem, suffixFlag: '' }];

  applySuffixes(affixes, stem, flags, skipFlags, 0, (form) => forms.push(form));

  // Prefixes apply to the stem, and to suffixed forms when both classes allow cross products.
  const suffixed = forms.slice(1);
  applyPrefixes(affixes, stem, stem, flags, skipFlags, false, (prefixed) => forms.push({ word: prefixed, suffixFlag: '' }));
  for (const form of suffixed) {
    const suffixClass = affixes.classes.get(form.suffixFlag);
    if (!suffixClass?.crossProduct) continue;
    applyPrefixes(affixes, stem, form.word, flags, skipFlags, true, (prefixed) => forms.push({ word: prefixed, suffixFlag: form.suffixFlag }));
  }
  return forms;
}
