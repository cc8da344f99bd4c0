import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, loadWatchlist, mirrorFeedUrl, readEnv, sourcesOf } from '../../src/app/config.ts';

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
    expect(config.store).toBe('sqlite://./data/exits.sqlite');
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
    expect(config).toMatchObject({ schedule: '*/5 * * * *', maxAgeHours: 48, postOnFirstSight: false, concurrency: 8 });
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
