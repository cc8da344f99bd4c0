import { parseArgs } from 'node:util';
import type { ExitsRequest } from '../commands/query.ts';
import { closestMatch } from 'leven';
import { CHANGE_TYPES } from '../core/types.ts';

/** As far back as `recent --days` reaches (the same bound as /exits recent). */
const MAX_DAYS = 3650;

export const HELP = `exits: leadership-change alerts from news and X feeds

Usage: exits <command> [options]

Commands:
  run                         the long-running bot: poll on the cron schedule, post cards (what npm start runs)
  once                        one poll cycle, then exit
  detect                      run the detector on items in the corpus JSONL schema, one JSON line per item
  read URL [URL ...]          what exits reads from each feed (title, link, date per item), storing nothing:
                              check a feed before adding it; loopback and private addresses are allowed
  recent                      changes in the history from the last days
  person NAME                 the history of one person (any alias or misspelling)
  company NAME                arrivals and departures at a company
  sources ID                  where a change was reported (the id is on its card)
  watch list|add|remove [person|company NAME] --channel PLATFORM:ID
                              what a chat channel receives, as /exits watch changes it
  feeds list|add|remove [URL] [--name NAME]
                              feeds polled beside the config's, as /exits feeds changes them
  outbox list|retry|drop [ID...|all]
                              alerts set aside because Discord or Slack refused them for good: list them,
                              put them back in the outbox (retry), or forget them (drop)
  commands register           register the /exits slash command with Discord (to DISCORD_GUILD_ID when set)
  backup FILE                 copy the SQLite store into a new FILE, safely while the bot runs
  help                        this text

Options:
  --config FILE               YAML or JSON config (default: $EXITS_CONFIG, else the bundled config/default.yaml)
  --store URL                 sqlite://PATH, redis://HOST:PORT or memory:// (overrides the config; backup: the store to copy)
  --feed URL                  once: poll this feed instead of the configured ones (repeatable)
  --json                      once, recent, person, company: one JSON line per change instead of a card;
                              read: one JSON line per feed
  --input FILE                detect: the JSONL file to read (default: standard input)
  --days N                    recent: how many days back (default 7)
  --company NAME              recent: only changes at this company
  --kind KIND                 recent: only departure, fired, leave, joined, appointed, reinstated or founded
  --channel PLATFORM:ID       watch: the channel, e.g. discord:123456789012345678 or slack:C0123456789
  --name NAME                 feeds add: how cards name the feed (default: its host)
  -h, --help                  this text

Environment: DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_API_URL, DISCORD_GUILD_ID, SLACK_BOT_TOKEN,
SLACK_APP_TOKEN, SLACK_SIGNING_SECRET, SLACK_PORT, SLACK_API_URL, REDIS_URL, HEALTH_PORT, EXITS_REPLICA_ID,
EXITS_CHAT_TIMEOUT_MS, EXITS_SLACK_MAX_WAIT_MS, LOG_LEVEL, LOG_FORMAT (json or pretty). Logs go to stderr.

Exit codes: 0 done (nothing found included), 1 runtime failure, 2 usage error.
`;

export class UsageError extends Error {}

/** A history question (the same ones /exits answers); `watch` also names the channel. */
export type QueryCommand = {
  name: 'query';
  config?: string;
  store?: string;
  json: boolean;
  request: Exclude<ExitsRequest, { sub: 'watch' | 'help' | 'feeds' }> | WatchCommand | FeedsCommand;
};

export interface WatchCommand {
  sub: 'watch';
  action: 'add' | 'remove' | 'list';
  what?: 'person' | 'company';
  name?: string;
  platform: string;
  channel: string;
}

export interface FeedsCommand {
  sub: 'feeds';
  action: 'add' | 'remove' | 'list';
  url?: string;
  name?: string;
}

export interface OutboxCommand {
  name: 'outbox';
  config?: string;
  store?: string;
  action: 'list' | 'retry' | 'drop';
  ids: string[];
}

export type Command =
  | { name: 'help' }
  | OutboxCommand
  | { name: 'run'; config?: string; store?: string }
  | { name: 'once'; config?: string; store?: string; feeds: string[]; json: boolean }
  | { name: 'detect'; config?: string; input?: string }
  | { name: 'read'; urls: string[]; json: boolean }
  | QueryCommand
  | { name: 'commands-register'; config?: string }
  | { name: 'backup'; config?: string; store?: string; file: string };

/** Which options each command accepts; anything else is a usage error. */
const ALLOWED: Record<string, string[]> = {
  run: ['config', 'store'],
  once: ['config', 'store', 'feed', 'json'],
  detect: ['config', 'input'],
  read: ['json'],
  recent: ['config', 'store', 'days', 'company', 'kind', 'json'],
  person: ['config', 'store', 'json'],
  company: ['config', 'store', 'json'],
  sources: ['config', 'store'],
  watch: ['config', 'store', 'channel'],
  feeds: ['config', 'store', 'name'],
  commands: ['config'],
  backup: ['config', 'store'],
  outbox: ['config', 'store'],
};

function dayCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_DAYS) {
    throw new UsageError(`--days must be a whole number from 1 to ${MAX_DAYS}, not "${value}"`);
  }
  return Number(value);
}

function feedUrls(values: string[] | undefined): string[] {
  for (const url of values ?? []) {
    if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new UsageError(`--feed needs an http(s) URL, not "${url}"`);
  }
  return values ?? [];
}

/** " (did you mean recent?)" when a command name is a typo of one. */
function didYouMean(typed: string, known: string[]): string {
  const near = closestMatch(typed.toLowerCase(), known, { maxDistance: 2 });
  return near === undefined ? '' : `; did you mean "${near}"?`;
}

function feedsCommand(rest: string[], name: string | undefined): FeedsCommand {
  const [action, url, ...extra] = rest;
  if (action === 'list' && url === undefined && name === undefined) return { sub: 'feeds', action };
  if ((action !== 'add' && action !== 'remove') || !url || extra.length > 0 || (action === 'remove' && name !== undefined)) {
    throw new UsageError('usage: exits feeds list, exits feeds add URL [--name NAME], exits feeds remove URL');
  }
  return { sub: 'feeds', action, url, name };
}

function watchCommand(rest: string[], channelOption: string | undefined): WatchCommand {
  const [action, what, ...name] = rest;
  if (action !== 'list' && action !== 'add' && action !== 'remove') {
    throw new UsageError('usage: exits watch list|add|remove [person|company NAME] --channel PLATFORM:ID');
  }
  const m = /^(discord|slack):(\S+)$/.exec(channelOption ?? '');
  if (!m) throw new UsageError('watch needs --channel discord:ID or --channel slack:ID');
  const target: WatchCommand = { sub: 'watch', action, platform: m[1] as string, channel: m[2] as string };
  if (action === 'list') {
    if (what !== undefined) throw new UsageError(`unexpected argument "${what}" for "watch list"`);
    return target;
  }
  if (what !== 'person' && what !== 'company') throw new UsageError(`watch ${action} needs "person NAME" or "company NAME"`);
  if (name.join(' ').trim() === '') throw new UsageError(`watch ${action} ${what} needs a NAME`);
  return { ...target, what, name: name.join(' ').trim() };
}

const OUTBOX_USAGE = 'usage: exits outbox list, exits outbox retry ID... (or all), exits outbox drop ID... (or all)';

function outboxArgs(rest: string[]): Pick<OutboxCommand, 'action' | 'ids'> {
  const [action, ...ids] = rest;
  if (action === 'list' && ids.length === 0) return { action, ids };
  if ((action !== 'retry' && action !== 'drop') || ids.length === 0) throw new UsageError(OUTBOX_USAGE);
  if (ids.includes('all') && ids.length > 1) throw new UsageError(`outbox ${action} takes ids or "all", not both`);
  return { action, ids };
}

export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const unknown = /^Unknown option '([^']+)'/.exec((err as Error).message);
    throw new UsageError(unknown ? `unknown option ${unknown[1]}; try exits --help` : String((err as Error).message.split('.')[0]));
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || name === 'help' || name === undefined) {
    if (name === undefined && !values.help) throw new UsageError('no command given; try exits --help');
    return { name: 'help' };
  }
  const allowed = ALLOWED[name];
  if (!allowed) throw new UsageError(`unknown command "${name}"${didYouMean(name, Object.keys(ALLOWED)) || '; try exits --help'}`);
  for (const key of Object.keys(values)) {
    if (!allowed.includes(key)) throw new UsageError(`option --${key} does not apply to "${name}"`);
  }
  const takesArgs = ['person', 'company', 'sources', 'watch', 'feeds', 'commands', 'backup', 'read', 'outbox'];
  if (!takesArgs.includes(name) && rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}" for "${name}"`);
  const common = { config: values.config, store: values.store };
  const json = values.json ?? false;
  const text = rest.join(' ').trim();
  switch (name) {
    case 'run':
      return { name: 'run', ...common };
    case 'once':
      return { name: 'once', ...common, feeds: feedUrls(values.feed), json };
    case 'detect':
      return { name: 'detect', config: values.config, input: values.input };
    case 'backup':
      if (rest.length !== 1) throw new UsageError('usage: exits backup FILE (a new file to copy the store into)');
      return { name: 'backup', ...common, file: rest[0] as string };
    case 'read':
      if (rest.length === 0) throw new UsageError('read needs at least one feed URL, e.g. exits read https://example.com/feed.xml');
      return { name: 'read', urls: rest, json };
    case 'outbox':
      return { name: 'outbox', ...common, ...outboxArgs(rest) };
    case 'commands':
      if (rest.length !== 1 || rest[0] !== 'register') throw new UsageError('usage: exits commands register');
      return { name: 'commands-register', config: values.config };
    case 'recent': {
      const kind = values.kind?.trim().toLowerCase();
      if (kind !== undefined && !(CHANGE_TYPES as readonly string[]).includes(kind)) {
        throw new UsageError(`--kind must be one of ${CHANGE_TYPES.join(', ')}, not "${values.kind}"`);
      }
      return {
        name: 'query',
        ...common,
        json,
        request: {
          sub: 'recent',
          days: values.days === undefined ? 7 : dayCount(values.days),
          company: values.company,
          kind,
        },
      };
    }
    case 'person':
    case 'company':
      if (!text) throw new UsageError(`${name} needs a NAME, e.g. exits ${name} ${name === 'person' ? 'murati' : 'openai'}`);
      return { name: 'query', ...common, json, request: { sub: name, name: text } };
    case 'sources':
      if (!text) throw new UsageError('sources needs the ID shown on a card, e.g. exits sources 3fa9c01b2e');
      return { name: 'query', ...common, json, request: { sub: 'sources', event: text } };
    case 'feeds':
      return { name: 'query', ...common, json, request: feedsCommand(rest, values.name) };
    default:
      return { name: 'query', ...common, json, request: watchCommand(rest, values.channel) };
  }
}

const OPTIONS = {
  config: { type: 'string' },
  store: { type: 'string' },
  feed: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  input: { type: 'string' },
  days: { type: 'string' },
  company: { type: 'string' },
  kind: { type: 'string' },
  channel: { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
