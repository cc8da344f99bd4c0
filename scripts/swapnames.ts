/**
 * The name-swap probe: how much does the detector know people by their names rather than by how the text
 * frames them? Rewrites a labelled set (corpus schema) with every labelled person renamed to a name of
 * another culture, the labels renamed alike, and writes the new set to stdout:
 *   npx tsx scripts/swapnames.ts --set ../shared/corpus/real/dev.jsonl [--seed N] > /tmp/swapped.jsonl
 *   npm run eval -- --set /tmp/swapped.jsonl
 * Only items whose people are written in Latin script with their surname in the text are kept (the
 * others cannot be renamed by string), so compare against the same items unswapped (--keep-names).
 */
import { readFileSync } from 'node:fs';
import { seededRandom } from '../bench/stats.ts';
import type { GoldEvent, LabeledItem } from './eval.ts';

/** Names the team made up, of many cultures, none of a real person it knows of. */
const POOL = `Emre Yıldırımoğlu|Wojciech Nowakowski|Joost Bakkenes|Björn Lindqvist|Venkatesh Iyengar|Chukwuemeka Okafor|
Íñigo Zubizarreta|Gonçalo Mendonça|Siobhan Gallagher|Radoslav Petkov|Aino Virtanen|Bálint Szabó|Ioana Popescu|
Mateusz Wiśniewski|Kemal Aydoğan|Thandiwe Dlamini|Oluwaseun Adeyemi|Przemysław Kowalczyk|Henrik Søndergaard|
Eero Heikkinen|Dagny Haugland|Ruairí Brennan|Leandro Albuquerque|Inés Goicoechea|Bartholomew Pennington|
Cormac Fitzgerald|Anneliese Brandauer|Wilhelmina Vandervoort|Rasmus Kjærgaard|Zdeněk Procházka`
  .split('|')
  .map((n) => n.trim());

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (w: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${esc(w)}`, 'gu');

/** The item with its people renamed, or null when one of them cannot be renamed by string. */
function swapItem(it: LabeledItem, next: () => number, keepNames = false): LabeledItem | null {
  const events = [...it.label.events, ...(it.label.background_events ?? [])];
  const people = [...new Set(events.map((e) => e.person))].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const text = [it.title, it.summary, it.body ?? ''].join('\n');
  const to = new Map<string, string>();
  const free = [...POOL];
  for (const p of people) {
    const parts = p.split(' ');
    const surname = parts[parts.length - 1] as string;
    if (parts.length < 2 || !text.includes(surname) || free.length === 0) return null;
    to.set(p, keepNames ? p : (free.splice(Math.floor(next() * free.length), 1)[0] as string));
  }
  const rename = (s: string | undefined): string | undefined => {
    if (!s || keepNames) return s;
    let out = s;
    for (const [from, name] of to) {
      const a = from.split(' ');
      const b = name.split(' ');
      out = out.replaceAll(from, name).replace(word(a[a.length - 1] as string), b[b.length - 1] as string);
      out = out.replace(new RegExp(`${word(a[0] as string).source}(?![\\p{L}\\p{N}])`, 'gu'), b[0] as string);
    }
    return out;
  };
  const relabel = (e: GoldEvent): GoldEvent => ({ ...e, person: to.get(e.person) ?? e.person, aliases: [] });
  return {
    ...it,
    title: rename(it.title) as string,
    summary: rename(it.summary) as string,
    ...(it.body !== undefined && { body: rename(it.body) }),
    label: {
      ...it.label,
      events: it.label.events.map(relabel),
      ...(it.label.background_events && { background_events: it.label.background_events.map(relabel) }),
    },
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const at = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const set = at('--set');
  if (!set) {
    process.stderr.write('usage: swapnames.ts --set FILE [--seed N] [--keep-names]\n');
    process.exitCode = 2;
    return;
  }
  const next = seededRandom(Number(at('--seed') ?? 1));
  const keep = args.includes('--keep-names');
  const latin = /^[\p{Script=Latin}\p{P}\p{Zs}\p{N}]+$/u;
  for (const line of readFileSync(set, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const it = JSON.parse(line) as LabeledItem;
    const names = [...it.label.events, ...(it.label.background_events ?? [])].map((e) => e.person);
    if (!names.every((n) => latin.test(n))) continue;
    const out = names.length === 0 ? it : swapItem(it, next, keep);
    if (out) process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

main();
