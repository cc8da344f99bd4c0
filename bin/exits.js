#!/usr/bin/env node
// Runs the compiled code in dist/ (`npm run build`, which `npm ci` runs through `prepare`): it starts in a
// fraction of the time a TypeScript loader takes. In a checkout whose src/ was edited after the last build,
// it runs src/ through tsx instead, so what runs is always what is written.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const stamp = new URL('dist/.built', root);
const src = new URL('src/', root);

/** The latest modification time of any file under dir (a few hundred stats: about a millisecond). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return latest;
}

const built = existsSync(stamp) && (!existsSync(src) || newest(src) <= statSync(stamp).mtimeMs);
let main;
if (built) {
  ({ main } = await import('../dist/app/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/app/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
