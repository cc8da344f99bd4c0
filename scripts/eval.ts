/**
 * Scores the detector against the labelled corpus (dev.jsonl + seeds/seeds.jsonl).
 *   npx tsx scripts/eval.ts [--corpus DIR] [--verbose]
 *   npx tsx scripts/eval.ts --set FILE [--set FILE2 ...] [--verbose] [--errors]   score any JSONL in the corpus
 *     schema: totals, a table per language and per story, and with --errors each missed change, missed
 *     person and wrong name with its item id (names in the item's own script match the label's aliases)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DetectedEvent, DetectInput, ItemKind, Watchlist } from '../src/core/types.ts';
import { fold, foldMapped } from '../src/detect/fold.ts';
import { type CompiledWatchlist, compileWatchlist, detect } from '../src/detect/index.ts';
import { findRoles } from '../src/detect/role.ts';
import { loadGivenNames } from '../src/app/givennames.ts';
import { print } from './evalprint.ts';

export interface GoldEvent {
  person: string;
  /** The person's spellings in the item's own script (real-text sets): a prediction may use one. */
  aliases?: string[];
  org: string | null;
  type: string;
  destination: string | null;
  role?: string | null;
}

export interface LabeledItem {
  id: string;
  lang: string;
  kind: ItemKind;
  author?: string;
  published?: string;
  title: string;
  summary: string;
  body?: string;
  story?: string;
  label: { is_change: boolean; events: GoldEvent[]; background_events?: GoldEvent[] };
}

interface Prf {
  tp: number;
  fp: number;
  fn: number;
}

export interface Report {
  items: number;
  change: Prf;
  changeByLang: Record<string, Prf>;
  person: Prf;
  typeCorrect: number;
  typeTotal: number;
  orgCorrect: number;
  orgTotal: number;
  destCorrect: number;
  destTotal: number;
  pairsFound: number;
  pairsTotal: number;
  pairsById: Record<string, { found: number; total: number }>;
  /**
   * Every predicted (person, type) pair is a card a user gets: tp when the label has it, fp when not.
   * A pair the label keeps as background history counts in neither (older news, not a wrong one).
   */
  cards: Prf;
  background: number;
  /** Matched events: how many have a predicted role, how many of those the label's role agrees with. */
  roleGiven: number;
  roleAgrees: number;
  roleMatched: number;
  /** Matched events whose label names a role, and how many of them got one. */
  roleLabelled: number;
  roleFound: number;
  problems: string[];
  /** Person scores per language, and change and person scores per story. */
  personByLang: Record<string, Prf>;
  byStory: Record<string, { change: Prf; person: Prf }>;
  /** Each missed change, missed person and wrong name, with the item id (--errors). */
  errors: string[];
}

const prf = (): Prf => ({ tp: 0, fp: 0, fn: 0 });
export const precision = (p: Prf): number => (p.tp + p.fp === 0 ? 1 : p.tp / (p.tp + p.fp));
export const recall = (p: Prf): number => (p.tp + p.fn === 0 ? 1 : p.tp / (p.tp + p.fn));
export const f1 = (p: Prf): number => {
  const a = precision(p);
  const b = recall(p);
  return a + b === 0 ? 0 : (2 * a * b) / (a + b);
};

/**
 * Labels write roles freely ("SVP of Research", "interim co-CEO"); a predicted role agrees when the
 * label, read with the detector's own title table, names the same title ("VP" agrees with "VP of AI").
 */
export function sameRole(label: string, predicted: string): boolean {
  const bare = (t: string) => t.replace(/^interim /, '');
  const labelled = findRoles(foldMapped(label), []).map((h) => bare(h.title.toLowerCase()));
  return predicted
    .split(' and ')
    .map((t) => bare(t.toLowerCase()))
    .some((p) => labelled.some((l) => l === p || l.startsWith(`${p} of`)));
}

function nameTokens(name: string): string[] {
  return fold(name)
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .trim()
    .split(/\s+/);
}

/**
 * The same person written differently: same surname, and the same given name when both sides have one
 * ("Altman" is Sam Altman; "Varun Mohan" is not Neal Mohan).
 */
function samePerson(a: string, b: string): boolean {
  if (a === b) return true;
  // "립부탄 (Lip-Bu Tan)": a name in its own script with its Latin form; the Latin form is compared.
  const latin = /\(([^()]+)\)\s*$/.exec(b)?.[1];
  if (latin && latin !== b) return samePerson(a, latin);
  const x = nameTokens(a);
  const y = nameTokens(b);
  if (x[x.length - 1] !== y[y.length - 1]) return false;
  return x.length === 1 || y.length === 1 || x[0] === y[0];
}

/** Letters and digits only, NFKC: how a name in its own script is compared with the label's aliases. */
function native(s: string): string {
  return s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');
}

/** "립부탄 (Lip-Bu Tan)" -> "립부탄": the part of a predicted name in its own script. */
function ownScript(name: string): string {
  return name.replace(/\s*\([^()]*\)\s*$/, '');
}

/** Score predictions for labelled items. `wl` canonicalises names and orgs (aliases, misspellings). */
/** The detector's view of a labelled item. */
export function detectInputOf(it: LabeledItem): DetectInput {
  return {
    title: it.title,
    summary: it.summary,
    body: it.body,
    lang: it.lang,
    kind: it.kind,
    author: it.author ?? null,
    published: it.published ?? null,
  };
}

/** A report with nothing counted yet. */
function emptyReport(): Report {
  return {
    items: 0,
    change: prf(),
    changeByLang: {},
    person: prf(),
    typeCorrect: 0,
    typeTotal: 0,
    orgCorrect: 0,
    orgTotal: 0,
    destCorrect: 0,
    destTotal: 0,
    pairsFound: 0,
    pairsTotal: 0,
    pairsById: {},
    cards: prf(),
    background: 0,
    roleGiven: 0,
    roleAgrees: 0,
    roleMatched: 0,
    roleLabelled: 0,
    roleFound: 0,
    problems: [],
    personByLang: {},
    byStory: {},
    errors: [],
  };}

/**
 * Match predicted people to labelled ones (a name in the item's own script matches the label's aliases),
 * count them overall, per language and per story, and note misses and wrong names.
 */
function matchPersons(
  r: Report,
  it: LabeledItem,
  pred: DetectedEvent[],
  canonPerson: (n: string) => string,
  story: { person: Prf } | null,
): Map<string, string> {
  const gold = it.label.events;
  const g = it.label.is_change;
  const gPersons = [...new Set(gold.map((e) => canonPerson(e.person)))];
  const pPersons = [...new Set(pred.map((e) => canonPerson(e.person)))];
  const match = new Map<string, string>();
  const used = new Set<string>();
  const aliases = new Map<string, string[]>();
  for (const e of gold) aliases.set(canonPerson(e.person), [...(aliases.get(canonPerson(e.person)) ?? []), ...(e.aliases ?? [])]);
  for (const gp of gPersons) {
    const own = (aliases.get(gp) ?? []).map(native);
    const hit = pPersons.find((pp) => !used.has(pp) && (samePerson(pp, gp) || own.includes(native(ownScript(pp)))));
    if (hit) {
      match.set(gp, hit);
      used.add(hit);
    }
  }
  const personLang = (r.personByLang[it.lang] ??= prf());
  for (const c of story ? [r.person, personLang, story.person] : [r.person, personLang]) {
    c.tp += match.size;
    c.fn += gPersons.length - match.size;
    c.fp += pPersons.length - used.size;
  }
  for (const gp of gPersons) {
    if (match.has(gp) || !g) continue;
    r.problems.push(`  miss-person ${it.id}: ${gp}`);
    const types = gold.filter((e) => canonPerson(e.person) === gp).map((e) => e.type);
    r.errors.push(`  miss ${it.id} [${it.lang}] ${gp} (${[...new Set(types)].join(', ')})`);
  }
  for (const pp of pPersons) {
    if (used.has(pp)) continue;
    r.problems.push(`  extra-person ${it.id}: ${pp}`);
    const types = pred.filter((e) => canonPerson(e.person) === pp).map((e) => e.type);
    r.errors.push(`  wrong-name ${it.id} [${it.lang}] ${pp} (${[...new Set(types)].join(', ')})`);
  }
  return match;
}

/** Type, organisation, role and destination of the matched people's events; returns how many events matched. */
function scoreEvents(
  r: Report,
  it: LabeledItem,
  pred: DetectedEvent[],
  match: Map<string, string>,
  canonPerson: (n: string) => string,
  canonOrg: (n: string | null) => string | null,
): number {
  const gold = it.label.events;
  let found = 0;
  for (const ge of gold) {
    const gp = canonPerson(ge.person);
    const pp = match.get(gp);
    const pe = pp ? pred.find((e) => canonPerson(e.person) === pp && e.type === ge.type) : undefined;
    if (pp) {
      r.typeTotal++;
      if (pe) r.typeCorrect++;
      else
        r.problems.push(
          `  wrong-type ${it.id}: ${gp} gold=${ge.type} pred=${pred.filter((e) => canonPerson(e.person) === pp).map((e) => e.type)}`,
        );
    }
    if (pe) {
      found++;
      if (ge.org) {
        r.orgTotal++;
        if (canonOrg(ge.org) === canonOrg(pe.org)) r.orgCorrect++;
        else r.problems.push(`  wrong-org ${it.id}: ${gp}/${ge.type} gold=${ge.org} pred=${pe.org}`);
      }
      r.roleMatched++;
      if (ge.role) r.roleLabelled++;
      if (pe.role) {
        r.roleGiven++;
        if (ge.role) r.roleFound++;
        if (ge.role && sameRole(ge.role, pe.role)) r.roleAgrees++;
        else r.problems.push(`  role ${it.id}: ${gp}/${ge.type} gold=${ge.role ?? null} pred=${pe.role}`);
      }
      if (ge.destination || pe.destination) {
        r.destTotal++;
        if (canonOrg(ge.destination) === canonOrg(pe.destination)) r.destCorrect++;
        else r.problems.push(`  wrong-dest ${it.id}: ${gp}/${ge.type} gold=${ge.destination} pred=${pe.destination}`);
      }
    }
  }
  return found;
}

export function scoreItems(
  items: LabeledItem[],
  predict: (it: LabeledItem) => DetectedEvent[],
  wl: CompiledWatchlist,
): Report {
  const canonPerson = (n: string): string => {
    const info = wl.names.personAliases.get(fold(n).replace(/\s+/g, ' ').trim());
    const p = info && !info.single && info.persons.length === 1 ? info.persons[0] : undefined;
    return p === undefined ? n : (wl.names.people[p]?.name ?? n);
  };
  const canonOrg = (n: string | null): string | null => {
    if (!n) return null;
    const info = wl.names.orgAliases.get(fold(n).replace(/\s+/g, ' ').trim());
    return fold(info ? (wl.names.orgs[info.org]?.name ?? n) : n).replace(/\s+(inc|corp|sas|llc)\.?$/, '');
  };
  const r = emptyReport();

  for (const it of items) {
    r.items++;
    const pred = predict(it);
    const gold = it.label.events;
    const g = it.label.is_change;
    const p = pred.length > 0;
    const lang = r.changeByLang[it.lang] ?? prf();
    r.changeByLang[it.lang] = lang;
    for (const c of [r.change, lang]) {
      if (g && p) c.tp++;
      else if (p) c.fp++;
      else if (g) c.fn++;
    }
    const story = it.story ? (r.byStory[it.story] ??= { change: prf(), person: prf() }) : null;
    if (story) {
      if (g && p) story.change.tp++;
      else if (p) story.change.fp++;
      else if (g) story.change.fn++;
    }
    if (p && !g) {
      const line = `FP ${it.id} [${it.lang}] ${pred.map((e) => `${e.person}/${e.type}`).join(', ')}`;
      r.problems.push(`${line} :: ${it.title.slice(0, 90)}`);
      r.errors.push(line);
    }
    if (g && !p) {
      r.problems.push(`FN ${it.id} [${it.lang}] ${it.title.slice(0, 110)}`);
      r.errors.push(`FN ${it.id} [${it.lang}] no change found`);
    }

    const match = matchPersons(r, it, pred, canonPerson, story);

    const found = scoreEvents(r, it, pred, match, canonPerson, canonOrg);
    const goldPairs = new Set(gold.map((e) => `${match.get(canonPerson(e.person)) ?? ''}|${e.type}`));
    const backPairs = new Set((it.label.background_events ?? []).map((e) => `${canonPerson(e.person)}|${e.type}`));
    for (const pair of new Set(pred.map((e) => `${canonPerson(e.person)}|${e.type}`))) {
      if (goldPairs.has(pair)) r.cards.tp++;
      else if (backPairs.has(pair)) r.background++;
      else {
        r.cards.fp++;
        r.problems.push(`  extra-card ${it.id}: ${pair.replace('|', '/')}`);
      }
    }
    r.cards.fn += gold.length - found;
    r.pairsFound += found;
    r.pairsTotal += gold.length;
    r.pairsById[it.id] = { found, total: gold.length };
  }
  return r;
}

/** A file eval cannot read: said in one line, exit 2, no stack trace. */
class MissingInput extends Error {}

export function loadJsonl(path: string): LabeledItem[] {
  if (!existsSync(path)) {
    throw new MissingInput(
      `${path} does not exist: npm run eval reads the labelled corpus in ../shared/corpus beside the checkout; ` +
        'name another with --corpus DIR, or score any file in the corpus schema with --set FILE',
    );
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as LabeledItem);
}

export function loadWatchlist(root: string): Watchlist {
  return {
    people: JSON.parse(readFileSync(resolve(root, 'config/people.json'), 'utf8')),
    orgs: JSON.parse(readFileSync(resolve(root, 'config/orgs.json'), 'utf8')),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const ci = args.indexOf('--corpus');
  const corpus = ci >= 0 && args[ci + 1] ? resolve(args[ci + 1] as string) : resolve(root, '../shared/corpus');
  const verbose = args.includes('--verbose') || args.includes('-v');
  const errors = args.includes('--errors');
  await loadGivenNames();
  const wl = compileWatchlist(loadWatchlist(root));
  const predict = (it: LabeledItem): DetectedEvent[] => detect(detectInputOf(it), wl);
  const sets: string[] = [];
  for (let i = 0; i < args.length; i++) if (args[i] === '--set' && args[i + 1]) sets.push(args[i + 1] as string);
  if (sets.length > 0) {
    for (const file of sets) {
      const r = scoreItems(loadJsonl(resolve(file)), predict, wl);
      print(file, r, { verbose, errors, tables: true });
    }
    return;
  }
  const dev = loadJsonl(resolve(corpus, 'dev.jsonl'));
  const seeds = loadJsonl(resolve(corpus, 'seeds/seeds.jsonl'));
  const rd = scoreItems(dev, predict, wl);
  const rs = scoreItems(seeds, predict, wl);
  const all = scoreItems([...dev, ...seeds], predict, wl);
  print('dev', rd, { verbose, errors, tables: false });
  print('seeds', rs, { verbose, errors, tables: false });
  for (const [id, v] of Object.entries(rs.pairsById)) console.log(`  ${id}: ${v.found}/${v.total}`);
  print('dev + seeds', all, { verbose: false, errors: false, tables: false });
  for (let i = 0; i < 10; i++) for (const it of dev) predict(it); // warm-up (JIT)
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < 2000) {
    for (const it of dev) predict(it);
    n += dev.length;
  }
  console.log(
    `\nthroughput: ${Math.round((n * 1000) / (performance.now() - t0))} dev items/s (one core, after warm-up)`,
  );
  // Long articles: the seeds' full bodies.
  const bytes = seeds.reduce((a, it) => a + Buffer.byteLength(`${it.title}${it.summary}${it.body ?? ''}`), 0);
  const t1 = performance.now();
  let rounds = 0;
  while (performance.now() - t1 < 1000) {
    for (const it of seeds) predict(it);
    rounds++;
  }
  console.log(`long articles: ${((performance.now() - t1) / rounds / (bytes / 1024)).toFixed(3)} ms per KB (seed bodies)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    await main();
  } catch (err) {
    if (!(err instanceof MissingInput)) throw err;
    process.stderr.write(`eval: ${err.message}\n`);
    process.exitCode = 2;
  }
}
