/**
 * Leadership-change detection. Pure: no I/O, no clock, no randomness.
 * compileWatchlist() once, then detect() per item: read the item (read.ts: fold, language, cues,
 * names, sentences), drop items that are not news of a change (itemKilled), build events
 * (events.ts: attach, type, succession, organisation), merge them per person and type.
 */

import type { DetectedEvent, DetectInput, Watchlist } from '../core/types.ts';
import { type Ctx, hasMarker, markersIn, type RawEvent } from './context.ts';
import { pendingEvents, toRawEvents } from './events.ts';
import { compiledLexicons } from './lexcompile.ts';
import { type CompiledWatchlist, readItem } from './read.ts';
import { findRoles, roleOf } from './role.ts';
import { latinName } from './romanise.ts';
import type { Sentence } from './segment.ts';
import { compileNames } from './watchlist.ts';

export type { CompiledWatchlist } from './read.ts';

export function compileWatchlist(w: Watchlist): CompiledWatchlist {
  return { names: compileNames(w), lexicons: compiledLexicons() };
}

const TOPIC_KILL = ['funding', 'product', 'lawsuit', 'award', 'anniversary'] as const;

export function detect(input: DetectInput, wl: CompiledWatchlist): DetectedEvent[] {
  const read = readItem(input, wl);
  if (!read) return [];
  const { ctx, lexes, raw, lang } = read;
  if (itemKilled(ctx)) return [];
  const raws = toRawEvents(ctx, pendingEvents(ctx, lexes));
  if (raws.length === 0) return [];
  if (titleGate(ctx, raws)) return [];
  const f = ctx.f;
  const titles = findRoles(f, ctx.orgs);
  return merge(ctx, raws).map((e) => ({
    person: e.name,
    ...latinOf(e, lang, wl),
    org: e.org,
    type: e.type,
    role: roleOf(ctx, titles, e),
    destination: e.destination,
    evidence: f.orig.slice(f.map[e.evidence.start], f.map[e.evidence.end] ?? raw.length).trim(),
    confidence: e.confidence,
    lang,
  }));
}

/** A Latin form beside a name in its own script (watchlist people are named in Latin already). */
function latinOf(e: RawEvent, lang: string | null, wl: CompiledWatchlist): { latin?: string } {
  const latin = e.person < 0 ? latinName(e.name, lang, wl.names) : null;
  return latin ? { latin } : {};
}

/** Nouns for a company, in the lexicons' languages: an item that uses one is about business. */
const COMPANY_WORD =
  /(?:^|[^\p{L}])(?:groupe|entreprise|societe|empresa|companhia|compania|azienda|societa|konzern|unternehmen|bedrijf|concern|company|firm|gruppo|grupo|fabricant|fabricante|constructeur|costruttore|autobauer|hersteller|petroleira|multinacional|multinational|multinationale|perusahaan)(?:[^\p{L}]|$)/u;

function itemKilled(ctx: Ctx): boolean {
  const head = ctx.sentences.filter((s) => s.part === 0 || s.idx <= 3);
  const headEnd = head.length > 0 ? (head[head.length - 1] as Sentence).end : 0;
  const inTitle = (k: Parameters<typeof hasMarker>[1]): boolean => hasMarker(ctx, k, 0, ctx.titleEnd);
  if (inTitle('obituary') || inTitle('jobad') || inTitle('denial')) return true;
  const knownOrg = ctx.orgs.some((o) => o.known);
  const watchPerson = ctx.persons.some((p) => p.person >= 0);
  if (hasMarker(ctx, 'sports', 0, headEnd) && !knownOrg && !watchPerson) return true;
  // A word for a company is corporate evidence too ("le groupe", "da empresa"): the marker scan gives
  // each word one kind, so such words are often recorded as companyNoun and never as corporate.
  const corporate = hasMarker(ctx, 'corporate', 0, headEnd) || COMPANY_WORD.test(ctx.text.slice(0, headEnd));
  if (hasMarker(ctx, 'politics', 0, headEnd) && !knownOrg && !corporate && !roleAtCompany(ctx, headEnd)) return true;
  return false;
}

const STATE_BODY =
  /^ \S+ (?:Rep[uú]bli|R[eé]publi|Repubbli|Na[cç][aã]o|Nation|Naci[oó]n|Estado|State|Stato|[EÉ]tat|Reino|Kingdom|Senad|Senat|C[aâá]mar|Camera|Assembl|Parl|Congres|Bundes|Land|Region|Regi[aã]o|Provinc|Prov[ií]ncia|Comune|Municip|Prefeitura|Ayuntamiento|Governo|Gobierno|Government|Governatore|Stadt|Consiglio|Conseil|Consejo|Conselho|Council|Minist|Cabinet|Gabinet|Partido|Partito|Parti|Party|Partei)/u;

/** "do cargo de presidente da Petrobras", "CEO of Velora": a role held at a named body is business. */
function roleAtCompany(ctx: Ctx, headEnd: number): boolean {
  return markersIn(ctx, 'role', 0, headEnd).some((m) => {
    const o = ctx.f.map[m.end] ?? 0;
    const after = ctx.f.orig.slice(o, o + 24);
    return /^ (?:of|at|de|da|do|di|del|della|von|vom|des|du|van|bij) \p{Lu}\p{Ll}/u.test(after) && !STATE_BODY.test(after);
  });
}

function titleGate(ctx: Ctx, raws: RawEvent[]): boolean {
  if (raws.some((r) => r.inTitle)) return false;
  return TOPIC_KILL.some((k) => hasMarker(ctx, k, 0, ctx.titleEnd));
}

/** Were two events told in one sentence (each event's first report)? */
function sameSentence(ctx: Ctx, a: RawEvent, b: RawEvent): boolean {
  const sa = ctx.sentences.find((x) => (a.cues[0]?.start ?? -1) >= x.start && (a.cues[0]?.start ?? -1) < x.end);
  return !!sa && (b.cues[0]?.start ?? -1) >= sa.start && (b.cues[0]?.start ?? -1) < sa.end;
}

function merge(ctx: Ctx, raws: RawEvent[]): RawEvent[] {
  const key = (r: RawEvent): string => (r.person >= 0 ? `#${r.person}` : r.name.toLowerCase());
  const byKey = new Map<string, RawEvent>();
  const order: string[] = [];
  for (const r of raws) {
    const k = `${key(r)}|${r.type}`;
    const prev = byKey.get(k);
    if (!prev) {
      byKey.set(k, { ...r, cues: [...r.cues] });
      order.push(k);
      continue;
    }
    prev.org ??= r.org;
    prev.destination ??= r.destination;
    prev.cues.push(...r.cues);
    prev.confidence = Math.min(0.99, Math.max(prev.confidence, r.confidence) + 0.03);
  }
  const out = order.map((k) => byKey.get(k) as RawEvent);
  const drop = new Set<RawEvent>();
  for (const e of out) {
    const same = out.filter((x) => key(x) === key(e) && x !== e);
    if (e.type === 'joined') {
      for (const d of same) {
        if (d.type === 'departure' && (!d.org || d.org !== e.destination)) {
          drop.add(d);
          e.org ??= d.org;
        }
      }
    }
    if (e.type === 'departure' && !drop.has(e) && e.org) {
      const ap = same.find((x) => x.type === 'appointed' && x.org && x.org !== e.org);
      const joined = same.some((x) => x.type === 'joined');
      if (ap && !joined && !ap.inTitle === !e.inTitle && ctx.orgs.some((o) => o.name === ap.org)) {
        drop.add(ap);
        e.type = 'joined';
        e.destination = ap.org;
      }
    }
    // "Velora CEO out" in the headline, "removed by the board" in the body: one exit, told as a firing.
    // (Stripped of one post and quitting another in one sentence are two changes.)
    // ("muss gehen und wird durch Y ersetzt": being replaced is the same exit as the firing.)
    const handover = e.cues.some((c) => ctx.cues.some((k) => k.start === c.start && k.flags.includes('%')));
    const oneExit = (x: RawEvent): boolean => x.type === 'fired' && (handover || !sameSentence(ctx, x, e));
    if (e.type === 'departure' && !drop.has(e) && same.some(oneExit)) drop.add(e);
    if (e.type === 'leave' && ctx.isPost && e.firstPerson && same.some((x) => x.type === 'departure')) drop.add(e);
    // "Microsoft hires X to run its new group": the role comes with the move (or with the company X
    // founds), and a second card saying X was named to a role would tell the same news wrongly.
    if (e.type === 'appointed' && same.some((x) => x.type === 'joined' || x.type === 'founded')) drop.add(e);
    // "returns as CEO" in one sentence is the return, not also an appointment.
    const within = (x: RawEvent) => x.evidence.start < e.evidence.end && e.evidence.start < x.evidence.end;
    if (e.type === 'appointed' && same.some((x) => x.type === 'reinstated' && within(x))) drop.add(e);
  }
  return out.filter((e) => !drop.has(e));
}
