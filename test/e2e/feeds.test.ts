import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../fakes/feed-server.ts';
import { runCli } from './run-cli.ts';

let server: FeedServer;
let dir: string;
beforeAll(async () => {
  server = await startFeedServer();
  dir = mkdtempSync(join(tmpdir(), 'exits-feeds-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function config(name: string, extra: string): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    [
      `store: sqlite://${join(dir, `${name}.sqlite`)}`,
      `watchlist: { people: ${resolve('config/people.json')}, orgs: ${resolve('config/orgs.json')} }`,
      'postOnFirstSight: true',
      'maxAgeHours: 1000000',
      extra,
    ].join('\n'),
  );
  return file;
}

describe('exits feeds', () => {
  it('refuses a feed on a loopback address unless the config allows private addresses', async () => {
    const file = config('default.yaml', '');
    const r = await runCli(['feeds', 'add', `${server.url}/feeds/news-rss2.xml`, '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('exits: 127.0.0.1 is a loopback, private or reserved address: an added feed must be public, unless the config sets http.allowPrivateAddresses: true\n');
    const list = await runCli(['feeds', 'list', '--config', file]);
    expect(list.stdout).toContain('Feeds: 0 from the config, 0 added');
  });

  it('polls an added feed from the next cycle, under its name, and stops once it is removed', async () => {
    const file = config('allowed.yaml', 'http: { allowPrivateAddresses: true }');
    const url = `${server.url}/feeds/news-rss2.xml`;
    const added = await runCli(['feeds', 'add', url, '--name', 'Wire', '--config', file]);
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(`Added Wire\n  ${url} is polled from the next cycle\n`);

    const once = await runCli(['once', '--json', '--config', file]);
    expect(once.code).toBe(0);
    const alerts = once.stdout.trim().split('\n').map((l) => JSON.parse(l) as { source: string });
    expect(alerts.length).toBeGreaterThan(0);
    expect(new Set(alerts.map((a) => a.source))).toEqual(new Set(['Wire']));
    expect(server.requests('/feeds/news-rss2.xml')).toBe(1);
    // The listing says how often it is polled and when next: news-rss2.xml asks for <ttl>15</ttl>.
    const list = await runCli(['feeds', 'list', '--config', file]);
    expect(list.stdout).toMatch(new RegExp(`Wire · ${url.replace(/[.?]/g, '\\$&')} · added by cli on \\d{4}-\\d\\d-\\d\\d · every 15 min \\(ttl\\), next \\d\\d:\\d\\d UTC \\(in 1[45] min\\)`));

    const removed = await runCli(['feeds', 'remove', url, '--config', file]);
    expect(removed.stdout).toBe(`Removed Wire\n  ${url} is no longer polled\n`);
    const after = await runCli(['once', '--json', '--config', file]);
    expect(after.logs.find((l) => String(l.msg).startsWith('cycle done'))?.msg).toBe('cycle done: 0 feeds (0 read, 0 failed), 0 alerts, 0 updates');
    expect(server.requests('/feeds/news-rss2.xml')).toBe(1);
  });

  it('explains a wrong feeds command', async () => {
    const r = await runCli(['feeds', 'add']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('exits: usage: exits feeds list, exits feeds add URL [--name NAME], exits feeds remove URL\n');
  });
});
