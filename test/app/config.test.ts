import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostLimits, pollingPolicy } from '../../src/app/compose.ts';
import { DEFAULT_CONFIG, DEFAULT_STORE, loadConfig, loadWatchlist, mirrorFeedUrl, PACKAGE_ROOT, readEnv, sourcesOf } from '../../src/app/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'exits-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('config', () => {
  it('loads the shipped default with feeds in several languages, X accounts and the watchlist', () => {
    const config = loadConfig('config/default.yaml');
    expect(config.store).toBe(`sqlite://${join(PACKAGE_ROOT, 'data', 'exits.sqlite')}`);
    expect(config.maxAgeHours).toBe(48);
    expect(new Set(config.feeds.map((f) => f.lang))).toEqual(new Set(['en', 'fr', 'it', 'de', 'es', 'pt']));
    expect(
      config.feeds.some((f) => f.url.includes('news.google.com/rss/search') && f.url.includes('quitte+OpenAI')),
    ).toBe(true);
    const sources = sourcesOf(config);
    const murati = sources.find((s) => s.kind === 'x' && s.handle === '@miramurati');
    expect(murati).toMatchObject({
      kind: 'x',
      person: 'Mira Murati',
      mirrors: expect.arrayContaining([
        'https://nitter.net/miramurati/rss',
        'https://rsshub.app/twitter/user/miramurati',
      ]),
    });
    const watchlist = loadWatchlist(config);
    expect(watchlist.people.some((p) => p.name === 'Mira Murati')).toBe(true);
    expect(watchlist.orgs.some((o) => o.name === 'OpenAI')).toBe(true);
  });

  it('accepts JSON and fills defaults', () => {
    const file = write('c.json', JSON.stringify({ feeds: [{ url: 'https://example.com/feed.xml', name: 'Example' }] }));
    const config = loadConfig(file);
    expect(config).toMatchObject({ schedule: '* * * * *', maxAgeHours: 48, postOnFirstSight: false, concurrency: 8 });
    expect(config.polling).toEqual({
      adaptive: true,
      minSeconds: 60,
      maxSeconds: 300,
      feedHints: true,
      perHost: { concurrency: 4, gapMs: 0 },
      hosts: {},
    });
    expect(config.http.timeoutMs).toBe(15_000);
    expect(sourcesOf(config)).toEqual([
      {
        kind: 'feed',
        id: 'https://example.com/feed.xml',
        name: 'Example',
        url: 'https://example.com/feed.xml',
        lang: null,
      },
    ]);
  });

  it('names the file and the field of a bad value', () => {
    const file = write('bad.yaml', 'feeds:\n  - url: ftp://example.com/x\n');
    expect(() => loadConfig(file)).toThrow(`config ${file}: feeds.0.url: must be an http(s) URL`);
    const cron = write('cron.yaml', 'schedule: "every minute"\n');
    expect(() => loadConfig(cron)).toThrow(/schedule: is not a valid cron expression/);
    const extra = write('extra.yaml', 'feedz: []\n');
    expect(() => loadConfig(extra)).toThrow(/feedz/);
    const x = write('x.yaml', 'x:\n  - handle: "@sama"\n    mirrors: []\n');
    expect(() => loadConfig(x)).toThrow(/x\.0\.mirrors/);
  });

  it('finds its default config and data folder from the package, not from the shell', () => {
    expect(DEFAULT_CONFIG).toBe(join(PACKAGE_ROOT, 'config', 'default.yaml'));
    expect(DEFAULT_STORE).toBe(`sqlite://${join(PACKAGE_ROOT, 'data', 'exits.sqlite')}`);
    expect(existsSync(join(PACKAGE_ROOT, 'package.json'))).toBe(true);
  });

  it('reads a config of its own in another folder: the bundled watchlist, its paths beside it', () => {
    const own = mkdtempSync(join(tmpdir(), 'exits-own-'));
    try {
      const file = join(own, 'mine.yaml');
      writeFileSync(file, 'store: sqlite://./state/x.sqlite?busyTimeoutMs=50\nfeeds:\n  - url: https://example.com/feed.xml\n');
      const config = loadConfig(file);
      expect(config.store).toBe(`sqlite://${join(own, 'state', 'x.sqlite')}?busyTimeoutMs=50`);
      const watchlist = loadWatchlist(config);
      expect(watchlist.people.some((p) => p.name === 'Mira Murati')).toBe(true);
      writeFileSync(join(own, 'people.json'), JSON.stringify([{ name: 'Ada Example', aliases: [] }]));
      writeFileSync(file, 'watchlist: { people: people.json }\nstore: "sqlite:///abs/x.sqlite"\n');
      const named = loadConfig(file);
      expect(named.store).toBe('sqlite:///abs/x.sqlite');
      expect(loadWatchlist(named).people.map((p) => p.name)).toEqual(['Ada Example']);
      expect(loadWatchlist(named).orgs.some((o) => o.name === 'OpenAI')).toBe(true);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('refuses an unknown key at any depth, naming the key meant', () => {
    const cases: [string, RegExp][] = [
      ['discord: { chanels: [] }\n', /discord\.chanels: unknown key; did you mean channels\?/],
      ['slack: { admin: [U1] }\n', /slack\.admin: unknown key; did you mean admins\?/],
      ['http: { timeoutMS: 100 }\n', /http\.timeoutMS: unknown key; did you mean timeoutMs\?/],
      ['backoff: { baseSecond: 5 }\n', /backoff\.baseSecond: unknown key; did you mean baseSeconds\?/],
      ['watchlist: { peeple: p.json }\n', /watchlist\.peeple: unknown key; did you mean people\?/],
      ['health: { prot: 9000 }\n', /health\.prot: unknown key; did you mean port\?/],
      ['discord: { channels: [{ id: "1", kinds: [departure], langauges: [en] }] }\n', /discord\.channels\.0\.langauges: unknown key; did you mean languages\?/],
      ['shedule: "* * * * *"\n', /shedule: unknown key; did you mean schedule\?/],
      ['polling: { minSecond: 30 }\n', /polling\.minSecond: unknown key; did you mean minSeconds\?/],
      ['polling: { hosts: { news.google.com: { gap: 5 } } }\n', /polling\.hosts\.news\.google\.com\.gap: unknown key; did you mean gapMs\?/],
      ['zzzzzzzz: 1\n', /zzzzzzzz: unknown key; valid keys: schedule, timezone/],
    ];
    for (const [text, message] of cases) {
      const file = write('typo.yaml', text);
      expect(() => loadConfig(file)).toThrow(message);
      expect(() => loadConfig(file)).toThrow(`config ${file}:`);
    }
  });

  it('checks the polling bounds and host limits, and merges named hosts over the defaults', () => {
    const inverted = write('poll.yaml', 'polling: { minSeconds: 600, maxSeconds: 60 }\n');
    expect(() => loadConfig(inverted)).toThrow(`config ${inverted}: polling.maxSeconds: minSeconds must not be more than maxSeconds`);
    const zero = write('poll0.yaml', 'polling: { perHost: { concurrency: 0 } }\n');
    expect(() => loadConfig(zero)).toThrow(/polling\.perHost\.concurrency: Too small/);
    const config = loadConfig(write('poll2.yaml', 'polling: { hosts: { News.Google.com: { concurrency: 1, gapMs: 5000 }, feeds.example: {} } }\n'));
    const limits = hostLimits(config);
    expect(limits.hosts['news.google.com']).toEqual({ concurrency: 1, gapMs: 5000 });
    expect(limits.hosts['feeds.example']).toEqual({ concurrency: 4, gapMs: 0 });
    expect(limits.hosts['nitter.net']).toEqual({ concurrency: 2, gapMs: 1000 });
    expect(pollingPolicy(config, 60_000)).toEqual({ minMs: 60_000, maxMs: 300_000, feedHints: true, graceMs: 30_000 });
    expect(pollingPolicy(loadConfig(write('poll3.yaml', 'polling: { adaptive: false }\n')), 60_000)).toBeUndefined();
  });

  it('names the file and the field of a time zone that does not exist', () => {
    const file = write('tz.yaml', 'timezone: Europe/Pariss\n');
    expect(() => loadConfig(file)).toThrow(`config ${file}: timezone: is not a time zone`);
    expect(loadConfig(write('tz2.yaml', 'timezone: Europe/Paris\n')).timezone).toBe('Europe/Paris');
  });

  it('reports unreadable and unparsable files', () => {
    expect(() => loadConfig(join(dir, 'missing.yaml'))).toThrow(/cannot read config .*missing\.yaml/);
    const broken = write('broken.yaml', 'feeds: [\n');
    expect(() => loadConfig(broken)).toThrow(/broken\.yaml is not valid YAML/);
  });

  it('names the watchlist file that cannot be read', () => {
    const file = write('w.yaml', 'watchlist: { people: nobody.json }\n');
    expect(() => loadWatchlist(loadConfig(file))).toThrow(/watchlist\.people .*nobody\.json/);
  });

  it('builds mirror feed URLs from base URLs and templates', () => {
    expect(mirrorFeedUrl('https://nitter.net/', '@sama')).toBe('https://nitter.net/sama/rss');
    expect(mirrorFeedUrl('https://rsshub.example/twitter/user/{handle}', 'sama')).toBe(
      'https://rsshub.example/twitter/user/sama',
    );
  });

  it('reads the environment, treating empty variables as unset', () => {
    const env = readEnv({ DISCORD_TOKEN: '', SLACK_PORT: '3000', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(env.DISCORD_TOKEN).toBeUndefined();
    expect(env.SLACK_PORT).toBe(3000);
    expect(env.LOG_LEVEL).toBeUndefined();
    expect(readEnv({ LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(() => readEnv({ LOG_FORMAT: 'fancy' })).toThrow(/LOG_FORMAT/);
    expect(() => readEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
