/** Per-item analysis context and small positional helpers. */
import type { ChangeType } from '../core/types.ts';
import type { Folded } from './fold.ts';
import type { Cue, Marker } from './lexcompile.ts';
import type { MarkerKind } from './lexicon/types.ts';
import type { OrgMention, PersonMention } from './mentions.ts';
import type { Sentence, Span } from './segment.ts';
import type { CompiledNames } from './watchlist.ts';

export interface Author {
  person: number;
  name: string;
}

export interface Ctx {
  f: Folded;
  text: string;
  lower: boolean;
  /** Distance weight: CJK text packs more meaning per character. */
  w: number;
  cjk: boolean;
  sentences: Sentence[];
  persons: PersonMention[];
  orgs: OrgMention[];
  cues: Cue[];
  markers: Marker[];
  names: CompiledNames;
  author: Author | null;
  isPost: boolean;
  titleEnd: number;
  /** Publication year of the item, when known: picks the organisation a person was at then. */
  year: number | null;
}

export interface RawEvent {
  person: number;
  name: string;
  type: ChangeType;
  org: string | null;
  destination: string | null;
  evidence: Span;
  /** The words of the change ("resigns", "nommée"), one per report of it in the item: a title right after them is the role. */
  cues: Span[];
  confidence: number;
  inTitle: boolean;
  firstPerson: boolean;
}

export function sentenceAt(ctx: Ctx, pos: number): Sentence | undefined {
  const list = ctx.sentences;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid] as Sentence;
    if (pos < s.start) hi = mid - 1;
    else if (pos >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

export function clauseAt(s: Sentence, pos: number): Span {
  for (const c of s.clauses) if (pos >= c.start && pos < c.end) return c;
  return s;
}

export function markersIn(ctx: Ctx, kind: MarkerKind, start: number, end: number): Marker[] {
  const out: Marker[] = [];
  for (const m of ctx.markers) {
    if (m.start >= end) break;
    if (m.kind === kind && m.start >= start && m.end <= end) out.push(m);
  }
  return out;
}

export function hasMarker(ctx: Ctx, kind: MarkerKind, start: number, end: number): boolean {
  for (const m of ctx.markers) {
    if (m.start >= end) break;
    if (m.kind === kind && m.start >= start && m.end <= end) return true;
  }
  return false;
}

export function personsIn(ctx: Ctx, start: number, end: number): PersonMention[] {
  return ctx.persons.filter((p) => p.start >= start && p.end <= end);
}

export function orgsIn(ctx: Ctx, start: number, end: number): OrgMention[] {
  return ctx.orgs.filter((o) => o.start >= start && o.end <= end);
}

export function cueBetween(ctx: Ctx, start: number, end: number, except: Cue): boolean {
  for (const c of ctx.cues) if (c !== except && c.start >= start && c.start < end) return true;
  return false;
}
