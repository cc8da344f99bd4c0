import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cron from 'node-cron';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ExitsError, errorMessage } from '../core/errors.ts';
import type { SourceSpec } from '../core/ports.ts';
import { CHANGE_TYPES, type OrgEntry, type PersonEntry, type Watchlist } from '../core/types.ts';
import { describeIssues } from './config-issues.ts';

/** The folder holding package.json, config/ and data/, wherever the shell is (src/app and dist/app alike). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A time zone Intl knows ("Europe/Paris", "UTC"). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const channel = z
  .object({
    id: z.string().min(1),
    /** Only changes of these people (canonical names or surnames) or at these companies; none = all. */
    people: z.array(z.string().min(1)).optional(),
    companies: z.array(z.string().min(1)).optional(),
    kinds: z.array(z.enum(CHANGE_TYPES)).optional(),
    languages: z.array(z.string().min(2)).optional(),
    minConfidence: z.number().min(0).max(1).optional(),
    name: z.string().optional(),
  })
  .strict();

const hostLimit = z
  .object({ concurrency: z.number().int().min(1).max(64).default(4), gapMs: z.number().int().min(0).max(600_000).default(0) })
  .strict();

const ConfigSchema = z
  .object({
    schedule: z
      .string()
      .default('* * * * *')
      .refine((s) => cron.validate(s), { message: 'is not a valid cron expression' }),
    timezone: z.string().refine(isTimeZone, { message: 'is not a time zone: use an IANA name such as Europe/Paris or UTC' }).optional(),
    /** Absent: the SQLite file data/exits.sqlite in the package's folder. */
    store: z.string().optional(),
    maxAgeHours: z.number().positive().default(48),
    postOnFirstSight: z.boolean().default(false),
    seenTtlDays: z.number().positive().default(30),
    concurrency: z.number().int().min(1).max(64).default(8),
    mergeWindowDays: z.number().positive().default(14),
    updateThrottleSeconds: z.number().min(0).default(60),
    /**
     * Adaptive polling and politeness (docs/polling.md): each feed polled between minSeconds and maxSeconds
     * apart by its rhythm, never sooner than its <ttl>, Cache-Control or Retry-After allow; per host at most
     * `concurrency` requests at once and `gapMs` between two.
     */
    polling: z
      .object({
        adaptive: z.boolean().default(true),
        minSeconds: z.number().positive().default(60),
        maxSeconds: z.number().positive().default(300),
        feedHints: z.boolean().default(true),
        perHost: hostLimit.prefault({}),
        /** Limits of named hosts, over the defaults for Google News and the public X mirrors. */
        hosts: z.record(z.string().min(1), hostLimit).default({}),
      })
      .strict()
      .refine((p) => p.minSeconds <= p.maxSeconds, { message: 'minSeconds must not be more than maxSeconds', path: ['maxSeconds'] })
      .prefault({}),
    /** A failing feed waits base * 2^(failures-1) seconds (capped, jittered) before its next try. */
    backoff: z
      .object({ baseSeconds: z.number().positive().default(60), maxSeconds: z.number().positive().default(3600) })
      .strict()
      .prefault({}),
    /** A feed failing for this long gets one warning: in the log (level error) and in the admin channel. */
    warnAfterHours: z.number().positive().default(24),
    /** Where warnings for the bot's operators go; the log alone when absent. */
    admin: z
      .object({ platform: z.enum(['discord', 'slack', 'console']), channel: z.string().min(1).optional() })
      .strict()
      .refine((a) => a.platform === 'console' || a.channel !== undefined, {
        message: 'needs a channel for discord and slack',
      })
      .optional(),
    /** /healthz and /metrics on this port; off when absent (HEALTH_PORT in the environment also turns it on). */
    health: z
      .object({ port: z.number().int().min(0).max(65535), host: z.string().min(1).optional() })
      .strict()
      .optional(),
    /**
     * WebSub push (issue 19): feeds that advertise a hub are subscribed; the hub calls back at
     * `${publicUrl}/websub/<id>`, served by the health server. Absent: no push, polling only.
     */
    push: z
      .object({
        publicUrl: z
          .url({ protocol: /^https?$/, error: 'must be an http(s) URL at which hubs reach this bot, such as https://exits.example.com' })
          .refine((u) => !u.includes('?') && !u.includes('#'), { message: 'must have no query or fragment: callbacks are appended to it' }),
        /** Lease asked of hubs; a hub may grant another, which is renewed at 80% of it. */
        leaseDays: z.number().positive().max(365).default(7),
        /** A feed under push is still polled this often, in case its hub missed a delivery. */
        safetyPollMinutes: z.number().min(1).default(60),
      })
      .strict()
      .optional(),
    http: z
      .object({
        timeoutMs: z.number().int().min(100).default(15_000),
        maxBytes: z
          .number()
          .int()
          .min(1024)
          .default(5 * 1024 * 1024),
        userAgent: z.string().min(1).default('exits/0.1 (+leadership-change alerts)'),
        /** Feeds added at run time (/exits feeds add) may be on loopback or private addresses. */
        allowPrivateAddresses: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    /** Absent: the watchlist bundled in config/; a path is relative to the config file. */
    watchlist: z.object({ people: z.string().min(1).optional(), orgs: z.string().min(1).optional() }).strict().prefault({}),
    feeds: z
      .array(
        z.object({ url: httpUrl, name: z.string().min(1).optional(), lang: z.string().min(2).optional() }).strict(),
      )
      .default([]),
    x: z
      .array(
        z
          .object({
            handle: z.string().regex(/^@?\w{1,30}$/, 'must be an X handle such as @miramurati'),
            person: z.string().min(1).optional(),
            mirrors: z.array(z.string().min(1)).min(1),
            lang: z.string().min(2).optional(),
          })
          .strict(),
      )
      .default([]),
    discord: z.object({ channels: z.array(channel).default([]) }).strict().prefault({}),
    slack: z
      .object({
        channels: z.array(channel).default([]),
        /** Slack user ids allowed to change a channel's watchlist with /exits watch. */
        admins: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** A loaded config: paths made absolute, the store always named. */
export type Config = Omit<z.infer<typeof ConfigSchema>, 'store'> & { store: string; file: string };

const EnvSchema = z.object({
  EXITS_CONFIG: z.string().optional(),
  /** Unset: info for run and once, warn for the commands that answer a question. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Unset: readable lines at a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  DISCORD_TOKEN: z.string().optional(),
  DISCORD_APPLICATION_ID: z.string().optional(),
  DISCORD_API_URL: z.string().optional(),
  DISCORD_GUILD_ID: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_APP_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_PORT: z.coerce.number().int().positive().optional(),
  SLACK_API_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  /** libuv's thread pool, read by Node itself; feed host lookups take at most half of it. */
  UV_THREADPOOL_SIZE: z.coerce.number().int().min(1).max(1024).optional(),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Address /healthz binds to (default loopback; the Docker image sets 0.0.0.0). */
  HEALTH_HOST: z.string().min(1).optional(),
  /** Address Slack's HTTP mode binds to (default loopback, behind a reverse proxy). */
  SLACK_HOST: z.string().min(1).optional(),
  /** This replica's name in shared leases; defaults to host:pid. A restart under the same name resumes its leases. */
  EXITS_REPLICA_ID: z.string().min(1).optional(),
  /** How long one Discord or Slack API request may go unanswered before it is abandoned (and retried). */
  EXITS_CHAT_TIMEOUT_MS: z.coerce.number().int().min(100).optional(),
  /**
   * How long Discord is trusted to keep a message's nonce (default 2 minutes, Discord documents "a few"):
   * a card retried later than this is looked for in the channel first. Tests with a fake set it short.
   */
  EXITS_DISCORD_NONCE_WINDOW_MS: z.coerce.number().int().min(1000).optional(),
  /** The longest Slack Retry-After (or backoff) waited within a cycle; a longer one pauses that channel. */
  EXITS_SLACK_MAX_WAIT_MS: z.coerce.number().int().min(0).optional(),
});
export type Env = z.infer<typeof EnvSchema>;

/** Reads the environment once; empty variables count as unset. */
export function readEnv(source: NodeJS.ProcessEnv): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) throw new ExitsError('BAD_ENV', `environment: ${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}

export const DEFAULT_CONFIG = join(PACKAGE_ROOT, 'config', 'default.yaml');
export const DEFAULT_STORE = `sqlite://${join(PACKAGE_ROOT, 'data', 'exits.sqlite')}`;
const BUNDLED_WATCHLIST = { people: join(PACKAGE_ROOT, 'config', 'people.json'), orgs: join(PACKAGE_ROOT, 'config', 'orgs.json') };

function formatIssues(issues: z.core.$ZodIssue[]): string {
  return issues.map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`).join('; ');
}

/** Loads and validates a YAML or JSON config file; the error names the file and the field. */
export function loadConfig(file: string): Config {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ExitsError('BAD_CONFIG', `cannot read config ${file}: ${errorMessage(err)}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new ExitsError(
      'BAD_CONFIG',
      `config ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${errorMessage(err)}`,
      {
        cause: err,
      },
    );
  }
  const parsed = ConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ExitsError('BAD_CONFIG', `config ${file}: ${describeIssues(ConfigSchema, parsed.error.issues)}`);
  const absolute = resolve(file);
  const folder = dirname(absolute);
  const data = parsed.data;
  return {
    ...data,
    file: absolute,
    store: data.store === undefined ? DEFAULT_STORE : sqliteRelativeTo(data.store, folder),
    watchlist: {
      people: data.watchlist.people === undefined ? BUNDLED_WATCHLIST.people : resolve(folder, data.watchlist.people),
      orgs: data.watchlist.orgs === undefined ? BUNDLED_WATCHLIST.orgs : resolve(folder, data.watchlist.orgs),
    },
  };
}

/** A relative SQLite path in a config file means beside the config, not wherever the shell happens to be. */
function sqliteRelativeTo(store: string, folder: string): string {
  const m = /^sqlite:\/\/([^?]+)(\?.*)?$/s.exec(store);
  if (!m || isAbsolute(m[1] as string)) return store;
  return `sqlite://${resolve(folder, m[1] as string)}${m[2] ?? ''}`;
}

export function loadWatchlist(config: Config): Watchlist {
  const read = <T>(field: 'people' | 'orgs'): T[] => {
    const path = config.watchlist[field] ?? BUNDLED_WATCHLIST[field];
    try {
      const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (!Array.isArray(data)) throw new Error('expected a JSON array');
      return data as T[];
    } catch (err) {
      throw new ExitsError('BAD_CONFIG', `config ${config.file}: watchlist.${field} (${path}): ${errorMessage(err)}`, {
        cause: err,
      });
    }
  };
  return { people: read<PersonEntry>('people'), orgs: read<OrgEntry>('orgs') };
}

/** A mirror is a base URL (Nitter style: BASE/handle/rss) or a template containing {handle}. */
export function mirrorFeedUrl(mirror: string, handle: string): string {
  const bare = handle.replace(/^@/, '');
  if (mirror.includes('{handle}')) return mirror.replaceAll('{handle}', bare);
  return `${mirror.replace(/\/+$/, '')}/${bare}/rss`;
}

/** The sources a cycle polls: configured feeds and X accounts, or only the given feed URLs. */
export function sourcesOf(config: Config, feedOverride?: string[]): SourceSpec[] {
  if (feedOverride && feedOverride.length > 0) {
    return feedOverride.map((url) => ({ kind: 'feed', id: url, name: new URL(url).host, nameFromFeed: true, url, lang: null }));
  }
  const feeds: SourceSpec[] = config.feeds.map((f) => ({
    kind: 'feed',
    id: f.url,
    name: f.name ?? new URL(f.url).host,
    ...(f.name === undefined && { nameFromFeed: true }),
    url: f.url,
    lang: f.lang ?? null,
  }));
  const accounts: SourceSpec[] = config.x.map((a) => {
    const handle = `@${a.handle.replace(/^@/, '')}`;
    return {
      kind: 'x',
      id: `x:${handle.toLowerCase()}`,
      handle,
      person: a.person ?? null,
      mirrors: a.mirrors.map((m) => mirrorFeedUrl(m, handle)),
      lang: a.lang ?? null,
    };
  });
  return [...feeds, ...accounts];
}
