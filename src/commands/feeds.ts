import { randomUUID } from 'node:crypto';
import { MAX_URL_LENGTH, type QueryAnswer, type QueryRequest } from '../core/queries.ts';
import { cleanLine } from '../core/text.ts';
import type { AddedFeed, FeedState, PushSubscription } from '../core/types.ts';
import type { QueryContext } from './query.ts';

/** `/exits feeds add|remove|list`: feeds added at run time, polled beside the config's from the next cycle. */
export type FeedsRequest = Extract<QueryRequest, { sub: 'feeds' }> & {
  /** Who asks ("discord:USER", "slack:USER", "cli") and whether they may change the feeds. */
  asker: { id: string; mayEdit: boolean };
};

/** More than this many added feeds belongs in the config file, where it is reviewed. */
export const MAX_ADDED_FEEDS = 200;
const MAX_NAME_LENGTH = 100;
const EDIT_LOCK = 'feeds:edit';

function line(f: AddedFeed): string {
  return `${f.name} · ${f.url} · added by ${f.addedBy} on ${f.addedAt.slice(0, 10)}`;
}

/** "45 s", "2 min", "1 h 30 min", "6 d 23 h". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h >= 48) {
    const d = Math.floor(h / 24);
    return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
  }
  return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
}

/** "12:34 UTC (in 3 min)", with the date when it is not within a day. */
function when(iso: string, now: Date): string {
  const at = Date.parse(iso);
  const day = Math.abs(at - now.getTime()) < 86_400_000 ? '' : `${iso.slice(0, 10)} `;
  const away = at - now.getTime();
  const rel = away > 0 ? `in ${duration(away)}` : 'due now';
  return `${day}${iso.slice(11, 16)} UTC (${rel})`;
}

/** How often a feed is polled and when next, as its state says: "every 2 min (rhythm), next 12:34 UTC (in 1 min)". */
export function scheduleText(state: FeedState | undefined, now: Date): string {
  if (!state?.lastOkAt && !state?.failures) return 'not polled yet';
  if (state.failingSince && state.nextAttemptAt) {
    return `failing since ${state.failingSince.slice(0, 16).replace('T', ' ')} UTC, next try ${when(state.nextAttemptAt, now)}`;
  }
  if (!state.nextPollAt) return `polled at every tick, last ${(state.lastOkAt ?? '').slice(11, 16)} UTC`;
  const why = state.pollReason ? ` (${state.pollReason})` : '';
  return `every ${duration(state.pollIntervalMs ?? 0)}${why}, next ${when(state.nextPollAt, now)}`;
}

/** The hub's host (its path too when not bare), for a line of the list. */
function hubName(hub: string): string {
  if (!URL.canParse(hub)) return hub;
  const u = new URL(hub);
  return u.pathname === '/' ? u.host : `${u.host}${u.pathname}`;
}

/**
 * What WebSub does for a feed, as its subscription says: "pushed by hub.example (lease until 2024-10-03
 * 12:00 UTC (in 7 d))", or that it is being asked for, refused or lapsed. Null without a subscription
 * (no hub advertised, or push not configured). A feed being unsubscribed (it changed hub) shows nothing.
 */
export function pushText(sub: PushSubscription | undefined, now: Date): string | null {
  if (!sub || sub.status === 'unsubscribing') return null;
  const hub = hubName(sub.hub);
  if (sub.status === 'subscribing') return `push: subscribing at ${hub}, not verified yet${sub.reason ? ` (last try: ${cleanLine(sub.reason, 160)})` : ''}`;
  if (sub.status === 'denied') return `push refused by ${hub}${sub.reason ? ` (${sub.reason})` : ''}, asked again later`;
  if (!sub.expiresAt) return `push: verified by ${hub}, no lease`;
  if (Date.parse(sub.expiresAt) <= now.getTime()) return `push lease at ${hub} ran out ${when(sub.expiresAt, now).replace(' (due now)', '')}: polled as usual`;
  return `pushed by ${hub} (lease until ${when(sub.expiresAt, now)})`;
}

async function withSchedules(ctx: QueryContext, ids: string[], lines: string[]): Promise<string[]> {
  const states = ids.length > 0 ? await ctx.store.getFeedStates(ids) : [];
  const subs = new Map<string, PushSubscription>();
  for (const sub of await ctx.store.listSubscriptions()) {
    // A feed that changed hub has two records for a while: the one being unsubscribed gives way.
    if (sub.status !== 'unsubscribing' || !subs.has(sub.feedId)) subs.set(sub.feedId, sub);
  }
  const now = ctx.now();
  return lines.map((l, i) => {
    const push = pushText(subs.get(ids[i] ?? ''), now);
    return `${l} · ${scheduleText(states[i], now)}${push ? ` · ${push}` : ''}`;
  });
}

/** Runs `edit` holding the feeds' lease, so two replicas (or two admins) never overwrite each other. */
async function underLock<T>(ctx: QueryContext, edit: () => Promise<T>): Promise<T> {
  const owner = randomUUID();
  for (let tries = 0; !(await ctx.store.claim(EDIT_LOCK, owner, 10_000)); tries++) {
    if (tries >= 40) throw new Error('the feed list is being changed by someone else: try again');
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    return await edit();
  } finally {
    await ctx.store.release(EDIT_LOCK, owner);
  }
}

export async function feedsRequest(ctx: QueryContext, req: FeedsRequest): Promise<QueryAnswer> {
  if (req.action === 'list') {
    const added = await ctx.store.getAddedFeeds();
    const configured = ctx.feeds?.configured ?? [];
    const accounts = ctx.feeds?.accounts ?? [];
    // Each line with its poll interval and next poll; states are keyed by the id the cycle polls under.
    const ids = [...configured.map((url, i) => ctx.feeds?.configuredIds?.[i] ?? url), ...accounts.map((a) => a.id), ...added.map((f) => f.url)];
    const lines = await withSchedules(ctx, ids, [
      ...configured.map((url) => `${url} · from the config`),
      ...accounts.map((a) => `${a.handle} · X account from the config`),
      ...added.map(line),
    ]);
    const x = accounts.length > 0 ? `, ${accounts.length} X accounts` : '';
    return {
      ok: true,
      title: `Feeds: ${configured.length} from the config${x}, ${added.length} added`,
      lines: added.length > 0 ? lines : [...lines, 'none added: /exits feeds add <url> [name]'],
    };
  }
  if (!req.asker.mayEdit) return { ok: false, error: 'only the bot’s admins can change its feeds' };
  const raw = (req.url ?? '').trim();
  if (!raw) return { ok: false, error: `usage: /exits feeds ${req.action} <url>` };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, error: `that URL is longer than ${MAX_URL_LENGTH} characters` };
  if (req.action === 'remove') {
    return underLock(ctx, async () => {
      const added = await ctx.store.getAddedFeeds();
      const gone = added.find((f) => f.url === raw || f.name.toLowerCase() === raw.toLowerCase());
      if (!gone) {
        if (ctx.feeds?.configured.includes(raw)) return { ok: false, error: 'that feed is in the config file: remove it there' };
        return { ok: false, error: `no added feed ${raw}`, nothing: true };
      }
      await ctx.store.setAddedFeeds(added.filter((f) => f !== gone));
      return { ok: true, title: `Removed ${gone.name}`, lines: [`${gone.url} is no longer polled`] };
    });
  }
  const name = req.name?.replace(/\s+/g, ' ').trim();
  if (name !== undefined && name.length > MAX_NAME_LENGTH) {
    return { ok: false, error: `the name is longer than ${MAX_NAME_LENGTH} characters` };
  }
  if (!ctx.feeds) return { ok: false, error: 'feeds cannot be added here' };
  const checked = await ctx.feeds.check(raw);
  if (!checked.ok) return { ok: false, error: checked.error };
  const url = checked.url;
  if (ctx.feeds.configured.includes(url)) return { ok: false, error: 'that feed is already in the config file' };
  return underLock(ctx, async () => {
    const added = await ctx.store.getAddedFeeds();
    if (added.some((f) => f.url === url)) return { ok: false, error: 'that feed was already added' };
    if (added.length >= MAX_ADDED_FEEDS) {
      return { ok: false, error: `${MAX_ADDED_FEEDS} feeds are added already: put more in the config file` };
    }
    const feed: AddedFeed = { url, name: name || new URL(url).host, addedBy: req.asker.id, addedAt: ctx.now().toISOString() };
    await ctx.store.setAddedFeeds([...added, feed]);
    return { ok: true, title: `Added ${feed.name}`, lines: [`${url} is polled from the next cycle`] };
  });
}
