/**
 * Verb forms with enclitic pronouns ("precisarme", "infórmele", "envíenosla").
 * Instead of listing every combination, the engine strips up to two pronouns and
 * looks up the verb form they attach to: an infinitive, gerund or imperative that
 * the word list marks as a host. It then rebuilds the word with the accent where
 * the spelling rules put it. The stress stays on the verb's syllable, so the
 * written accent appears when two or more syllables follow it ("informe" + "le" →
 * "infórmele", "informar" + "le" → "informarle").
 */
import { accentSlot, stressedNucleus, syllableNuclei, withAccentAt, withoutAccents } from '../syllables';

const OBJECT_PRONOUNS = ['los', 'las', 'les', 'lo', 'la', 'le'] as const;
const FIRST_PRONOUNS = ['nos', 'me', 'te', 'se', 'os'] as const;

/** A way to read the word as host + pronouns. */
export interface Split {
  base: string;
  pronouns: string[];
}

/** Lists the readings of a word as a verb form followed by one or two pronouns, longest pronoun chain first. */
export function splitPronouns(word: string): Split[] {
  const splits: Split[] = [];
  const singles = [...OBJECT_PRONOUNS, ...FIRST_PRONOUNS];

  for (const second of OBJECT_PRONOUNS) {
    if (!word.endsWith(second)) continue;
    const rest = word.slice(0, -second.length);
    for (const first of FIRST_PRONOUNS) {
      if (rest.endsWith(first) && rest.length - first.length >= 2) splits.push({ base: rest.slice(0, -first.length), pronouns: [first, second] });
    }
  }
  for (const pronoun of singles) {
    if (word.endsWith(pronoun) && word.length - pronoun.length >= 2) splits.push({ base: word.slice(0, -pronoun.length), pronouns: [pronoun] });
  }
  return splits;
}

/** True when the accent on index marks a hiatus ("oír", "reír") and so stays whatever the stress. */
function isHiatusAccent(word: string, index: number): boolean {
  const char = word[index];
  if (char !== 'í' && char !== 'ú') return false;
  return /[aeo]/.test(word[index - 1] ?? '') || /[aeo]/.test(word[index + 1] ?? '');
}

/** Builds the spelling of host + pronouns with the accent the rules require. */
export function attachPronouns(host: string, pronouns: readonly string[]): string {
  const nuclei = syllableNuclei(host);
  const stressed = stressedNucleus(host, nuclei);
  let plain = '';
  for (let index = 0; index < host.length; index += 1) plain += isHiatusAccent(host, index) ? host[index] : withoutAccents(host[index]!);

  // "informemos" + "nos" loses its s, "informad" + "os" its d.
  if (pronouns[0] === 'nos' && plain.endsWith('mos')) plain = plain.slice(0, -1);
  if (pronouns[0] === 'os' && plain.endsWith('d') && plain !== 'id') {
    plain = plain.slice(0, -1);
    // "decidid" + "os" is "decidíos": the i and o are in hiatus and the i takes the accent.
    if (plain.endsWith('i')) return `${plain.slice(0, -1)}í${pronouns.join('')}`;
  }

  const following = nuclei.length - 1 - stressed + pronouns.length;
  const nucleus = nuclei[stressed];
  if (following >= 2 && nucleus) plain = withAccentAt(plain, accentSlot(plain, nucleus));
  return plain + pronouns.join('');
}

/** A reading of a word as a verb form with enclitic pronouns. */
export interface EncliticReading {
  /** True when the word is spelled as the rules require. */
  correct: boolean;
  /** The correct spelling, for example "infórmele" for "informele". */
  expected: string;
  /** The verb form the pronouns attach to, for example "informe". */
  host: string;
}

/**
 * Reads a lowercase word as host + pronouns. isHost returns whether a form is a verb
 * form that takes enclitics. Returns undefined when no reading exists.
 */
export function readEnclitic(word: string, isHost: (form: string) => boolean): EncliticReading | undefined {
  let fallback: EncliticReading | undefined;

  for (const { base, pronouns } of splitPronouns(word)) {
    const plainBase = withoutAccents(base);
    const hosts = new Set([base, plainBase]);
    // A host may carry a hiatus accent that the writer left out ("envie" for "envíe"), or
    // be an irregular imperative whose accent the pronoun removes ("compón" → "componte").
    // Other accented hosts ("informé") took pronouns only in old Spanish.
    const lastVowel = plainBase.search(/[aeiou][^aeiou]*$/);
    for (let index = 0; index < plainBase.length; index += 1) {
      const char = plainBase[index];
      if (char === 'i' || char === 'u' || (index === lastVowel && plainBase.endsWith('n'))) hosts.add(withAccentAt(plainBase, index));
    }
    if (pronouns[0] === 'nos') hosts.add(`${plainBase}s`);
    if (pronouns[0] === 'os') hosts.add(`${plainBase}d`);

    for (const host of hosts) {
      if (!isHost(host)) continue;
      const expected = attachPronouns(host, pronouns);
      if (expected === word) return { correct: true, expected, host };
      fallback ??= { correct: false, expected, host };
    }
  }
  return fallback;
}
