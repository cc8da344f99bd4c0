import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import type { QueryContext } from '../../src/commands/query.ts';
import type { EventRecord, PersonEntry, Report } from '../../src/core/types.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { reportOf as pipelineReport } from '../../src/pipeline/merge.ts';

export const NOW = new Date('2024-09-30T12:00:00Z');
export const people: PersonEntry[] = JSON.parse(readFileSync('config/people.json', 'utf8'));

/** The report an event makes of itself, as the pipeline writes it. */
export const reportOf = (e: Omit<EventRecord, 'reports'>): Report => pipelineReport({ ...e, reports: [] });

/** An event with defaults; one report (itself) unless `reports` is given. */
export function event(over: Partial<EventRecord> & { key: string }): EventRecord {
  const published = over.published ?? '2024-09-25T10:00:00Z';
  const base: Omit<EventRecord, 'reports'> = {
    person: 'Mira Murati',
    org: 'OpenAI',
    type: 'departure',
    role: 'CTO',
    destination: null,
    evidence: 'Mira Murati, OpenAI’s chief technology officer, is leaving the company',
    confidence: 0.95,
    itemId: `url:https://news.example.com/${over.key}`,
    title: 'OpenAI CTO Mira Murati is leaving',
    url: `https://news.example.com/${over.key}`,
    source: 'TechCrunch AI',
    lang: 'en',
    detectedAt: published,
    ...over,
    published,
  };
  return { ...base, reports: over.reports ?? [reportOf(base)] };
}

/** Mira Murati twice, John Schulman once, and 23 changes at Acme Robotics in September 2024. */
export function sampleEvents(): EventRecord[] {
  const acme = Array.from({ length: 23 }, (_, i) =>
    event({
      key: `acme-${i}`,
      person: `Person ${String(i).padStart(2, '0')}`,
      org: 'Acme Robotics',
      role: 'VP',
      title: `Acme Robotics VP ${i} departs`,
      evidence: `VP ${i} departs Acme Robotics`,
      published: new Date(Date.UTC(2024, 8, 2 + i, 8)).toISOString(),
    }),
  );
  return [
    event({ key: 'murati-2024' }),
    event({
      key: 'murati-2023',
      type: 'fired',
      title: 'OpenAI board shake-up',
      published: '2023-11-17T20:00:00Z',
      evidence: 'Mira Murati was named interim CEO as the board pushed out Sam Altman',
    }),
    event({
      key: 'schulman',
      person: 'John Schulman',
      type: 'joined',
      role: 'co-founder',
      destination: 'Anthropic',
      title: 'John Schulman leaves OpenAI for Anthropic',
      evidence: 'John Schulman leaves OpenAI for Anthropic',
      published: '2024-08-06T09:00:00Z',
    }),
    ...acme,
  ];
}

export async function queryContext(events: EventRecord[] = sampleEvents()): Promise<QueryContext> {
  const store = createStore(memoryBackend());
  for (const e of events) await store.saveEvent(e);
  return { store, people, now: () => NOW };
}

/** Log lines as JSON objects, for pino (createLogger) or a plain SlackLog. */
export function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, ...obj, msg });
    };
  const log = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { stream, lines, log };
}

/** POSTs a form body to Bolt's HTTP receiver, signed as Slack signs it (v0 HMAC-SHA256). */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  opts: { timestamp?: number; signature?: string } = {},
): Promise<{ status: number; text: string }> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = opts.signature ?? `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

/** A block_actions payload for a click on a button, as Slack POSTs it. */
export function buttonClick(button: { action_id: string; value: string }, responseUrl: string): string {
  const payload = {
    type: 'block_actions',
    user: { id: 'U0USER', username: 'tester', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKE',
    token: 'verification-token-unused',
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'C0QUERY', is_ephemeral: false },
    trigger_id: '1.2.4',
    team: { id: 'T0FAKE', domain: 'fake' },
    channel: { id: 'C0QUERY', name: 'general' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'exits_pager',
        value: button.value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1700000001.000000',
      },
    ],
  };
  return form({ payload: JSON.stringify(payload) });
}

/** The text of every mrkdwn/plain_text object in some blocks, in order. */
export function blockTexts(blocks: unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') out.push(o.text);
      else for (const x of Object.values(o)) walk(x);
    }
  };
  walk(blocks);
  return out;
}

/** A property of a block, failing the test when it is missing. */
export function prop<T>(block: unknown, key: string): T {
  const value = (block as Record<string, unknown> | undefined)?.[key];
  if (value === undefined) throw new Error(`expected the block to have "${key}": ${JSON.stringify(block)}`);
  return value as T;
}
