/**
 * The world's given names for the detector, from @faker-js/faker's locale data (first names of ~60
 * locales: Turkish, Polish, Nordic, Indian, Nigerian, Vietnamese, Ukrainian...). Importing every faker
 * locale costs about a second of CPU, so the list is kept in node_modules/.cache/exits, keyed by
 * faker's version, and read from there (a few milliseconds) at later starts. `npm ci` makes it (build).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addGivenNames } from '../detect/firstnames.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function fakerVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(readFileSync(require.resolve('@faker-js/faker/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Every first name of every faker locale. */
async function fromFaker(): Promise<string[]> {
  const { allLocales } = await import('@faker-js/faker');
  const all = new Set<string>();
  for (const locale of Object.values(allLocales)) {
    const first = (locale as { person?: { first_name?: unknown } }).person?.first_name;
    const lists = Array.isArray(first) ? [first] : first && typeof first === 'object' ? Object.values(first) : [];
    for (const list of lists) if (Array.isArray(list)) for (const n of list) if (typeof n === 'string') all.add(n);
  }
  return [...all].sort();
}

/** The names, from the cache or from faker (and then cached; a read-only folder only costs the second). */
export async function worldGivenNames(): Promise<string[]> {
  const file = join(root, 'node_modules', '.cache', 'exits', `given-names-${fakerVersion()}.json`);
  try {
    const cached: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (Array.isArray(cached)) return cached as string[];
  } catch {
    // Not made yet: made below.
  }
  const names = await fromFaker();
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Written aside and renamed: processes starting together never read half a file.
    const tmp = `${file}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify(names));
    renameSync(tmp, file);
  } catch {
    // Read-only install: the names are still used, only not kept.
  }
  return names;
}

let loaded: Promise<number> | undefined;

/** Gives the detector the world's given names, once per process; resolves to how many were new. */
export function loadGivenNames(): Promise<number> {
  loaded ??= worldGivenNames().then(addGivenNames);
  return loaded;
}
