import { ExitsError, errorMessage } from '../../core/errors.ts';
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
    ...(e.latin ? { latin: e.latin } : {}),
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

/**
 * A write to a pipe whose reader has gone fails at once (stdout to a pipe or file is synchronous) and
 * leaves the stream errored: the send then fails, so the alert stays in the outbox for the next run.
 */
function printToStdout(text: string): void {
  process.stdout.write(text);
  const err = process.stdout.errored;
  if (err) throw new ExitsError('CONSOLE_CLOSED', `cannot print to stdout: ${errorMessage(err)}`, { cause: err });
}

/** Prints each alert to a stream (stdout by default): a readable card, or a JSON line. */
export function consoleNotifier(opts: { json?: boolean; write?: (text: string) => void } = {}): Notifier {
  const write = opts.write ?? printToStdout;
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
