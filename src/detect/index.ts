/**
 * Leadership-change detection. Pure: no I/O, no clock, no randomness.
 * compileWatchlist() once, then detect() per item.
 */

import type { ChangeType, DetectedEvent, DetectInput, Watchlist } from '../core/types.ts';
import { objectOk, suppressed, type Target, targetsFor } from './attach.ts';
import { type Author, type Ctx, clauseAt, hasMarker, markersIn, type RawEvent, sentenceAt } from './context.ts';
import { foldMapped, isLowercaseText } from './fold.ts';
import { guessLanguage } from './langid.ts';
import { findRoles, roleOf } from './role.ts';
import { type CompiledLexicon, type Cue, compiledLexicons, findCues, findMarkers, type Marker } from './lexcompile.ts';
import { findMentions, tokenize } from './mentions.ts';
import { boardContext, destinationFor, isBoomerang, orgFor, roleAfter } from './orgsel.ts';
import { type Sentence, splitSentences } from './segment.ts';
import { otherParty } from './succession.ts';
import { type CompiledNames, compileNames } from './watchlist.ts';

export interface CompiledWatchlist {
  names: CompiledNames;
  lexicons: Map<string, CompiledLexicon>;
}

export function compileWatchlist(w: Watchlist): CompiledWatchlist {
  return { names: compileNames(w), lexicons: compiledLexicons() };
}

const POST_PREFIX = /^(?:pinned:\s*|rt by @\w+:\s*|r to @\w+:\s*)+/i;
const HANDLE_NOISE = new Set([
  'ai',
  'ml',
  'dev',
  'es',
  'it',
  'fr',
  'de',
  'official',
  'hq',
  'io',
  'tech',
  'news',
  'x',
  'app',
  'real',
  'the',
]);

function authorOf(handle: string | null | undefined, names: CompiledNames): Author | null {
  if (!handle) return null;
  const h = handle.replace(/^@/, '').toLowerCase();
  const p = names.handles.get(h);
  if (p !== undefined) return { person: p, name: names.people[p]?.name ?? h };
  const parts = h.split(/[_.\d]+/).filter((t) => t.length > 1 && !HANDLE_NOISE.has(t));
  if (parts.length === 0) return null;
  return { person: -1, name: parts.map((t) => t[0]?.toUpperCase() + t.slice(1)).join(' ') };
}

function pickLexicons(wl: CompiledWatchlist, code: string, guessed: string | null, text: string): CompiledLexicon[] {
  const out: CompiledLexicon[] = [];
  const add = (l: string): void => {
    const lex = wl.lexicons.get(l);
    if (lex && !out.includes(lex)) out.push(lex);
  };
  // The text's own language first: a channel-level tag is often wrong for the item.
  if (guessed) add(guessed);
  if (wl.lexicons.has(code)) add(code);
  // Only when the text's own language is unclear does every lexicon get a say: each costs a scan of
  // the whole text, and a long article in one language gains nothing from the other eleven.
  if (guessed === null) for (const l of wl.lexicons.keys()) add(l);
  if (/[\uac00-\ud7af]/.test(text)) add('ko');
  if (/[\u3040-\u30ff]/.test(text)) add('ja');
  else if (/[\u4e00-\u9fff]/.test(text)) add('zh');
  add('en');
  return out;
}

function composeText(input: DetectInput): { text: string; titleLen: number } {
  const title = (input.title ?? '').replace(POST_PREFIX, '').trim();
  const summary = (input.summary ?? '').replace(POST_PREFIX, '').trim();
  const body = (input.body ?? '').trim();
  const parts = [title];
  const squash = (s: string): string => s.replace(/\s+/g, ' ').slice(0, 120);
  if (summary && summary !== title && !(body && squash(body).includes(squash(summary).slice(0, 80))))
    parts.push(summary);
  if (body && body !== title) parts.push(body);
  return { text: parts.join('\n\n'), titleLen: title.length };
}

/**
 * Does a capitalised word pair look like a person because of what surrounds it: a change cue close by
 * in the same sentence, or a role noun next to it ("CFO Radomir Kvasnicka", "X, chief operating officer")?
 */
function nameHint(text: string, cues: Cue[], roles: Marker[], start: number, end: number): boolean {
  const plain = (a: number, b: number): boolean => !/[.!?\n]/.test(text.slice(a, b));
  for (const c of cues) {
    // A name inside a cue is one of its words ("Steps Down"), unless the cue wraps its object ("volgt X op").
    if (c.start < end && start < c.end) return c.flags.includes('^') && start > c.start && end < c.end;
    if (c.start >= end && c.start - end <= 45 && plain(end, c.start)) return true;
    if (c.end <= start && start - c.end <= 40 && plain(c.end, start)) return true;
  }
  for (const m of roles) {
    if (m.start > end + 25) break;
    if (m.end <= start && start - m.end <= 3) return true;
    if (m.start >= end && m.start - end <= 25 && /^,\s|^\s?\(/.test(text.slice(end, end + 3))) return true;
  }
  return false;
}

function yearOf(published: string | null | undefined): number | null {
  const m = /^\s*(\d{4})/.exec(published ?? '');
  return m ? Number(m[1]) : null;
}

const TOPIC_KILL = ['funding', 'product', 'lawsuit', 'award', 'anniversary'] as const;

export function detect(input: DetectInput, wl: CompiledWatchlist): DetectedEvent[] {
  const { text: raw, titleLen } = composeText(input);
  if (!raw.trim()) return [];
  const f = foldMapped(raw);
  const text = f.text;
  let titleEnd = 0;
  while (titleEnd < text.length && (f.map[titleEnd] ?? 0) < titleLen) titleEnd++;
  const lower = isLowercaseText(raw);
  const declared = (input.lang ?? '').toLowerCase().slice(0, 2);
  const guessed = guessLanguage(text);
  const lexes = pickLexicons(wl, declared, guessed, text);
  const cues: Cue[] = [];
  for (const lex of lexes) {
    const found: Cue[] = [];
    findCues(lex, text, found);
    for (const c of found) if (!cues.some((d) => d.start < c.end && c.start < d.end)) cues.push(c);
  }
  // Every change hangs on a cue: most items of a news feed have none, and need nothing more.
  if (cues.length === 0) return [];
  cues.sort((a, b) => a.start - b.start);
  const markers: Marker[] = [];
  for (const lex of lexes) findMarkers(lex, text, markers);
  markers.sort((a, b) => a.start - b.start);

  const isPost = input.kind === 'x_post';
  const author = isPost ? authorOf(input.author, wl.names) : null;
  const tokens = tokenize(text);
  const roles = markers.filter((m) => m.kind === 'role');
  const hint = (start: number, end: number): boolean => nameHint(text, cues, roles, start, end);
  const lang = guessed ?? (declared || null);
  const { persons, orgs } = findMentions(f, lower, wl.names, author?.person ?? -1, tokens, hint, lang);
  const sentences: Sentence[] = [];
  splitSentences(text, 0, titleEnd, 0, sentences);
  splitSentences(text, titleEnd, text.length, 1, sentences);
  const cjkCount = (text.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g) ?? []).length;
  const cjk = cjkCount > text.length * 0.2;
  const ctx: Ctx = {
    f,
    text,
    lower,
    w: cjk ? 3 : 1,
    cjk,
    sentences,
    persons,
    orgs,
    cues,
    markers,
    names: wl.names,
    author,
    isPost,
    titleEnd,
    year: yearOf(input.published),
  };
  if (itemKilled(ctx)) return [];

  interface Pending {
    cue: Cue;
    s: Sentence;
    t: Target;
    type: ChangeType;
    dest: string | null;
    /** Set on the other party of a succession cue ("Y" in "X löst Y ab"). */
    other?: boolean;
  }
  const pending: Pending[] = [];
  const none = new Set<string>();
  for (const cue of cues) {
    const s = sentenceAt(ctx, cue.start);
    if (!s || suppressed(ctx, cue, s)) continue;
    if (cue.lang === 'en' && lexes[0]?.lang !== 'en' && !englishSentence(text, s)) continue;
    if (cue.flags.includes('~') && !objectOk(ctx, cue, s, cue.type === 'founded')) continue;
    if (cue.flags.includes('+') && !hasMarker(ctx, 'role', cue.end, Math.min(s.end, cue.end + 45))) continue;
    if (
      cue.type === 'founded' &&
      cue.flags.includes('<') &&
      !orgs.some((o) => o.end <= cue.start && cue.start - o.end <= 3)
    )
      continue;
    const targets = targetsFor(ctx, cue, s);
    const other = otherParty(ctx, cue, s, targets);
    if (other) {
      const m = other.mention;
      const t = { person: m.person, name: m.name, mention: m, firstPerson: false };
      pending.push({ cue, s, t, type: other.type, dest: null, other: true });
    }
    for (const t of targets) {
      let type: ChangeType = cue.type;
      let dest: string | null = null;
      if (type === 'joined' && boardContext(ctx, cue, s)) type = 'appointed';
      if (
        type === 'joined' &&
        !cue.flags.includes('<') &&
        persons.some((p) => p.start >= cue.end && p.start - cue.end <= 6)
      )
        type = 'appointed';
      if (type === 'departure' && !cue.flags.includes('#')) {
        const moved = leavesFor(ctx, cue, s);
        if (moved) {
          type = 'joined';
          dest = moved;
        }
      }
      if (type === 'joined' && !dest) {
        let d = destinationFor(ctx, cue, s, null);
        if (!d?.explicit) d = destinationFor(ctx, cue, s, orgFor(ctx, cue, s, t.mention, t.person, null, none));
        if (d && !d.explicit && roleAfter(ctx, cue, s)) type = 'appointed';
        else dest = d?.name ?? null;
      }
      if (type === 'founded') dest = foundedName(ctx, cue, s);
      if (type === 'reinstated') {
        const org = orgFor(ctx, cue, s, t.mention, t.person, null, none);
        const back = org ? destinationFor(ctx, { ...cue, flags: '' }, s, org) : null;
        const clause = clauseAt(s, cue.start);
        const close =
          back?.explicit && ctx.orgs.some((o) => o.name === back.name && o.start >= cue.end && o.start < clause.end);
        if (back && close && ctx.orgs.some((o) => o.name === org && o.end <= cue.start && o.start >= clause.start)) {
          type = 'joined';
          dest = back.name;
        } else if (org && t.person >= 0 && isBoomerang(ctx, t.person, org)) {
          type = 'joined';
          dest = org;
        }
      }
      pending.push({ cue, s, t, type, dest });
    }
  }
  dropPredecessorRoles(pending);
  propagateCompanions(ctx, pending);
  const raws: RawEvent[] = [];
  for (const { cue, s, t, type, dest } of pending) {
    const avoid = new Set<string>();
    for (const p of pending) if (p.dest && (p.t.person !== t.person || p.t.name !== t.name)) avoid.add(p.dest);
    const org = orgFor(ctx, cue, s, t.mention, t.person, dest, avoid);
    let conf = 0.55 + (t.person >= 0 ? 0.2 : 0) + (org ? 0.08 : 0) + (s.part === 0 ? 0.1 : 0);
    if (cue.flags.includes('!')) conf -= 0.15;
    if (t.firstPerson && t.person < 0) conf -= 0.1;
    raws.push({
      person: t.person,
      name: t.name,
      type,
      org,
      destination: type === 'joined' || type === 'founded' ? dest : null,
      evidence: evidenceSpan(cue, s),
      cues: [{ start: cue.start, end: cue.end }],
      confidence: Math.max(0.05, Math.min(0.97, Math.round(conf * 100) / 100)),
      inTitle: s.part === 0,
      firstPerson: t.firstPerson,
    });
  }
  if (raws.length === 0) return [];
  if (titleGate(ctx, raws)) return [];
  const titles = findRoles(f, ctx.orgs);
  return merge(ctx, raws).map((e) => ({
    person: e.name,
    org: e.org,
    type: e.type,
    role: roleOf(ctx, titles, e),
    destination: e.destination,
    evidence: f.orig.slice(f.map[e.evidence.start], f.map[e.evidence.end] ?? raw.length).trim(),
    confidence: e.confidence,
    lang: guessed ?? (declared || null),
  }));
}

const EN_WORDS =
  /(?:^|[^a-z'])(?:the|and|of|to|is|was|has|have|with|for|at|from|my|i'm|i've|this|that|after|will|his|her|as)(?=[^a-z']|$)/g;

/** In a non-English item, English cues only count inside English sentences (quotes, embedded posts). */
function englishSentence(text: string, s: Sentence): boolean {
  const hits = new Set(text.slice(s.start, s.end).match(EN_WORDS) ?? []);
  return hits.size >= 3;
}

/** "Avec lui et Brockman, d'autres membres ... sont X, Y et Z": the others share the event. */
function propagateCompanions(
  ctx: Ctx,
  pending: { cue: Cue; s: Sentence; t: Target; type: ChangeType; dest: string | null }[],
): void {
  for (const s of ctx.sentences) {
    const comp = markersIn(ctx, 'companion', s.start, Math.min(s.end, s.start + 24)).filter((m) => m.start <= s.start + 3);
    if (comp.length === 0) continue;
    const comma = ctx.text.indexOf(',', s.start);
    if (comma < 0 || comma > s.end) continue;
    const heads = ctx.persons.filter((p) => p.start >= s.start && p.end <= comma);
    const model = pending.find(
      (e) =>
        heads.some((h) => h.person === e.t.person && h.name === e.t.name) && e.s.idx < s.idx && e.type !== 'appointed',
    );
    if (!model) continue;
    for (const p of ctx.persons.filter((x) => x.start > comma && x.end <= s.end)) {
      if (pending.some((e) => e.t.person === p.person && e.t.name === p.name)) continue;
      pending.push({ ...model, s, t: { person: p.person, name: p.name, mention: p, firstPerson: false } });
    }
  }
}

/**
 * "A 接替 B 出任 CEO", "X replaces Y as CEO": the title after the predecessor is the successor's; the
 * one who leaves does not also get an appointment from a later cue of the same sentence.
 */
function dropPredecessorRoles(
  pending: { cue: Cue; s: Sentence; t: Target; type: ChangeType; other?: boolean }[],
): void {
  const left = pending.filter((p) => p.type === 'departure' && (p.other || p.cue.flags.includes('%')));
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    if (!p || p.other || p.type !== 'appointed') continue;
    const same = (q: { t: Target }): boolean =>
      q.t.person >= 0 ? q.t.person === p.t.person : q.t.name === p.t.name;
    if (left.some((q) => same(q) && q.s === p.s && q.cue.start < p.cue.start)) pending.splice(i, 1);
  }
  // Someone the watchlist does not know who leaves in this item is rarely also appointed in it: such an
  // "appointment" is the old one told as background ("内田社長は2019年に社長に就任して以来", "became CEO in
  // 2021"). Watchlist people keep both (an interim role, then a departure, told in one profile).
  const leaving = (q: { t: Target; type: ChangeType }): boolean =>
    q.t.person < 0 && (q.type === 'departure' || q.type === 'fired');
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    if (!p || p.type !== 'appointed' || p.t.person >= 0) continue;
    if (pending.some((q) => leaving(q) && q.t.name === p.t.name)) pending.splice(i, 1);
  }
  // The predecessor's leaving, when the item already tells it in its own words, is that one.
  for (let i = pending.length - 1; i >= 0; i--) {
    const p = pending[i];
    if (!p?.other || p.type !== 'departure') continue;
    const told = pending.some(
      (q) =>
        !q.other &&
        (q.type === 'departure' || q.type === 'fired') &&
        (q.t.person >= 0 ? q.t.person === p.t.person : q.t.name === p.t.name),
    );
    if (told) pending.splice(i, 1);
  }
}

/** "leaves OpenAI for Anthropic", "lascia OpenAI per la rivale Anthropic". */
function leavesFor(ctx: Ctx, cue: Cue, s: Sentence): string | null {
  const clause = clauseAt(s, cue.start);
  const lim = Math.min(clause.end, cue.end + 45);
  const preps = markersIn(ctx, 'destPrep', cue.end, lim);
  for (const p of preps) {
    const objOrg = ctx.orgs.find((o) => o.start >= cue.end && o.end <= p.start);
    const o = ctx.orgs.find((x) => x.start >= p.end && x.start <= p.end + 25 && x.start < clause.end);
    if (o && o.name !== objOrg?.name) return o.name;
  }
  return null;
}

function foundedName(ctx: Ctx, cue: Cue, s: Sentence): string | null {
  if (cue.flags.includes('<')) {
    const before = ctx.orgs.filter((o) => o.end <= cue.start && o.start >= s.start);
    return before[before.length - 1]?.name ?? null;
  }
  const clause = clauseAt(s, cue.start);
  const lim = cue.end + Math.round(60 / ctx.w);
  const o = ctx.orgs.find((x) => x.start >= cue.end && x.start <= lim && x.start < clause.end);
  if (o && !ctx.persons.some((p) => p.start >= cue.end && p.end <= o.start)) return o.name;
  if (ctx.cjk) {
    const b = ctx.orgs.filter((x) => x.end <= cue.start && x.start >= clause.start);
    const last = b[b.length - 1];
    if (last && cue.start - last.end < 6) return last.name;
  }
  return null;
}

function evidenceSpan(cue: Cue, s: Sentence): { start: number; end: number } {
  if (s.end - s.start <= 300) return { start: s.start, end: s.end };
  const c = clauseAt(s, cue.start);
  if (c.end - c.start <= 300) return { start: c.start, end: c.end };
  const start = Math.max(c.start, cue.start - 150);
  return { start, end: Math.min(c.end, start + 300) };
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
  if (hasMarker(ctx, 'politics', 0, headEnd) && !knownOrg && !corporate) return true;
  return false;
}

function titleGate(ctx: Ctx, raws: RawEvent[]): boolean {
  if (raws.some((r) => r.inTitle)) return false;
  return TOPIC_KILL.some((k) => hasMarker(ctx, k, 0, ctx.titleEnd));
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
