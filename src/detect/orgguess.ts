/**
 * Guessing an organisation that orgs.json does not know, from how the text frames it:
 * "chief operating officer of Pinebrook", "Pinebrook's CFO", "Entlassung bei Graufalke:",
 * "Nexilia, il cofondatore ...", «Ладога Софт», "ミカゲ電機、...", "启明芯片首席财务官".
 */
import { type Ctx, markersIn } from './context.ts';
import type { PersonMention } from './mentions.ts';
import { notOrgName } from './orgwords.ts';
import type { Sentence } from './segment.ts';
import { fold } from './fold.ts';
import { CAP_STOP } from './tables/namewords.ts';

const CAP = '\\p{Lu}[\\p{L}\\p{N}&.-]*(?: \\p{Lu}[\\p{L}\\p{N}&.-]*){0,2}';
const QUOTED = /[«„“"]([^«»„“”"]{2,40})[»“”"]/u;
const OF_AFTER_ROLE = new RegExp(
  `^\\s*(?:[\\p{Ll}-]+\\s){0,2}(?:of|at|de|d'|du|des|di|del|della|dell'|da|do|dos|della|von|vom|der|van|bij|bei|chez|en|na|no|presso|di)\\s(?:la |le |l'|il |the |a |o |el )?(${CAP})`,
  'u',
);
const HEAD_PREFIX = new RegExp(
  `^(?:(?:[\\p{L}\\d-]+ ){1,3}(?:bei|chez|at|in|a|en|di|da|bij|presso|dans|im|op) )?(${CAP})(?=[,:]| -)`,
  'u',
);
/** Up to three capitalised words right before a role: "General Motors CFO", "Vorlex CEO". */
const BEFORE_ROLE = /(?:^|[\s(])((?:\p{Lu}[\p{L}\p{N}&-]+ ){0,2}\p{Lu}[\p{L}\p{N}&-]+) $/u;
const AFTER_NOUN = new RegExp(`^ (${CAP})(?=[\\s,.:;)'’]|$)`, 'u');
const POSSESSIVE = new RegExp(`(${CAP})'s? (?:[\\p{Ll}-]+ ){0,3}$`, 'u');
const CJK_HEAD = /^([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7afA-Za-z]{2,12})[、,，]/u;
const ZH_BEFORE_ROLE =
  /^([\u4e00-\u9fffA-Za-z]{2,8}?)(?:首席[\u4e00-\u9fff]{1,4}官|CEO|CFO|CTO|COO|总裁|董事长|总经理|董事会|联合创始人|联合创办人|创始人|创办人)/u;
const NOT_ORG = new Set(
  `The A An I He She We It They Il Elle Le La Les Der Die Das Ein Eine El Los Las Lo Gli Het Een De Ex Former New
  Breaking Update Exclusive Analysis Opinion CEO CTO CFO COO Personal Career Chief Interim Paris London Berlin
  January February March April May June July August September October November December Monday Tuesday Wednesday
  Thursday Friday Research Finance Finances Product Products Engineering Operations Sales Marketing Technology
  Design Policy Safety Infrastructure Data Science Strategy Communications Legal People Growth Business Software
  Hardware Platform Platforms Applications Devices Recherche Produit Ricerca Prodotto Forschung Technik Finanzen
  Investigación Producto Pesquisa Produto Onderzoek Dewan Rapat Conselho Consejo Conseil Consiglio Aufsichtsrat
  Vorstand Board`.split(/\s+/),
);

/** A headline's head before its first comma is the organisation, not "Velora宣布" nor a whole clause with a role. */
const CJK_HEAD_VERB = /(?:宣布|表示|称|指出|透露|发布|公布|发表|宣佈|發布|發表|公佈|は|が|은|는|이|가)$/u;
const CJK_HEAD_NOT =
  /首席|CEO|CFO|CTO|COO|总裁|總裁|董事长|董事長|总经理|執行長|执行长|社長|会長|創業者|創始人|创始人|창업자|대표|사장|회장|[据據]|报道|報導/iu;
function cjkHead(ctx: Ctx, raw: string): string | null {
  // "ベローラの共同創業者、…": the organisation is what stands before の.
  const head = CJK_HEAD.exec(raw)?.[1]?.replace(/^([^の]{2,})の.*$/u, '$1').replace(CJK_HEAD_VERB, '');
  if (!head || head.length < 2 || CJK_HEAD_NOT.test(head)) return null;
  return ctx.persons.some((p) => origOf(ctx, p.start, p.end) === head) ? null : head;
}

/**
 * Russian and Greek name a company right after the word for one: "глава компании Nissan Motor",
 * "автопроизводитель Velora", "της εταιρείας Velora" (a Latin name of up to three words, or one word in
 * the text's script).
 */
const NAMED_BY_NOUN =
  /(?:^|[\s(])(?:[Кк]омпани[яиюейм]|[Кк]орпораци[яиюейм]|[Кк]онцерн[а-я]*|[Аа]втопроизводител[ьяюем]|[Бб]анк[а-я]*|[Гг]рупп[аыуе]|εταιρεία[ςν]?|ομίλο[ςυ]?)\s+((?:(?=\p{Lu})\p{Script=Latin}[\p{L}\p{N}&.-]*)(?:\s(?=\p{Lu})\p{Script=Latin}[\p{L}\p{N}&.-]*){0,2}|\p{Lu}[\p{L}-]+)/u;

const CYRILLIC_GREEK = /[\u0370-\u04ff]/u;

/** "New" and "former" open a sentence in Cyrillic and Greek, never a company (datelines and months: orgwords.ts). */
const NOT_ORG_OTHER = /^(?:Νέος|Νέα|Νέο|Πρώην|Новый|Новая|Новым|Бывший|Бывшая)$/u;

function clean(ctx: Ctx, name: string | undefined): string | null {
  if (!name) return null;
  const n = name.replace(/[.,:;]+$/, '').trim();
  const first = n.split(' ')[0] ?? '';
  // "Neuer Finanzchef wird X": a sentence's first word before a role is no company.
  if (n.length < 3 || NOT_ORG.has(first) || CAP_STOP.has(fold(first)) || NOT_ORG_OTHER.test(first) || notOrgName(n)) return null;
  // Not a person of the item and not a role noun.
  const low = n.toLowerCase();
  if (ctx.persons.some((p) => p.name.toLowerCase() === low || p.name.toLowerCase().startsWith(`${low} `))) return null;
  if (ctx.persons.some((p) => p.name.toLowerCase().split(' ').includes(low) || low.includes(p.name.toLowerCase())))
    return null;
  return n;
}

function origOf(ctx: Ctx, start: number, end: number): string {
  return ctx.f.orig.slice(ctx.f.map[start], ctx.f.map[end] ?? ctx.f.orig.length);
}

/**
 * A capitalised word right before a role names a company ("Vorlex CFO"), unless it opens its sentence
 * and the item never writes it again: then it is more likely an adjective or a common noun
 * ("Financial director", "Attuale responsabile", "Исполнительный директор").
 */
function namedHere(ctx: Ctx, t: Sentence, roleStart: number, word: string): boolean {
  const lead = origOf(ctx, t.start, roleStart).trim();
  if (/\p{L}/u.test(lead.slice(0, lead.lastIndexOf(word)))) return true;
  const esc = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (ctx.f.orig.match(new RegExp(`(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])`, 'gu'))?.length ?? 0) >= 2;
}

/** An organisation name for an event whose org the watchlist cannot supply; null when unsure. */
export function guessOrg(ctx: Ctx, s: Sentence): string | null {
  if (ctx.lower) return null;
  const order = [s, ...ctx.sentences.filter((x) => x !== s && (x.part === 0 || Math.abs(x.idx - s.idx) <= 1))];
  for (const t of order) {
    const raw = origOf(ctx, t.start, t.end);
    const q = QUOTED.exec(raw);
    if (q && /[\u0400-\u04ff]/.test(raw)) {
      const n = clean(ctx, q[1]);
      if (n) return n;
    }
    const named = CYRILLIC_GREEK.test(raw) ? clean(ctx, NAMED_BY_NOUN.exec(raw)?.[1]) : null;
    if (named) return named;
    for (const r of markersIn(ctx, 'role', t.start, t.end)) {
      const after = origOf(ctx, r.end, Math.min(t.end, r.end + 60));
      const m = OF_AFTER_ROLE.exec(after);
      const n = clean(ctx, m?.[1]);
      if (n) return n;
      const before = origOf(ctx, Math.max(t.start, r.start - 40), r.start);
      const pm = POSSESSIVE.exec(before);
      const pn = clean(ctx, pm?.[1]);
      if (pn) return pn;
      // "Pinebrook COO Zainab ...": a capitalised word right before the role.
      const bm = BEFORE_ROLE.exec(before);
      const bn = clean(ctx, bm?.[1]);
      if (bn && !ctx.persons.some((p) => p.end === r.start - 1) && !/^\p{Lu}+$/u.test(bn) && namedHere(ctx, t, r.start, bn))
        return bn;
    }
    // "beim Autobauer Vorlex", "директор компании Vorlex", "il gruppo Vorlex": a company noun names it.
    for (const c of markersIn(ctx, 'companyNoun', t.start, t.end)) {
      const n = clean(ctx, AFTER_NOUN.exec(origOf(ctx, c.end, Math.min(t.end, c.end + 40)))?.[1]);
      if (n) return n;
    }
    if (t.part === 0) {
      const h = HEAD_PREFIX.exec(raw);
      const hn = clean(ctx, h?.[1]);
      if (hn) return hn;
      const c = cjkHead(ctx, raw);
      if (c) return c;
      const z = ZH_BEFORE_ROLE.exec(raw)?.[1]?.replace(CJK_HEAD_VERB, '');
      if (z && z.length >= 2) return z;
    }
  }
  return null;
}

/**
 * An organisation the watchlist does not know, tied to one person by a role: "Vorlex CFO X",
 * "Vorlex's chief executive X", "X, chief operating officer of Pinebrook". Null when unsure.
 */
export function roleOrgOf(ctx: Ctx, p: PersonMention): string | null {
  if (ctx.lower) return null;
  const s = ctx.sentences.find((x) => p.start >= x.start && p.start < x.end);
  if (!s) return null;
  for (const r of markersIn(ctx, 'role', Math.max(s.start, p.start - 40), s.end)) {
    if (r.end <= p.start && p.start - r.end <= 2) {
      const before = origOf(ctx, Math.max(s.start, r.start - 40), r.start);
      const pn = clean(ctx, POSSESSIVE.exec(before)?.[1]);
      if (pn) return pn;
      const bn = clean(ctx, BEFORE_ROLE.exec(before)?.[1]);
      if (bn && !/^\p{Lu}+$/u.test(bn) && !ctx.persons.some((q) => q.end === r.start - 1)) return bn;
    }
    if (r.start > p.end && r.start - p.end <= 4 && /^\s?,/.test(ctx.text.slice(p.end, p.end + 2))) {
      const n = clean(ctx, OF_AFTER_ROLE.exec(origOf(ctx, r.end, Math.min(s.end, r.end + 60)))?.[1]);
      if (n) return n;
    }
  }
  return null;
}
