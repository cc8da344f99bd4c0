/**
 * The role a person held or takes in a change, as the text names it next to them ("OpenAI CTO Mira
 * Murati", "Mira Murati, la directrice technique", "nommée PDG par intérim", "首席科学家苏茨克维"),
 * given as the English title a card shows. Only titles right beside a mention of the person, or right
 * after the change's own words, count: a title elsewhere in the sentence may be anyone's.
 */
import { type Ctx, sentenceAt } from './context.ts';
import { INTERIM_AFTER, INTERIM_BEFORE, TITLE_WITH_OBJECT, TITLES } from './lexicon/roles.ts';
import { type Folded, fold } from './fold.ts';
import type { PersonMention } from './mentions.ts';
import type { Span } from './segment.ts';

export interface RoleHit extends Span {
  title: string;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/** Latin and Cyrillic letters and digits: a title glued to a CJK name ("ムラティCTO") is still a word. */
const WORD_CHAR = '[a-z0-9\\u00df-\\u024f\\u0400-\\u04ff]';
const plain = (p: string) => p.replace(/\((?!\?)/g, '(?:');

const byLength = (a: { p: string }, b: { p: string }) => b.p.length - a.p.length;
const ALL = Object.entries(TITLES).flatMap(([title, patterns]) =>
  patterns.map((p) => ({ title, p: plain(fold(p.replace(/^@/, ''))), afterOrg: p.startsWith('@') })),
);
/** Latin and Cyrillic titles share one pair of word boundaries; CJK titles need none. */
const WORDED = ALL.filter(({ p }) => !CJK.test(p)).sort(byLength);
const UNSPACED = ALL.filter(({ p }) => CJK.test(p)).sort(byLength);
const ALTERNATIVES = [...WORDED, ...UNSPACED];
const group = ({ p }: { p: string }) => `(${p})`;
const TITLE_RE = new RegExp(
  `(?<!${WORD_CHAR})(?:${WORDED.map(group).join('|')})(?!${WORD_CHAR})|${UNSPACED.map(group).join('|')}`,
  'g',
);
const WORD = '[a-z\\u00df-\\u024f][a-z\\u00df-\\u024f-]*';
const OBJECT_RE = new RegExp(`(?<!${WORD_CHAR})(${plain(TITLE_WITH_OBJECT)}) of (?:the )?(${WORD}(?: ${WORD}){0,3})`, 'g');
const OBJECT_STOP = new Set(
  'at for and who with in on to from since was is has had will said says after as but or its his her their which that this the a an reporting working leading overseeing based where under alongside while until effective starting'.split(
    ' ',
  ),
);
const SHORT_TITLE: Record<string, string> = {
  'senior vice president': 'SVP',
  'executive vice president': 'EVP',
  'vice president': 'VP',
  svp: 'SVP',
  evp: 'EVP',
  vp: 'VP',
};
const INTERIM_BEFORE_RE = new RegExp(plain(INTERIM_BEFORE));
const INTERIM_AFTER_RE = new RegExp(plain(INTERIM_AFTER));

/** Every job title in a folded text, in order, longest first where two overlap. */
export function findRoles(f: Folded, orgs: readonly Span[]): RoleHit[] {
  const text = f.text;
  const hits: RoleHit[] = [];
  for (const m of text.matchAll(OBJECT_RE)) {
    const words = (m[2] as string).split(' ');
    const keep = words.findIndex((w) => OBJECT_STOP.has(w));
    const object = (keep < 0 ? words : words.slice(0, keep)).join(' ');
    if (!object) continue;
    const head = m[1] as string;
    const from = m.index + m[0].length - (m[2] as string).length;
    const end = from + object.length;
    // The object as written ("VP of AI Research"), the title in the card's words.
    const written = f.orig.slice(f.map[from], f.map[end]);
    hits.push({ start: m.index, end, title: `${SHORT_TITLE[head] ?? head} of ${written}` });
  }
  for (const m of text.matchAll(TITLE_RE)) {
    const at = m.findIndex((g, i) => i > 0 && g !== undefined);
    const start = m.index;
    const end = start + m[0].length;
    if (hits.some((h) => h.start < end && start < h.end)) continue;
    const alt = ALTERNATIVES[at - 1];
    if (!alt) continue;
    if (alt.afterOrg && !(text[start - 1] === '-' && orgs.some((o) => o.end === start - 1))) continue;
    const title = alt.title;
    const interim =
      INTERIM_BEFORE_RE.test(text.slice(Math.max(0, start - 20), start)) || INTERIM_AFTER_RE.test(text.slice(end, end + 24));
    hits.push({ start, end, title: interim ? `interim ${title}` : title });
  }
  return hits.sort((a, b) => a.start - b.start);
}

const PUNCT = `[ \\t\\u00a0,:'’"«»“”()·・\\-–—]`;
function filler(latin: string, cjk: string): RegExp {
  const words = latin.trim().split(/\s+/).join('|');
  return new RegExp(`^(?:${PUNCT}|${cjk}|(?<!\\p{L})(?:${words})(?!\\p{L}))*$`, 'u');
}
const ARTICLES = `the a an its his her their of at de d du des di del della dell dello da do dos von vom der den
  dem die bei en na la le les il lo l el o sa son ses sua suo seine ihre ihr su sus seu zum zur het van co`;
/** What may stand between a title and the name it belongs to: articles, "of", an organisation, "former". */
const BESIDE = filler(
  `${ARTICLES} s former ex then now current longtime ancien ancienne ehemalige ehemaliger ehemaligen
  langjahrige langjahriger storico storica antiguo antigua presso chez bij`,
  '的|の',
);
/** What may stand between the words of the change and the title: "steps down as", "quitte son poste de". */
const AFTER_WORDS = `${ARTICLES} as als como come comme tant que in qualita sebagai new nuovo nuova nouveau
  nouvelle neuer neue nuevo nueva novo nova role post position job seat poste fonction fonctions carica ruolo
  cargo puesto posten amt funktion jabatan seinem seinen ihrem ihren from to che qui that who will serve servir
  sera devient becomes become wird diventa se convierte torna per par him them lui ihn interim acting
  interimaire interino interina ad provisional provisoire kommissarisch`;
const CJK_AFTER = '担任|出任|接任|就任|任|为|為|将|將|として|に|が|으로|로|을|를|이|가';
const AFTER_CUE = filler(AFTER_WORDS, CJK_AFTER);
/** What may stand between a person's name and the title they take: "Jason Droege becomes interim CEO". */
const TAKES = filler(
  `${AFTER_WORDS} is was has been named appointed nommee nomme nominato nominata ernannt nombrado nombrada
  nomeado nomeada deviennent diventera werden pasa ser passa sara serves steps takes over assume assumes asume
  assure assurent prend prennent tete`,
  CJK_AFTER,
);

/** Whether the text between two points is only `filler` once organisations (and `skip` spans) are left out. */
function gapOk(ctx: Ctx, start: number, end: number, allowed: RegExp, skip: readonly Span[] = []): boolean {
  if (end < start || end - start > 80) return false;
  const out = [...ctx.orgs, ...skip].filter((o) => o.end > start && o.start < end).sort((a, b) => a.start - b.start);
  let gap = '';
  let at = start;
  for (const o of out) {
    gap += ctx.text.slice(at, Math.max(at, o.start));
    at = Math.max(at, o.end);
  }
  gap += ctx.text.slice(at, end);
  if (gap.length > 30) return false;
  if (ctx.persons.some((p) => p.start >= start && p.end <= end && !skip.includes(p))) return false;
  // Chinese and Japanese name a unit before a title without a word between ("出任Meta超级智能实验室首席科学家").
  if (ctx.cjk && allowed !== BESIDE && /^[\u3040-\u30ff\u3400-\u9fffA-Za-z ]{0,12}$/.test(gap)) return true;
  return allowed.test(gap);
}

/** "co-founder and president Greg Brockman": titles joined by "and" are one role. */
function withJoined(ctx: Ctx, hits: RoleHit[], i: number): string {
  let title = hits[i]?.title as string;
  for (let j = i - 1; j >= 0; j--) {
    const prev = hits[j] as RoleHit;
    const next = hits[j + 1] as RoleHit;
    if (!/^(?:,? (?:and|et|e|und|y|en|dan|и|&) |\/| ?, ?)$/u.test(ctx.text.slice(prev.end, next.start))) break;
    if (!title.includes(prev.title)) title = `${prev.title} and ${title}`;
  }
  return title;
}

function besideMention(ctx: Ctx, hits: RoleHit[], m: PersonMention): string | null {
  // Japanese, Chinese and Korean put the title right after the name: "ブロックマン社長".
  const glued = ctx.cjk ? hits.find((x) => x.start === m.end) : undefined;
  if (glued) return glued.title;
  // Before the name: "OpenAI CTO Mira Murati", "la directrice technique d'OpenAI, Mira Murati".
  for (let i = hits.length - 1; i >= 0; i--) {
    const h = hits[i] as RoleHit;
    if (h.end > m.start) continue;
    if (m.start - h.end > 60) break;
    if (gapOk(ctx, h.end, m.start, BESIDE)) return withJoined(ctx, hits, i);
    break;
  }
  // After it, set off by a comma or a bracket: "Mira Murati, OpenAI's chief technology officer".
  const h = hits.find((x) => x.start >= m.end);
  const gap = h ? ctx.text.slice(m.end, h.start) : '';
  if (h && (ctx.cjk || /^\s*[,(–—-]/.test(gap)) && gapOk(ctx, m.end, h.start, BESIDE)) return h.title;
  return null;
}

/**
 * The first title after `from` (the words of the change, or the person's name) within the sentence:
 * "named interim CEO", "restores founder Priya Nair as CEO" (the person's own name, and a title that
 * only introduces it, may stand between), "Jason Droege becomes interim CEO".
 */
function titleAfter(ctx: Ctx, hits: RoleHit[], from: Span, own: PersonMention[], allowed: RegExp): string | null {
  const s = sentenceAt(ctx, from.start);
  const limit = Math.min(s?.end ?? ctx.text.length, from.end + (ctx.cjk ? 16 : 60));
  const skip: Span[] = [...own];
  for (const h of hits) {
    if (h.start < from.start) continue;
    if (h.start >= limit) break;
    if (h.start > from.end && !gapOk(ctx, from.end, h.start, allowed, skip)) return null;
    const names = own.find((p) => p.start >= h.end && gapOk(ctx, h.end, p.start, BESIDE));
    if (!names) return h.title;
    skip.push(h);
  }
  return null;
}

/**
 * The role of one change. For an appointment or a return, the title it takes, right after its words or
 * after the person's name ("named interim CEO", "Droege becomes interim CEO"); a title only beside the
 * name is then the old one and is not given. Otherwise a title beside the person's name, in the evidence
 * sentence first, then in the headline, then anywhere; last a title right after the words of the change
 * ("steps down as CEO"). Moves and foundings take "joins Anthropic as CPO" first.
 */
export function roleOf(
  ctx: Ctx,
  hits: RoleHit[],
  event: { person: number; name: string; type: string; cues: Span[]; evidence: Span },
): string | null {
  if (hits.length === 0) return null;
  const own = ctx.persons.filter((p) => (event.person >= 0 ? p.person === event.person : p.name === event.name));
  const inEvidence = (p: PersonMention) => p.start >= event.evidence.start && p.end <= event.evidence.end;
  const rank = (p: PersonMention) => (inEvidence(p) ? 0 : p.end <= ctx.titleEnd ? 1 : 2);
  const mentions = [...own].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const afterCues = () => firstOf(event.cues, (c) => titleAfter(ctx, hits, c, own, AFTER_CUE));
  if (event.type === 'appointed' || event.type === 'reinstated') {
    return afterCues() ?? firstOf(mentions, (m) => titleAfter(ctx, hits, m, own, TAKES));
  }
  const moved = event.type === 'joined' || event.type === 'founded' ? afterCues() : null;
  return moved ?? firstOf(mentions, (m) => besideMention(ctx, hits, m)) ?? afterCues();
}

function firstOf<T>(list: readonly T[], find: (x: T) => string | null): string | null {
  for (const x of list) {
    const found = find(x);
    if (found) return found;
  }
  return null;
}
