/**
 * X accounts through a list of mirrors. Mirrors die and rate-limit (often with an HTML page and a 200), so
 * any failure moves on to the next one. The search starts at the mirror that answered last; the stored
 * validators belong to that mirror only, so other mirrors are asked unconditionally.
 */

import { ExitsError } from '../core/errors.ts';
import type { XAccountSpec } from '../core/ports.ts';
import type { FetchOptions } from './http.ts';
import { type LoadResult, loadFeed } from './load.ts';
import type { SourceState } from './state.ts';

export type MirrorResult = LoadResult & { mirror: number; mirrorUrl: string };

export async function loadFromMirrors(
  spec: XAccountSpec,
  previous: SourceState | undefined,
  opts: FetchOptions,
): Promise<MirrorResult> {
  const mirrors = spec.mirrors;
  if (mirrors.length === 0) throw new ExitsError('NO_MIRRORS', `no mirror configured for ${spec.handle}`);
  const last = previous?.mirror;
  const start = last !== undefined && Number.isInteger(last) && last >= 0 && last < mirrors.length ? last : 0;
  const validatorsOwner = last ?? 0;

  const failures: { url: string; error: unknown }[] = [];
  for (let k = 0; k < mirrors.length; k++) {
    const index = (start + k) % mirrors.length;
    const url = mirrors[index] ?? '';
    const validators =
      index === validatorsOwner && previous
        ? { etag: previous.etag, lastModified: previous.lastModified, bodyHash: previous.bodyHash }
        : {};
    try {
      const result = await loadFeed(url, validators, opts);
      return { ...result, mirror: index, mirrorUrl: url };
    } catch (error) {
      // A shutdown is not the mirror's fault: stop instead of walking the whole list.
      if (error instanceof ExitsError && error.code === 'ABORTED') throw error;
      failures.push({ url, error });
    }
  }
  const only = failures[0];
  if (failures.length === 1 && only?.error instanceof ExitsError) throw only.error;
  const summary = failures.map((f) => `${hostOf(f.url)} ${codeOf(f.error)}`).join('; ');
  throw new ExitsError('MIRRORS_FAILED', `all ${mirrors.length} mirrors failed for ${spec.handle}: ${summary}`, {
    cause: new AggregateError(
      failures.map((f) => f.error),
      summary,
    ),
  });
}

function codeOf(error: unknown): string {
  return error instanceof ExitsError ? error.code : 'UNKNOWN';
}

function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}
