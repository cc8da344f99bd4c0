import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/app/config.ts';
import { createLogger, type Logger } from '../../src/app/logger.ts';
import type { EventRecord, Report } from '../../src/core/types.ts';
import { reportOf as pipelineReport } from '../../src/pipeline/merge.ts';

/** The report an event makes of itself, as the pipeline writes it. */
export const reportOf = (e: Omit<EventRecord, 'reports'>): Report => pipelineReport({ ...e, reports: [] });

/** A history record with sensible defaults; one report (itself) unless `reports` is given. */
export function record(overrides: Partial<EventRecord> & { key: string }): EventRecord {
  const base: Omit<EventRecord, 'reports'> = {
    person: 'Mira Murati',
    org: 'OpenAI',
    type: 'departure',
    role: 'CTO',
    destination: null,
    evidence: 'Mira Murati is leaving OpenAI after six and a half years',
    confidence: 0.9,
    itemId: overrides.key,
    title: 'OpenAI CTO Mira Murati leaves',
    url: 'https://news.example.com/murati',
    source: 'Example News',
    published: '2024-09-25T18:00:00.000Z',
    lang: 'en',
    detectedAt: '2024-09-25T18:05:00.000Z',
    ...overrides,
  };
  return { ...base, reports: overrides.reports ?? [reportOf(base)] };
}

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger whose JSON lines are kept for assertions. */
export function captureLog(): { log: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log = createLogger('debug', { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  return { log, lines };
}

/** A config file with these Discord channels (ids, or entries with filters), loaded the way the app loads it. */
export function configWith(channels: (string | { id: string; people?: string[]; companies?: string[] })[]): Config {
  const dir = mkdtempSync(join(tmpdir(), 'exits-discord-'));
  const file = join(dir, 'config.yaml');
  const entries = channels.map((c) => JSON.stringify(typeof c === 'string' ? { id: c } : c));
  writeFileSync(file, `discord:\n  channels: [${entries.join(', ')}]\n`);
  return loadConfig(file);
}

/** The embeds of a recorded message body. */
export type Embed = {
  title?: string;
  description?: string;
  url?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  timestamp?: string;
};
