import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DetectedEvent, DetectInput } from '../../src/core/types.ts';
import { loadGivenNames } from '../../src/app/givennames.ts';
import { compileWatchlist, detect } from '../../src/detect/index.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/detect/${name}`, import.meta.url));

// The detector as the bot runs it: with the world's given names.
await loadGivenNames();

export const wl = compileWatchlist({
  people: JSON.parse(readFileSync(fixture('people.json'), 'utf8')),
  orgs: JSON.parse(readFileSync(fixture('orgs.json'), 'utf8')),
});

export function loadFixture<T>(name: string): T[] {
  return readFileSync(fixture(name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Detect on a news item (title only unless more is given). */
export function news(title: string, lang: string, extra: Partial<DetectInput> = {}): DetectedEvent[] {
  return detect({ title, summary: title, lang, kind: 'news', ...extra }, wl);
}

/** Detect on an X post by `author`. */
export function post(text: string, author: string, lang = 'en'): DetectedEvent[] {
  return detect({ title: text, summary: text, lang, kind: 'x_post', author }, wl);
}

/** "Person/type" pairs, sorted, for compact assertions. */
export function pairs(events: DetectedEvent[]): string[] {
  return [...new Set(events.map((e) => `${e.person}/${e.type}`))].sort();
}
