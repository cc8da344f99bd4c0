/** Compiles lexicons into one alternation regex for cues and one for markers, per language. */
import { CHANGE_TYPES, type ChangeType } from '../core/types.ts';
import { fold } from './fold.ts';
import { LEXICONS } from './lexicon/index.ts';
import { type Lexicon, MARKER_KINDS, type MarkerKind } from './lexicon/types.ts';

export interface CueGroup {
  type: ChangeType;
  flags: string;
}

export interface CompiledLexicon {
  lang: string;
  cjk: boolean;
  cueRe: RegExp;
  cueGroups: CueGroup[];
  markerRe: RegExp;
  markerGroups: MarkerKind[];
}

export interface Cue {
  start: number;
  end: number;
  type: ChangeType;
  flags: string;
  lang: string;
}

export interface Marker {
  start: number;
  end: number;
  kind: MarkerKind;
}

const FLAG_CHARS = '~><#+*@!%^=';

function source(p: string): string {
  // Lexicons are written with plain groups; make them non-capturing, \w Unicode-aware, and folded.
  return fold(p)
    .replace(/\\w/g, '\\p{L}')
    .replace(/\((?!\?)/g, '(?:');
}

function wrap(alts: string[], cjk: boolean): string {
  const body = alts.join('|');
  if (cjk) return `(${body})`;
  return `(${body})`;
}

function build(groups: string[], cjk: boolean): RegExp {
  const inner = groups.join('|');
  if (cjk) return new RegExp(inner, 'gu');
  const w = '\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Arabic}\\p{Script=Devanagari}\\p{N}';
  // A word starts where no letter precedes it; a pattern that starts with punctuation (", die") may follow one.
  return new RegExp(`(?:(?<![${w}])|(?=[^${w}]))(?:${inner})(?:(?<=['\\s:])|(?![${w}]))`, 'gu');
}

export function compileLexicon(lex: Lexicon): CompiledLexicon {
  const cjk = !!lex.cjk;
  // One group per pattern, longest source first, so "stepping away for a bit" beats "stepping away".
  const alts: { group: CueGroup; src: string }[] = [];
  for (const type of CHANGE_TYPES) {
    for (const raw of lex.cues[type] ?? []) {
      let i = 0;
      while (i < raw.length && FLAG_CHARS.includes(raw[i] as string)) i++;
      alts.push({ group: { type, flags: raw.slice(0, i) }, src: source(raw.slice(i)) });
    }
  }
  alts.sort((a, b) => b.src.length - a.src.length);
  const cueGroups = alts.map((a) => a.group);
  const cueSrc = alts.map((a) => wrap([a.src], cjk));
  const markerGroups: MarkerKind[] = [];
  const markerSrc: string[] = [];
  for (const kind of MARKER_KINDS) {
    const list = lex.markers[kind];
    if (!list || list.length === 0) continue;
    markerGroups.push(kind);
    markerSrc.push(wrap(list.map(source), cjk));
  }
  return {
    lang: lex.lang,
    cjk,
    cueRe: build(cueSrc, cjk),
    cueGroups,
    markerRe: build(markerSrc, cjk),
    markerGroups,
  };
}

let compiled: Map<string, CompiledLexicon> | null = null;

/** All lexicons, compiled once per process. */
export function compiledLexicons(): Map<string, CompiledLexicon> {
  if (!compiled) {
    compiled = new Map();
    for (const [lang, lex] of Object.entries(LEXICONS)) compiled.set(lang, compileLexicon(lex));
  }
  return compiled;
}

export function findCues(lex: CompiledLexicon, text: string, out: Cue[]): void {
  const re = lex.cueRe;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    for (let g = 0; g < lex.cueGroups.length; g++) {
      if (m[g + 1] === undefined) continue;
      const info = lex.cueGroups[g] as CueGroup;
      out.push({ start: m.index, end: m.index + m[0].length, type: info.type, flags: info.flags, lang: lex.lang });
      break;
    }
  }
}

export function findMarkers(lex: CompiledLexicon, text: string, out: Marker[]): void {
  const re = lex.markerRe;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    for (let g = 0; g < lex.markerGroups.length; g++) {
      if (m[g + 1] === undefined) continue;
      out.push({ start: m.index, end: m.index + m[0].length, kind: lex.markerGroups[g] as MarkerKind });
      break;
    }
  }
}
