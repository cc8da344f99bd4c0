import type { ChangeType } from '../../core/types.ts';

/**
 * A per-language lexicon. Every pattern is a regular-expression fragment over FOLDED text
 * (lowercase, no accents, straight apostrophes, '-' for dashes).
 *
 * Cue patterns may start with flag characters:
 *  ~  ambiguous verb: needs an organisation, company noun or role noun as its object
 *     (right side) or an organisation just before it ("leaves" vs "leaves turn").
 *  >  transitive, active: the person is normally AFTER the cue ("ousts X", "names X").
 *  #  noun cue: attaches only tightly ("X's departure", "la démission de X", "his exit").
 *  <  for joined/founded: the destination is the organisation BEFORE the cue ("Microsoft hires X").
 *  +  needs a role noun right after it ("becomes CEO", "diventa amministratore delegato").
 *  *  applies to every person after it in the sentence ("following the path of X and Y").
 *  @  first-person only: fires only with a first-person subject ("career update").
 *  !  weak cue: lower confidence.
 *  %  succession, passive: the subject leaves and the person after the cue takes over
 *     ("X wird durch Y ersetzt", "X sarà sostituito da Y", "X digantikan oleh Y").
 *  ^  succession, active: the subject takes over from the person after (or inside) the cue, who leaves
 *     ("X löst Y ab", "X volgt Y op", "X remplace Y").
 *  =  successor noun: names the one who takes over, right after it ("Nachfolger Oliver Blume",
 *     "後任の社長は…エスピノーサ氏"); its owner ("his successor", "il successore di X") gets nothing.
 */
export type CueTable = Partial<Record<ChangeType, string[]>>;

export const MARKER_KINDS = [
  // sentence/clause level suppressors
  'speculation',
  'negation',
  'retro',
  'relative',
  'pluperfect',
  'afterGerund',
  'travel',
  'policy',
  // attachment helpers
  'firstPerson',
  'pronoun',
  'pluralPronoun',
  'objectPronoun',
  'possessive',
  'conj',
  'genitive',
  'rival',
  'companion',
  'destPrep',
  'role',
  'companyNoun',
  'boardNoun',
  'interim',
  // item topics (title gate and item kills)
  'funding',
  'product',
  'lawsuit',
  'award',
  'obituary',
  'anniversary',
  'jobad',
  'sports',
  'politics',
  'denial',
  'corporate',
  'foundedPast',
] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export interface Lexicon {
  lang: string;
  /** Script without spaces: no word boundaries around patterns. */
  cjk?: boolean;
  cues: CueTable;
  markers: Partial<Record<MarkerKind, string[]>>;
}
