import { closestMatch } from 'leven';
import { ExitsError, errorMessage } from '../core/errors.ts';
import { shownName } from '../core/names.ts';
import type { Store } from '../core/ports.ts';
import { cleanLine, languageName } from '../core/text.ts';
import type { QueryAnswer, QueryRequest } from '../core/queries.ts';
import { CHANGE_TYPES, type ChangeType, type EventRecord, type PersonEntry, type Report } from '../core/types.ts';
import { type FeedsRequest, feedsRequest } from './feeds.ts';
import { fold, MAX_DAYS, personHistory, recentChanges } from './history.ts';

/** A /exits request as the platforms parse it; a watch request also names its channel. */
export type ExitsRequest =
  | Exclude<QueryRequest, { sub: 'watch' | 'feeds' }>
  | (Extract<QueryRequest, { sub: 'watch' }> & { channel: WatchTarget })
  | FeedsRequest;

/** The channel a `/exits watch` request is about, with what its config says it wants. */
export interface WatchTarget {
  platform: string;
  channel: string;
  configured: { people?: string[]; companies?: string[] };
  /** Whether the asker may change the channel's watchlist (checked by the platform: permissions, admins). */
  mayEdit: boolean;
}

export type ExitsAnswer = QueryAnswer;

export interface QueryContext {
  store: Store;
  people: PersonEntry[];
  now: () => Date;
  /** For /exits feeds: the config's feed URLs, and the check a new URL must pass (public address...). */
  feeds?: {
    configured: string[];
    /** The ids the cycle keeps the configured feeds' states under, in the same order (default: the URL). */
    configuredIds?: string[];
    /** The config's X accounts, listed with their schedules. */
    accounts?: { id: string; handle: string }[];
    check(url: string): Promise<{ ok: true; url: string } | { ok: false; error: string }>;
  };
}

export const PAGE_SIZE = 10;
/** Longest text accepted from a user for a name or company. */
export const MAX_ARG_LENGTH = 100;

export const HELP_TEXT = [
  '/exits recent [days] [company] [kind]: changes of the last days (default 7)',
  '/exits person <name>: one person’s changes (any alias or misspelling)',
  '/exits company <name>: arrivals and departures at a company',
  '/exits sources <id>: where a change was reported (the id is on its card)',
  '/exits watch add|remove person|company <name>, /exits watch list: what this channel receives',
  '/exits feeds add <url> [name], /exits feeds remove <url>, /exits feeds list: feeds polled beside the config’s',
  '/exits help: this text',
].join('\n');

function paginate(title: string, all: EventRecord[], page = 1, empty: string): ExitsAnswer {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, Math.floor(page)), pages);
  const events = all.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE);
  const from = (p - 1) * PAGE_SIZE;
  const summary =
    all.length === 0
      ? empty
      : `${from + 1}–${from + events.length} of ${all.length}${pages > 1 ? ` (page ${p}/${pages})` : ''}`;
  return { ok: true, title, events, page: p, pages, total: all.length, summary };
}

function checkArg(name: string, value: string): string | null {
  const v = value.trim();
  if (v.length === 0) return `${name} is empty`;
  if (v.length > MAX_ARG_LENGTH) return `${name} is longer than ${MAX_ARG_LENGTH} characters`;
  return null;
}

/** Answers a request from the history; bad input becomes { ok: false } with a sentence for the user. */
export async function answerRequest(req: ExitsRequest, ctx: QueryContext): Promise<ExitsAnswer> {
  try {
    switch (req.sub) {
      case 'help':
        return { ok: false, error: HELP_TEXT };
      case 'recent': {
        const days = req.days ?? 7;
        if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
          return { ok: false, error: `days must be a whole number from 1 to ${MAX_DAYS}` };
        }
        const bad = req.company === undefined ? null : checkArg('company', req.company);
        if (bad) return { ok: false, error: bad };
        const kind = req.kind?.trim().toLowerCase();
        if (kind && !CHANGE_TYPES.includes(kind as ChangeType)) {
          return { ok: false, error: `kind must be one of ${CHANGE_TYPES.join(', ')}` };
        }
        const all = await recentChanges(ctx.store, { days, company: req.company, now: ctx.now() });
        const events = kind ? all.filter((e) => e.type === kind) : all;
        const where = `${kind ? ` (${kind})` : ''}${req.company ? ` at ${req.company.trim()}` : ''}`;
        const span = days === 1 ? 'day' : `${days} days`;
        return paginate(`Changes${where} in the last ${span}`, events, req.page, `no changes${where} in the last ${span}`);
      }
      case 'person': {
        const bad = checkArg('name', req.name);
        if (bad) return { ok: false, error: bad };
        const answer = await personHistory(ctx.store, req.name, ctx.people);
        if (answer.events.length === 0) {
          const hint = answer.suggestions.length ? `; did you mean ${answer.suggestions.join(', ')}?` : '';
          const error = answer.person
            ? `no changes for ${answer.person} in the history`
            : `no one called '${req.name.trim()}' in the history${hint}`;
          return { ok: false, error, nothing: true };
        }
        return paginate(answer.shown ?? answer.person ?? req.name.trim(), answer.events, req.page, '');
      }
      case 'company': {
        const bad = checkArg('company', req.name);
        if (bad) return { ok: false, error: bad };
        const company = fold(req.name);
        const events = await ctx.store.listEvents(undefined, (e) =>
          [e.org, e.destination].some((o) => o && fold(o).includes(company)),
        );
        if (events.length === 0) return { ok: false, error: await noCompany(ctx, req.name.trim()), nothing: true };
        return paginate(`Arrivals and departures at ${companyName(events, company) ?? req.name.trim()}`, events, req.page, '');
      }
      case 'sources':
        return await eventSources(ctx, req.event);
      case 'watch':
        return await watchRequest(ctx, req);
      case 'feeds':
        return await feedsRequest(ctx, req);
    }
  } catch (err) {
    if (err instanceof ExitsError && err.code === 'BAD_ARGUMENT') return { ok: false, error: err.message };
    throw new ExitsError('QUERY_FAILED', `could not read the history: ${errorMessage(err)}`, { cause: err });
  }
}

/** Names for autocomplete: watchlist people and people in the history whose name contains the typed text. */
export async function suggestNames(ctx: QueryContext, typed: string, limit = 25): Promise<string[]> {
  const q = fold(typed);
  const names = new Set<string>(ctx.people.map((p) => p.name));
  const latin = new Map<string, string>();
  await ctx.store.listEvents(undefined, (e) => {
    names.add(e.person);
    if (e.latin) latin.set(e.person, e.latin);
    return false;
  });
  const matches = [...names].filter((n) => {
    if (!q) return true;
    const person = ctx.people.find((p) => p.name === n);
    return [n, latin.get(n) ?? '', ...(person?.aliases ?? [])].some((a) => a && fold(a).includes(q));
  });
  return matches.sort((a, b) => a.localeCompare(b)).slice(0, limit);
}

/** The spelling the history uses for a company a user typed in any case ("openai" gives "OpenAI"). */
function companyName(events: EventRecord[], folded: string): string | undefined {
  for (const e of events) {
    for (const o of [e.org, e.destination]) if (o && fold(o) === folded) return o;
  }
  return undefined;
}

/** "no changes at 'Metta' in the history; did you mean Meta?" from the companies the history holds. */
async function noCompany(ctx: QueryContext, typed: string): Promise<string> {
  const names = new Map<string, string>();
  await ctx.store.listEvents(undefined, (e) => {
    for (const o of [e.org, e.destination]) if (o) names.set(fold(o), o);
    return false;
  });
  const near = closestMatch(fold(typed), [...names.keys()], { maxDistance: Math.max(1, Math.floor(typed.length / 3)) });
  const hint = near === undefined ? '' : `; did you mean ${names.get(near)}?`;
  return `no changes at '${typed}' in the history${hint}`;
}

/** One source of a change: its day, language, outlet, headline and link, without hidden characters. */
function reportLine(r: Report): string {
  const day = r.published && !Number.isNaN(Date.parse(r.published)) ? new Date(r.published).toISOString().slice(0, 10) : '';
  return [day, languageName(r.lang), cleanLine(r.source, 200), cleanLine(r.title, 500), r.url].filter(Boolean).join(' · ');
}

/** `/exits sources ID`: every report of one change; a unique prefix of the id is enough. */
async function eventSources(ctx: QueryContext, id: string): Promise<ExitsAnswer> {
  const key = id.trim().toLowerCase();
  if (!/^[0-9a-f]{4,32}$/.test(key)) return { ok: false, error: 'give the id shown on a card (4 or more of its characters)' };
  const exact = await ctx.store.getEvent(key);
  const matches = exact ? [exact] : await ctx.store.listEvents(undefined, (e) => e.key.startsWith(key));
  if (matches.length === 0) return { ok: false, error: `no change with id ${key} in the history`, nothing: true };
  if (matches.length > 1) return { ok: false, error: `${matches.length} changes start with ${key}: give more of the id` };
  const e = matches[0] as EventRecord;
  const n = e.reports.length;
  return {
    ok: true,
    title: `${cleanLine(shownName(e), 200)}, ${e.type}${e.org ? `, ${cleanLine(e.org, 200)}` : ''}: reported by ${n} source${n === 1 ? '' : 's'}`,
    lines: e.reports.map(reportLine),
    whole: `exits sources ${e.key}`,
  };
}

function listOf(values: string[] | undefined): string {
  return values && values.length > 0 ? values.join(', ') : 'everyone';
}

/** `/exits watch`: the channel's people and companies; changing them needs `mayEdit`. */
async function watchRequest(ctx: QueryContext, req: Extract<ExitsRequest, { sub: 'watch' }>): Promise<ExitsAnswer> {
  const { platform, channel, configured } = req.channel;
  const current = (await ctx.store.getWatch(platform, channel)) ?? {
    people: configured.people ?? [],
    companies: configured.companies ?? [],
  };
  const describe = (w: typeof current) => [
    `people: ${listOf(w.people)}`,
    `companies: ${w.companies && w.companies.length > 0 ? w.companies.join(', ') : 'any'}`,
    ...(!w.people?.length && !w.companies?.length ? ['(no filter: this channel receives every change)'] : []),
  ];
  if (req.action === 'list') return { ok: true, title: 'This channel watches', lines: describe(current) };
  if (!req.channel.mayEdit) return { ok: false, error: 'only channel admins can change what this channel watches' };
  if (!req.what || !req.name) return { ok: false, error: 'say what to watch: watch add person <name> or watch add company <name>' };
  const bad = checkArg('name', req.name);
  if (bad) return { ok: false, error: bad };
  let name = req.name.trim();
  let unknown = false;
  if (req.what === 'person') {
    const found = await personHistory(ctx.store, name, ctx.people).catch(() => null);
    if (found?.person) name = found.person;
    else unknown = req.action === 'add';
  }
  const field = req.what === 'person' ? 'people' : 'companies';
  const list = current[field] ?? [];
  const has = list.some((v) => fold(v) === fold(name));
  if (req.action === 'add' && has) return { ok: false, error: `${name} is already watched here`, nothing: true };
  if (req.action === 'remove' && !has) return { ok: false, error: `${name} is not on this channel's watchlist`, nothing: true };
  const next = { ...current, [field]: req.action === 'add' ? [...list, name] : list.filter((v) => fold(v) !== fold(name)) };
  await ctx.store.setWatch(platform, channel, next);
  const note = unknown ? [`(${name} is not on the watchlist or in the history yet: cards come once a change of theirs is reported)`] : [];
  return { ok: true, title: `${req.action === 'add' ? 'Now watching' : 'No longer watching'} ${name}`, lines: [...describe(next), ...note] };
}
