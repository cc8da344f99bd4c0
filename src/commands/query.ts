import { ExitsError, errorMessage } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import type { EventRecord, PersonEntry } from '../core/types.ts';
import { fold, MAX_DAYS, personHistory, recentChanges } from './history.ts';

/** A /exits request, parsed from Discord options, Slack text or the CLI. */
export type ExitsRequest =
  | { sub: 'recent'; days?: number; company?: string; page?: number }
  | { sub: 'person'; name: string; page?: number }
  | { sub: 'company'; name: string; page?: number }
  | { sub: 'help' };

export type ExitsAnswer =
  | {
      ok: true;
      /** "Changes in the last 7 days", "Mira Murati". */
      title: string;
      /** The events of the requested page. */
      events: EventRecord[];
      page: number;
      pages: number;
      total: number;
      /** "10 of 34" style line, or the empty-result sentence. */
      summary: string;
    }
  | { ok: false; error: string };

export interface QueryContext {
  store: Store;
  people: PersonEntry[];
  now: () => Date;
}

export const PAGE_SIZE = 10;
/** Longest text accepted from a user for a name or company. */
export const MAX_ARG_LENGTH = 100;

export const HELP_TEXT = [
  '/exits recent [days] [company]: changes of the last days (default 7)',
  '/exits person <name>: one person’s changes (any alias or misspelling)',
  '/exits company <name>: arrivals and departures at a company',
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
        const events = await recentChanges(ctx.store, { days, company: req.company, now: ctx.now() });
        const where = req.company ? ` at ${req.company.trim()}` : '';
        return paginate(
          `Changes${where} in the last ${days} days`,
          events,
          req.page,
          `no changes${where} in the last ${days} days`,
        );
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
          return { ok: false, error };
        }
        return paginate(answer.person ?? req.name.trim(), answer.events, req.page, '');
      }
      case 'company': {
        const bad = checkArg('company', req.name);
        if (bad) return { ok: false, error: bad };
        const company = fold(req.name);
        const events = (await ctx.store.listEvents()).filter((e) =>
          [e.org, e.destination].some((o) => o && fold(o).includes(company)),
        );
        if (events.length === 0) return { ok: false, error: `no changes at '${req.name.trim()}' in the history` };
        return paginate(`Arrivals and departures: ${req.name.trim()}`, events, req.page, '');
      }
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
  for (const e of await ctx.store.listEvents()) names.add(e.person);
  const matches = [...names].filter((n) => {
    if (!q) return true;
    const person = ctx.people.find((p) => p.name === n);
    return [n, ...(person?.aliases ?? [])].some((a) => fold(a).includes(q));
  });
  return matches.sort((a, b) => a.localeCompare(b)).slice(0, limit);
}
