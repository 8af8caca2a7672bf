/**
 * Song titles and artist names built from the word pools, with the shapes measured in the real
 * catalog: median three words per title, ~17% with a parenthesised version tag, a few common
 * titles ("Intro") repeated across artists, ~6% with accented letters, ~0.13% that are JSON numbers.
 */
import type { Rng } from './random.ts';
import { WeightedChoice } from './random.ts';
import {
  ADJECTIVES,
  ARTIST_FIRST_NAMES,
  ARTIST_PREFIXES,
  BAND_NOUNS,
  BAND_PLURALS,
  COMMON_TITLES,
  CREDIT_JOINERS,
  FIRST_NAMES_FEMALE,
  FIRST_NAMES_MALE,
  FOREIGN_ARTICLES,
  FOREIGN_WORDS,
  LAST_NAMES,
  NOUNS,
  OBJECTS,
  PARTICLES,
  POSSESSIVES,
  PREPOSITIONS,
  PRONOUNS,
  SYLLABLES,
  TITLE_SUFFIXES,
  VERBS,
} from './words.ts';

const NUMERIC_TITLE_RATE = 0.0013;
const COMMON_TITLE_RATE = 0.012;
const FOREIGN_TITLE_RATE = 0.035;
const SUFFIX_RATE = 0.17;

type TitleShape = (rng: Rng) => string;

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const TITLE_SHAPES = new WeightedChoice<TitleShape>([
  [(r) => r.pick(NOUNS), 2.5],
  [(r) => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`, 10],
  [(r) => `The ${r.pick(NOUNS)}`, 2.5],
  [(r) => `${r.pick(VERBS)} ${r.pick(PARTICLES)}`, 2],
  [(r) => `${r.pick(VERBS)} ${r.pick(OBJECTS)}`, 2],
  [(r) => `${r.pick(PRONOUNS)} ${r.pick(VERBS)} ${r.pick(OBJECTS)}`, 3],
  [(r) => `${r.pick(POSSESSIVES)} ${r.pick(NOUNS)}`, 3],
  [(r) => `${r.pick(POSSESSIVES)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`, 10],
  [(r) => `${r.pick(NOUNS)} ${prepositionCase(r, r.pick(PREPOSITIONS))} ${r.pick(NOUNS)}`, 8],
  [(r) => `${r.pick(NOUNS)} ${prepositionCase(r, r.pick(PREPOSITIONS))} ${prepositionCase(r, 'the')} ${r.pick(NOUNS)}`, 8],
  [(r) => `Don't ${r.pick(VERBS)} ${r.pick(OBJECTS)}`, 1],
  [(r) => `${r.pick(NOUNS)} & ${r.pick(NOUNS)}`, 4],
  [(r) => `${r.pick(VERBS)} the ${r.pick(NOUNS)}`, 5],
  [(r) => `The ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`, 8],
  [(r) => `${r.pick(NOUNS)} ${r.pick(NOUNS)}`, 4],
  [(r) => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} ${r.pick(PREPOSITIONS)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`, 3],
  [(r) => `${r.pick(VERBS)} ${r.pick(POSSESSIVES)} ${r.pick(NOUNS)}`, 4],
  [(r) => `${r.pick(PRONOUNS)} ${r.pick(VERBS)} ${r.pick(POSSESSIVES)} ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} ${r.pick(PREPOSITIONS)} ${r.pick(NOUNS)}`, 3],
  [(r) => `When the ${r.pick(NOUNS)} ${r.pick(VERBS)}s ${r.pick(PARTICLES)}`, 2],
  [(r) => `Why Do You ${r.pick(VERBS)}?`, 1],
  [(r) => `Is That ${r.pick(NOUNS)}?`, 1],
  [(r) => `${r.pick(NOUNS)}, Pt. ${1 + r.int(3)}`, 1],
  [(r) => `Theme From "${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}"`, 0.5],
  [(r) => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)} Blues`, 1],
]);

function prepositionCase(rng: Rng, word: string): string {
  return rng.chance(0.5) ? capitalize(word) : word;
}

function foreignTitle(rng: Rng): string {
  const shape = rng.int(5);
  const w1 = rng.pick(FOREIGN_WORDS);
  const w2 = rng.pick(FOREIGN_WORDS);
  if (shape === 0) return `${rng.pick(FOREIGN_ARTICLES)} ${w1}`;
  if (shape === 1) return `${capitalize(w1)} de ${w2}`;
  if (shape === 2) return `${rng.pick(FOREIGN_ARTICLES)} ${w1} ${w2}`;
  if (shape === 3) return `${rng.pick(FOREIGN_ARTICLES)} ${w1} de ${rng.pick(FOREIGN_ARTICLES).toLowerCase()} ${w2}`;
  return `${capitalize(w1)} ${rng.pick(NOUNS).toLowerCase()}`;
}

function suffix(rng: Rng): string {
  const kind = rng.float();
  if (kind < 0.12) return `(${1990 + rng.int(20)} Digital Remaster)`;
  if (kind < 0.2) return `(feat. ${personName(rng)})`;
  return rng.pick(TITLE_SUFFIXES);
}

/** A song title; rarely a JSON number, as in the real catalog. */
export function songTitle(rng: Rng): string | number {
  const kind = rng.float();
  if (kind < NUMERIC_TITLE_RATE) {
    const n = rng.chance(0.5) ? 1 + rng.int(99) : 100 + rng.int(2100);
    return rng.chance(0.1) ? n + (1 + rng.int(9)) / 10 : n;
  }
  if (kind < NUMERIC_TITLE_RATE + COMMON_TITLE_RATE) return rng.pick(COMMON_TITLES);
  let title = kind < NUMERIC_TITLE_RATE + COMMON_TITLE_RATE + FOREIGN_TITLE_RATE ? foreignTitle(rng) : TITLE_SHAPES.sample(rng)(rng);
  const style = rng.float();
  if (style < 0.02) title = title.toUpperCase();
  else if (style < 0.12) title = title.charAt(0) + title.slice(1).toLowerCase();
  if (rng.chance(SUFFIX_RATE)) title = `${title} ${suffix(rng)}`;
  return title;
}

export function personName(rng: Rng): string {
  const first = rng.chance(0.1) ? rng.pick(ARTIST_FIRST_NAMES) : rng.chance(0.5) ? rng.pick(FIRST_NAMES_FEMALE) : rng.pick(FIRST_NAMES_MALE);
  return `${first} ${rng.pick(LAST_NAMES)}`;
}

function inventedWord(rng: Rng): string {
  const n = 2 + rng.int(3);
  let word = '';
  for (let i = 0; i < n; i++) word += rng.pick(SYLLABLES);
  return capitalize(word);
}

type NameShape = (rng: Rng) => string;

const NAME_SHAPES = new WeightedChoice<NameShape>([
  [personName, 30],
  [(r) => `The ${r.pick(BAND_PLURALS)}`, 9],
  [(r) => `The ${r.pick(ADJECTIVES)} ${r.pick(BAND_PLURALS)}`, 8],
  [(r) => `${r.pick(ADJECTIVES)} ${r.pick(BAND_PLURALS)}`, 6],
  [(r) => `${r.pick(NOUNS)} ${r.pick(BAND_PLURALS)}`, 4],
  [inventedWord, 12],
  [(r) => `${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`, 6],
  [(r) => r.pick(NOUNS), 2],
  [(r) => `${personName(r)} ${r.pick(BAND_NOUNS)}`, 3],
  [(r) => `The ${r.pick(LAST_NAMES)} ${r.pick(BAND_NOUNS)}`, 3],
  [(r) => `${r.pick(NOUNS)} ${r.pick(BAND_NOUNS)}`, 3],
  [(r) => `${r.pick(ARTIST_PREFIXES)} ${r.chance(0.5) ? inventedWord(r) : r.pick(NOUNS)}`, 5],
  [(r) => `${personName(r)} & The ${r.pick(BAND_PLURALS)}`, 3],
  [(r) => `${inventedWord(r)} ${inventedWord(r)}`, 3],
  [(r) => `${personName(r)}${r.pick(CREDIT_JOINERS)}${personName(r)}`, 3],
  [
    (r) =>
      inventedWord(r)
        .toUpperCase()
        .slice(0, 3 + r.int(2)),
    1,
  ],
  [(r) => `${r.pick(NOUNS).charAt(0)}.${r.pick(NOUNS).charAt(0)}.${r.pick(NOUNS).charAt(0)}.`, 1],
]);

/** An artist's main name (text; numeric names are decided by the caller at artist level). */
export function artistName(rng: Rng): string {
  return NAME_SHAPES.sample(rng)(rng);
}

/** Another credit for the same artist id, like "X featuring Y", "X / Y", "Last_ First". */
export function creditVariant(base: string, rng: Rng): string {
  const kind = rng.float();
  if (kind < 0.6) return `${base}${rng.pick(CREDIT_JOINERS)}${rng.chance(0.6) ? personName(rng) : artistName(rng)}`;
  if (kind < 0.7) return base.startsWith('The ') ? base.slice(4) : `The ${base}`;
  if (kind < 0.8) {
    const space = base.lastIndexOf(' ');
    if (space > 0) return `${base.slice(space + 1)}_ ${base.slice(0, space)}`;
  }
  if (kind < 0.9) return `${base} & The ${rng.pick(BAND_PLURALS)}`;
  return `${base} ${rng.pick(BAND_NOUNS)}`;
}
