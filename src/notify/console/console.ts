import type { Notifier } from '../../core/ports.ts';
import type { EventRecord } from '../../core/types.ts';
import { buildCard, type Card, cleanText, reportCount } from '../card.ts';

/** Plain-text rendering for a terminal. Escape sequences were removed with the control characters. */
export function renderConsoleCard(card: Card): string {
  const width = Math.max(...card.fields.map((f) => f.name.length));
  const lines = [
    `■ ${card.headline}`,
    ...card.fields.map((f) => `  ${f.name.padEnd(width)}  ${f.value}`),
    `  “${card.evidence}”`,
    `  ${card.source}${card.url ? ` · ${card.url}` : ''} · id ${card.id}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** One JSON line per alert, for `exits once --json`. */
export function alertJson(e: EventRecord): string {
  return JSON.stringify({
    person: e.person,
    org: e.org,
    type: e.type,
    role: e.role,
    destination: e.destination,
    title: e.title,
    url: e.url,
    source: e.source,
    published: e.published,
    lang: e.lang,
    evidence: e.evidence,
    id: e.key,
  });
}

/** The console's one pseudo-channel, so routing treats it like any other. */
export const CONSOLE_CHANNEL = 'stdout';

/** Prints each alert to a stream (stdout by default): a readable card, or a JSON line. */
export function consoleNotifier(opts: { json?: boolean; write?: (text: string) => void } = {}): Notifier {
  const write = opts.write ?? ((text: string) => process.stdout.write(text));
  return {
    name: 'console',
    async send(event) {
      write(opts.json ? `${alertJson(event)}\n` : `${renderConsoleCard(buildCard(event))}\n`);
      return [{ notifier: 'console', channel: CONSOLE_CHANNEL, id: event.key }];
    },
    async update(event) {
      // JSON output is one line per alert; a terminal reader gets a one-line note instead of a new card.
      if (!opts.json) write(`↻ ${buildCard(event).headline}: now reported by ${reportCount(event)} sources (id ${event.key})\n\n`);
    },
    async notice(_channel, text) {
      if (!opts.json) write(`⚠ ${cleanText(text, 1000)}\n\n`);
    },
  };
}
