import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedSpec, PollResult, XAccountSpec } from '../../src/core/ports.ts';
import type { Item } from '../../src/core/types.ts';
import { FIXTURE_DIR } from '../fakes/feed-server.ts';

export interface ManifestItem {
  guid: string;
  link: string;
  ref: string;
  is_change: boolean;
  expected_title?: string;
  title_without_outlet?: string;
  raw_title?: string;
  dc_creator?: string;
  nitter_kind?: string;
  rsshub_kind?: string;
  author?: string;
}

export interface ManifestFeed {
  format: string;
  well_formed: boolean | string;
  items?: ManifestItem[];
  expect?: string;
}

export const manifest = JSON.parse(readFileSync(join(FIXTURE_DIR, 'manifest.json'), 'utf8')) as Record<
  string,
  ManifestFeed
>;

export function feedSpec(url: string, overrides: Partial<FeedSpec> = {}): FeedSpec {
  return { kind: 'feed', id: 'test-feed', name: 'Test Feed', url, lang: null, ...overrides };
}

export function xSpec(mirrors: string[], overrides: Partial<XAccountSpec> = {}): XAccountSpec {
  return {
    kind: 'x',
    id: 'x-miramurati',
    handle: '@miramurati',
    person: 'Mira Murati',
    mirrors,
    lang: null,
    ...overrides,
  };
}

export function expectOk(result: PollResult): Item[] {
  if (result.status !== 'ok') {
    const detail = result.status === 'error' ? `${result.error.code}: ${result.error.message}` : result.status;
    throw new Error(`expected status ok, got ${detail}`);
  }
  return result.items;
}

export function errorCodeOf(result: PollResult): string | null {
  return result.status === 'error' ? result.error.code : null;
}
