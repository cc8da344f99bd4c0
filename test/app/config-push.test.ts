import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'exits-config-push-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(text: string) {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, text);
  return loadConfig(file);
}

describe('config: push', () => {
  it('is off when absent, and takes a public URL with defaults for the lease and the safety poll', () => {
    expect(load('feeds: []\n').push).toBeUndefined();
    expect(load('push: { publicUrl: "https://exits.example.com/bot" }\n').push).toEqual({
      publicUrl: 'https://exits.example.com/bot',
      leaseDays: 7,
      safetyPollMinutes: 60,
    });
  });

  it('refuses a public URL that hubs could not call back, and unknown keys with the key meant', () => {
    const cases: [string, RegExp][] = [
      ['push: { publicUrl: "ftp://exits.example.com" }\n', /push\.publicUrl: must be an http\(s\) URL at which hubs reach this bot/],
      ['push: { publicUrl: "exits.example.com" }\n', /push\.publicUrl: must be an http\(s\) URL/],
      ['push: { publicUrl: "https://exits.example.com/?a=1" }\n', /push\.publicUrl: must have no query or fragment/],
      ['push: {}\n', /push\.publicUrl: /],
      ['push: { publicURL: "https://exits.example.com" }\n', /push\.publicURL: unknown key; did you mean publicUrl\?/],
      ['push: { publicUrl: "https://e.example", safetyPollMinute: 5 }\n', /push\.safetyPollMinute: unknown key; did you mean safetyPollMinutes\?/],
      ['push: { publicUrl: "https://e.example", leaseDays: 0 }\n', /push\.leaseDays: /],
      ['puhs: { publicUrl: "https://e.example" }\n', /puhs: unknown key; did you mean push\?/],
    ];
    for (const [text, message] of cases) expect(() => load(text)).toThrow(message);
  });
});
