/** Attaching a change cue to the people it is about. */
import { type Ctx, clauseAt, cueBetween, hasMarker, markersIn, personsIn, sentenceAt } from './context.ts';
import type { Cue } from './lexcompile.ts';
import type { PersonMention } from './mentions.ts';
import type { Sentence } from './segment.ts';
import { objectOrgName } from './orgsel.ts';
import { successorTargets } from './succession.ts';
import { colonList, dist, expandList, isGenitive, itemBoundary } from './lists.ts';

export interface Target {
  person: number;
  name: string;
  mention: PersonMention | null;
  firstPerson: boolean;
}

/** "CTO X to Orbis, CFO on leave": after a list comma a role noun opens a new item with its own subject. */
function newItemBetween(ctx: Ctx, a: number, b: number): boolean {
  const comma = ctx.text.lastIndexOf(',', b - 1);
  if (comma < a) return false;
  // "X, director ejecutivo de Disney desde 2020 fue destituido": a comma right after the name opens an
  // apposition about that person, not a new list item.
  if (ctx.text.slice(a, comma).trim() === '') return false;
  return hasMarker(ctx, 'role', comma, b) || itemBoundary(ctx, a, comma + 1);
}

const NOUN_RIGHT =
  /^\s*(?:[a-z]+\s+)?(?:of|de|d'|di|del|della|dello|dell'|des|du|von|vom|da|dal|dalla|do|dos|pela|pelo|van|from|by|par|is|est|e|ed|ist|es|era|was|war|:|,)(?:\s|$|')/;
const NOUN_LEFT =
  /^(?:'s?|s')?\s*$|(?:^|\s)(?:'s|is|est|e|ist|es|era|was|war|sont|sono|are)(?:\s|$)|(?:announc|annonc|annunci|anunci|confirm|kundigt|bekannt|revel)[a-z]*\s+(?:la|le|l'|the|his|her|sa|son|sua|la sua|seinen|ihren|su|a|o)?\s*$/;
const COMPLEMENTIZER = /(?:^|[^,]\s)(?:that|que|qu'|che|dass|dat)\s|(?:^|\s)(?:says|said)\s/;
/** "resigned days after Ilya Sutskever": the person after it is when, not who. */
const TIME_REFERENCE =
  /(?:^|\s)(?:after|before|following|apres|avant|dopo|prima di|nach|vor|tras|despues de|antes de|depois de|apos|setelah|sebelum)\s+$/;

/** "fue destituido por Y", "was ousted by Y": the person after a passive's agent word did it. */
const AGENT = /(?:^|\s)(?:by|por|par|dal|dalla|dai|von|durch|door|pelo|pela|oleh)\s+(?:(?:the|el|la|le|il|der|die|de|o|a)\s+)?$/;

/** The subject of a sentence: its first person that is not a genitive modifier. */
function subjectOf(ctx: Ctx, s: Sentence, before: number, plural: boolean): PersonMention[] {
  const ps = personsIn(ctx, s.start, before).filter((p) => !isGenitive(ctx, p));
  const first = ps[0];
  if (!first) return [];
  // "A를 X에, B를 Y에 각각 보임": a distributive word takes everyone listed before it, commas and all.
  return plural ? (DISTRIBUTIVE.test(ctx.text.slice(before, before + 4)) ? ps : expandList(ctx, ps, 0, +1, s)) : [first];
}
const DISTRIBUTIVE = /^(?:각각|각자|それぞれ)/u;

function prevSubject(ctx: Ctx, s: Sentence, plural: boolean): PersonMention[] {
  for (let i = s.idx - 1; i >= Math.max(0, s.idx - 2); i--) {
    const p = ctx.sentences[i];
    if (!p) continue;
    const ps = personsIn(ctx, p.start, p.end).filter((m) => !isGenitive(ctx, m));
    if (ps.length === 0) continue;
    return plural ? ps : [ps[0] as PersonMention];
  }
  return [];
}

function authorTarget(ctx: Ctx): Target | null {
  if (!ctx.author) return null;
  return { person: ctx.author.person, name: ctx.author.name, mention: null, firstPerson: true };
}

/** For a first-person quote inside an article: the person it is attributed to. */
function quoteSpeaker(ctx: Ctx, s: Sentence): PersonMention | null {
  const after = ctx.persons.find((p) => p.start >= s.end && p.start - s.end < 120);
  if (after && /[-(]/.test(ctx.text.slice(s.end, after.start))) return after;
  const inside = personsIn(ctx, s.start, s.end);
  if (inside.length > 0) return null;
  const prev = prevSubject(ctx, s, false)[0];
  if (prev) return prev;
  return after ?? null;
}

function toTargets(ms: PersonMention[]): Target[] {
  return ms.map((m) => ({ person: m.person, name: m.name, mention: m, firstPerson: false }));
}

/** Who does this cue talk about? Empty when nobody can be attached. */
export function targetsFor(ctx: Ctx, cue: Cue, s: Sentence): Target[] {
  const found = baseTargets(ctx, cue, s);
  if (found.length === 0 || found.some((t) => t.firstPerson)) return found;
  // Companions: "launches SSI with Daniel Gross and Daniel Levy", "alongside Mira, ...".
  const clause = clauseAt(s, cue.start);
  const comp = markersIn(ctx, 'companion', clause.start, clause.end).filter(
    (m) => cue.type === 'founded' || (m.end - m.start >= 6 && m.end <= cue.start),
  );
  if (comp.length === 0) return found;
  const all = personsIn(ctx, clause.start, clause.end);
  const out = [...found];
  for (let i = 0; i < all.length; i++) {
    const p = all[i] as PersonMention;
    if (out.some((t) => t.mention === p || (t.person >= 0 && t.person === p.person))) continue;
    if (!comp.some((m) => m.end <= p.start && p.start - m.end <= 4)) continue;
    for (const q of expandList(ctx, all, i, +1, clause)) {
      if (!out.some((t) => t.mention === q))
        out.push({ person: q.person, name: q.name, mention: q, firstPerson: false });
    }
  }
  return out;
}

/** First-person posts and quotes: "I'm leaving OpenAI", "je quitte Meta", "ho deciso di lasciare". */
function firstPersonTargets(ctx: Ctx, cue: Cue, s: Sentence, all: PersonMention[], noun: boolean): Target[] | null {
  const fp = markersIn(ctx, 'firstPerson', s.start, cue.end);
  if (fp.length === 0 || noun) return null;
  const last = fp[fp.length - 1] as { start: number };
  const between = all.some((p) => p.start > last.start && p.end <= cue.start);
  const close = all.some((p) => p.end <= cue.start && dist(ctx, p.end, cue.start) < 40 && p.start > last.start);
  if (between || close || dist(ctx, last.start, cue.start) >= 160) return null;
  if (ctx.isPost && ctx.author) {
    const t = authorTarget(ctx);
    return t ? [t] : [];
  }
  if (!ctx.isPost) {
    const q = quoteSpeaker(ctx, s);
    if (q) return [{ person: q.person, name: q.name, mention: q, firstPerson: true }];
  }
  return null;
}

function baseTargets(ctx: Ctx, cue: Cue, s: Sentence): Target[] {
  const clause = clauseAt(s, cue.start);
  const all = personsIn(ctx, clause.start, clause.end);
  const noun = cue.flags.includes('#');

  const fp = firstPersonTargets(ctx, cue, s, all, noun);
  if (fp) return fp;

  // Pronoun subject right before the cue ("he is leaving", "qu'elle quitterait", "ils créeraient").
  // (Not before a noun cue: "tras el despido de" has an article there, folded like the pronoun "él".)
  for (const kind of noun ? [] : (['pronoun', 'pluralPronoun'] as const)) {
    const pr = markersIn(ctx, kind, Math.max(s.start, cue.start - 30 / ctx.w), cue.start);
    const last = pr[pr.length - 1];
    if (!last || all.some((p) => p.start >= last.end && p.end <= cue.start)) continue;
    const plural = kind === 'pluralPronoun';
    const subj = subjectOf(ctx, s, last.start, plural);
    const res = subj.length > 0 ? subj : prevSubject(ctx, s, plural);
    if (res.length > 0) return toTargets(res);
  }

  if (cue.flags.includes('=')) return toTargets(successorTargets(ctx, cue, s));
  if (noun) return nounTargets(ctx, cue, s, all);
  if (cue.flags.includes('*')) return toTargets(personsIn(ctx, cue.end, s.end));

  // In a succession the person after the cue is the other party (succession.ts), never the subject.
  const succession = /[%^]/.test(cue.flags);
  const cands = all.filter(
    (p) =>
      (!isGenitive(ctx, p) || (p.start >= cue.start && p.end <= cue.end)) && !(succession && p.start >= cue.start),
  );
  const preferRight = cue.flags.includes('>');
  const leftMax = preferRight ? 45 : 130;
  const rightMax = preferRight ? 110 : 45;
  let bestL = -1;
  let bestR = -1;
  let rightDone = false;
  for (let i = 0; i < cands.length; i++) {
    const p = cands[i] as PersonMention;
    if (p.end <= cue.start + 1 && p.start < cue.start) {
      const gap = ctx.text.slice(p.end, cue.start);
      if (dist(ctx, p.end, cue.start) <= leftMax && !COMPLEMENTIZER.test(gap)) bestL = i;
    } else if (p.start >= cue.start && !rightDone && dist(ctx, cue.end, p.start) <= rightMax) {
      rightDone = true;
      const gap = ctx.text.slice(cue.end, p.start);
      if (p.start < cue.end || (!TIME_REFERENCE.test(gap) && !AGENT.test(gap))) bestR = i;
    }
  }
  if (bestL >= 0 && newItemBetween(ctx, (cands[bestL] as PersonMention).end, cue.start)) bestL = -1;
  if (bestL >= 0 && cueBetween(ctx, (cands[bestL] as PersonMention).end, cue.start, cue)) {
    // Another cue sits between: keep only a close subject.
    if (dist(ctx, (cands[bestL] as PersonMention).end, cue.start) > 60) bestL = -1;
  }
  const inside = cands.findIndex((p) => p.start >= cue.start && p.end <= cue.end);
  if (inside >= 0) return toTargets([cands[inside] as PersonMention]);
  const order = preferRight ? [bestR, bestL] : [bestL, bestR];
  for (const i of order) {
    if (i < 0) continue;
    const dir = i === bestL ? -1 : +1;
    return toTargets(expandList(ctx, cands, i, dir, clause));
  }

  const listed = colonList(ctx, cue, s, clause, cands);
  if (listed.length > 0) return toTargets(listed);
  // Subject in the previous clause of the same sentence ("샘 올트먼, 오픈AI CEO에서 해임").
  if (all.length === 0 || (succession && cands.every((p) => p.start >= cue.start))) {
    const prior = personsIn(ctx, s.start, clause.start).filter((p) => !isGenitive(ctx, p));
    const last = prior[prior.length - 1];
    if (last && dist(ctx, last.end, cue.start) <= 60) return toTargets([last]);
  }
  if (all.length === 0 && personsIn(ctx, s.start, s.end).length === 0) return droppedSubject(ctx, cue, s);
  return [];
}

/**
 * Dropped subject: "Fu espulso dall'azienda", "Il a démissionné", a description instead of a name. A
 * headline that names a role instead ("Der Chef von Velora muss gehen", "Velora CEO out") is about the
 * lead's subject, or about the one person the item names.
 */
function droppedSubject(ctx: Ctx, cue: Cue, s: Sentence): Target[] {
  if (ctx.isPost && ctx.author && !cue.flags.includes('!'))
    return [{ person: ctx.author.person, name: ctx.author.name, mention: null, firstPerson: true }];
  // (A role may be the cue's first word: "Velora CEO out".)
  const role = hasMarker(ctx, 'role', s.start, Math.min(cue.end, s.start + 45));
  if (s.part === 0) {
    const lead = ctx.sentences.find((x) => x.part === 1);
    if (lead) {
      const subj = subjectOf(ctx, lead, lead.end, true);
      if (subj.length > 0 && dist(ctx, lead.start, subj[0]?.start ?? 0) < 60) return toTargets(subj);
    }
    const only = role ? onlyPerson(ctx) : null;
    if (only) return toTargets([only]);
  }
  const early = dist(ctx, s.start, cue.start) < 30;
  const lead = hasMarker(ctx, 'pronoun', s.start, Math.min(s.end, s.start + 12));
  if (early || lead || role) return toTargets(prevSubject(ctx, s, false));
  return [];
}

/** The one person an item names (several mentions of one name count once), or null. */
function onlyPerson(ctx: Ctx): PersonMention | null {
  const first = ctx.persons.find((p) => !isGenitive(ctx, p));
  if (!first) return null;
  const same = (p: PersonMention): boolean => (first.person >= 0 ? p.person === first.person : p.name === first.name);
  return ctx.persons.every(same) ? first : null;
}

/** Languages whose noun takes its owner after it with no preposition: "назначение Анны", "استقالة X", "της X". */
const GENITIVE_NOUN = new Set(['ru', 'el', 'ar']);

/** "the noun, a role, then the name": only roles and a genitive article between. */
function genitiveRight(ctx: Ctx, cue: Cue, right: PersonMention): boolean {
  if (!GENITIVE_NOUN.has(cue.lang)) return false;
  let gap = ctx.text.slice(cue.end, right.start);
  for (const m of markersIn(ctx, 'role', cue.end, right.start)) gap = gap.replace(ctx.text.slice(m.start, m.end), ' ');
  return /^\s*(?:(?:του|της|των)\s+)?$/u.test(gap);
}

function nounTargets(ctx: Ctx, cue: Cue, s: Sentence, all: PersonMention[]): Target[] {
  const right = all.find((p) => p.start >= cue.end);
  const tight = (r: PersonMention): boolean => NOUN_RIGHT.test(ctx.text.slice(cue.end, r.start)) || genitiveRight(ctx, cue, r);
  if (right && dist(ctx, cue.end, right.start) <= 40 && tight(right)) {
    if (!cueBetween(ctx, cue.end, right.start, cue)) {
      const i = all.indexOf(right);
      return toTargets(expandList(ctx, all, i, +1, s));
    }
  }
  const lefts = all.filter((p) => p.end <= cue.start);
  const left = lefts[lefts.length - 1];
  if (left && dist(ctx, left.end, cue.start) <= 32 && NOUN_LEFT.test(ctx.text.slice(left.end, cue.start))) {
    return toTargets([left]);
  }
  if (hasMarker(ctx, 'possessive', Math.max(s.start, cue.start - 9), cue.start)) {
    const subj = subjectOf(ctx, s, cue.start, true);
    return toTargets(subj.length > 0 ? subj : prevSubject(ctx, s, false));
  }
  return [];
}

/**
 * "Just one year after leaving Velora, X is returning": a time phrase in its own clause before the cue
 * dates the background it names, not the news of the main clause.
 */
function leadIn(ctx: Ctx, m: { start: number; end: number }, cue: Cue): boolean {
  if (m.end > cue.start || !RETRO_AFTER.test(ctx.text.slice(m.start, m.end))) return false;
  return ctx.text.slice(m.end, cue.start).includes(', ');
}
const RETRO_AFTER = /(?:after|since|apres|dopo|despues|depois|nach)$/;

/** Is this cue suppressed by its context (speculation, negation, background, retrospective...)? */
export function suppressed(ctx: Ctx, cue: Cue, s: Sentence): boolean {
  if (s.question) return true;
  const clause = clauseAt(s, cue.start);
  if (markersIn(ctx, 'retro', s.start, s.end).some((m) => !leadIn(ctx, m, cue))) return true;
  const specFrom = Math.min(clause.start, Math.max(s.start, cue.start - 80));
  if (hasMarker(ctx, 'speculation', specFrom, cue.start)) return true;
  if (hasMarker(ctx, 'negation', Math.max(clause.start, cue.start - 25 / ctx.w), cue.start)) return true;
  if (hasMarker(ctx, 'afterGerund', Math.max(s.start, cue.start - 18), cue.start)) {
    const ag = markersIn(ctx, 'afterGerund', Math.max(s.start, cue.start - 18), cue.start);
    const last = ag[ag.length - 1];
    if (last && cue.start - last.end <= 2) return true;
  }
  if (cue.type === 'founded' && hasMarker(ctx, 'foundedPast', clause.start, clause.end)) return true;
  // "entlässt 11.000 Mitarbeiter", "lays off 600": a count of staff, not a named leader.
  if (cue.type === 'fired' && /^\s(?:a |de )?\d[\d.,]+\s/.test(ctx.text.slice(cue.end, cue.end + 16))) return true;
  if (pastAfter(ctx, cue, clause.end)) return true;
  if (cue.flags.includes('~') && hasMarker(ctx, 'travel', s.start, s.end)) return true;
  if (
    cue.type === 'leave' &&
    hasMarker(ctx, 'policy', Math.max(s.start, cue.start - 30), Math.min(s.end, cue.end + 30))
  )
    return true;
  // Background inside a relative clause: "who had left", "qui avait quitté", "che aveva fondato".
  if (!ctx.cjk) {
    for (const r of markersIn(ctx, 'relative', clause.start, cue.start)) {
      const comma = ctx.text.indexOf(',', r.end);
      const end = comma < 0 || comma > clause.end ? clause.end : comma;
      if (cue.start >= end) continue;
      const region = ctx.text.slice(r.end, cue.start);
      if (cue.type === 'founded') return true;
      if (hasMarker(ctx, 'pluperfect', r.end, cue.start)) return true;
      // German and Dutch put the auxiliary last: ", die Stability AI verlassen hatten".
      if (hasMarker(ctx, 'pluperfect', cue.end, Math.min(end, cue.end + 8))) return true;
      if (pastYear(ctx, ctx.text.slice(r.end, end)) && !/\b(?:this|ce|questo|dieses)\b/.test(region)) return true;
    }
  }
  return false;
}

/** "was ousted in late 2024", "who left last year", "l'an dernier": the change told is older news. */
const PAST_AFTER =
  /^[^.;!?]{0,30}?(?:^|\s)(?:last (?:year|autumn|fall|spring|summer|winter)|back in (?:late |early |mid-)?(?:19|20)\d\d|(?:im )?(?:vergangenen|letzten) (?:jahr|herbst|fruhjahr|sommer|winter)|letztes jahr|l'an dernier|l'annee derniere|el ano pasado|l'anno scorso|no ano passado|vorig jaar|(?:in|im|en|nel|em) (?:late |early |mid-|fine |inizio |fin |debut )?((?:19|20)\d\d))(?=[^\p{L}\d]|$)/u;

function pastAfter(ctx: Ctx, cue: Cue, end: number): boolean {
  const m = PAST_AFTER.exec(ctx.text.slice(cue.end, Math.min(end, cue.end + 60)));
  if (!m) return false;
  return m[1] === undefined || (ctx.year !== null && Number(m[1]) < ctx.year);
}

/** Does the text name a year before the item's own ("who left in 2019"; "que a partir de 2025" is not)? */
function pastYear(ctx: Ctx, text: string): boolean {
  for (const m of text.matchAll(/\b((?:19|20)\d\d)\b/g)) if (ctx.year === null || Number(m[1]) < ctx.year) return true;
  return false;
}

/** Ambiguous verbs ("leaves", "quitte", "lascia") need a company-ish object or an org next to them. */
export function objectOk(ctx: Ctx, cue: Cue, s: Sentence, founded: boolean): boolean {
  const clause = clauseAt(s, cue.start);
  // "Nach drei Jahren verlässt der Österreicher X den Autobauer": a subject after the verb comes first.
  const inverted = ctx.persons.find((p) => p.start >= cue.end && p.start - cue.end <= Math.round(25 / ctx.w));
  const from = inverted && !ctx.cjk ? inverted.end : cue.end;
  const rightEnd = Math.min(clause.end, from + Math.round(40 / ctx.w));
  if (ctx.orgs.some((o) => o.start >= cue.end && o.start < rightEnd)) return true;
  if (hasMarker(ctx, 'companyNoun', cue.end, rightEnd)) return true;
  if (!founded && hasMarker(ctx, 'role', cue.end, rightEnd)) return true;
  if (founded) return false;
  // "Velora's CEO X leaves Brightpath": a capitalised object the watchlist does not know, in a sentence
  // about someone's role.
  if (hasMarker(ctx, 'role', s.start, s.end) && objectOrgName(ctx, cue)) return true;
  // Object before the verb ("компанию покидают", "het bedrijf verlaat").
  if (hasMarker(ctx, 'companyNoun', Math.max(clause.start, cue.start - 20), cue.start)) return true;
  const leftStart = Math.max(s.start, cue.start - Math.round(60 / ctx.w));
  return ctx.orgs.some((o) => o.end <= cue.start && o.start >= leftStart);
}

export { sentenceAt };
