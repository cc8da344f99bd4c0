/**
 * The scene of npm run conformance:chat: the real Discord and Slack bots against the loopback fakes, fed
 * normal and adversarial changes; returns every payload they sent.
 */
import { createDiscordAdapter, registerDiscordCommands } from '../src/app/discord.ts';
import { slackAsk } from '../src/app/slack.ts';
import { HELP_TEXT, type QueryContext } from '../src/commands/query.ts';
import { CHANGE_TYPES, type EventRecord } from '../src/core/types.ts';
import { createSlackBot } from '../src/notify/slack/bot.ts';
import { createStore } from '../src/store/index.ts';
import { memoryBackend } from '../src/store/memory.ts';
import { checkFeedUrl } from '../src/sources/guard.ts';
import { startFakeDiscord } from '../test/fakes/fake-discord.ts';
import { slashCommandFields, startFakeSlack } from '../test/fakes/fake-slack.ts';
import { captureLog, configWith, record, reportOf } from '../test/discord/helpers.ts';
import { buttonClick, form, postSigned } from '../test/slack/helpers.ts';

export interface SlackSent {
  what: string;
  blocks: unknown;
  text?: unknown;
  /** Slack's errors, for an answer the fake refused. */
  refused?: string[];
}

export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

const NOW = new Date('2024-09-26T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

/** Normal changes (every kind, empty fields, many sources) and adversarial ones. */
export function history(): EventRecord[] {
  const normal = CHANGE_TYPES.map((type, i) =>
    record({ key: `kind${i}`, person: `Person ${i}`, org: 'Acme', type, destination: i % 2 ? 'Globex' : null, published: hoursAgo(i + 1) }),
  );
  const empty = record({ key: 'empty1', person: 'Sam Altman', org: null, role: null, source: '', lang: null, evidence: '', title: '', url: null, published: null });
  const many = record({ key: 'many100', person: 'Ada Many', published: hoursAgo(20) });
  many.reports = Array.from({ length: 100 }, (_, i) => ({ ...reportOf(many), itemId: `m${i}`, source: `Outlet ${i}`, url: `https://o${i}.example.com/a` }));
  const adversarial = [
    record({ key: 'astral1', person: 'Ada Astral', org: '😀'.repeat(300), role: '𝔸'.repeat(300), evidence: '👩‍💻'.repeat(3000), source: '🎉'.repeat(300), title: '😀'.repeat(2000) }),
    record({ key: 'cjk1', person: 'Wang Wei', url: `https://news.example.jp/${'記事'.repeat(230)}` }),
    record({ key: 'cyr1', person: 'Ivan Petrov', url: `https://news.example.ru/${'новости'.repeat(50)}` }),
    record({ key: 'pipes1', person: 'Ada Pipes', url: 'https://a.example/x|y[1]^z{2}?q=a|b[c]^`#f' }),
    record({ key: 'creds1', person: 'Eve Creds', url: 'https://bank.example@evil.example/' }),
    record({ key: 'rtl1', person: 'مریم\u200cمیرزاخانی', org: 'دانشگاه\u202e', source: 'News\u2066 <Daily> @everyone', title: 'x\u202ey' }),
    record({ key: 'longctx', person: 'Ada Context', source: 'S&'.repeat(100), url: `https://a.example/?${'a=1&'.repeat(480)}`, title: 'T&'.repeat(750) }),
    record({ key: 'mentions', person: '@everyone', org: '<@&123> <#456>', evidence: '@here [x](https://evil.example)', source: '<!channel>' }),
  ].map((e, i) => ({ ...e, published: hoursAgo(30 + i) }));
  // Two changes from the same article.
  const twin = record({ key: 'twin2', person: 'Bob Twin', url: 'https://news.example.com/murati', published: hoursAgo(29) });
  return [...normal, empty, many, twin, ...adversarial];
}

async function contextOf(): Promise<QueryContext> {
  const store = createStore(memoryBackend());
  for (const e of history()) await store.saveEvent(e);
  return {
    store,
    people: [{ name: 'Mira Murati', aliases: [] }],
    now: () => NOW,
    feeds: { configured: [], check: (url) => checkFeedUrl(url, { allowPrivate: false }) },
  };
}

const DISCORD_COMMANDS: [string, Record<string, string | number>, string?][] = [
  ['recent', {}],
  ['recent', { days: 30 }],
  ['recent', { days: 1, company: 'Nobody' }],
  ['person', { name: 'Ada' }],
  ['person', { name: 'x' }],
  ['company', { name: 'Acme' }],
  ['sources', { id: 'many100' }],
  ['sources', { id: 'nope' }],
  ['list', {}, 'watch'],
  ['add', { what: 'company', name: 'Globex' }, 'watch'],
  ['list', {}, 'feeds'],
  ['help', {}],
];

export async function runDiscord(): Promise<Sent[]> {
  const fake = await startFakeDiscord();
  const channel = fake.channels[0] as string;
  const ctx = await contextOf();
  const adapter = await createDiscordAdapter({
    config: configWith([channel]),
    env: { DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
    query: ctx,
    log: captureLog().log,
  });
  try {
    await adapter.start({ interactive: true });
    for (const e of history()) {
      const refs = await adapter.notifier.send(e, [channel]).catch(() => []);
      if (refs.length > 0) await adapter.notifier.update?.(e, refs).catch(() => undefined);
    }
    const answered = (id: string) => fake.waitFor(`interaction ${id}`, () => fake.requests.find((r) => r.path.includes(`/interactions/${id}/`)));
    for (const [sub, values, group] of DISCORD_COMMANDS) {
      const sent = fake.sendCommand(sub, values, group ? { group } : {});
      const req = await answered(sent.id).catch(() => undefined);
      const next = ((req?.body as { data?: { components?: { components: { custom_id: string }[] }[] } } | null)?.data?.components?.[0]?.components ?? [])
        .map((c) => c.custom_id)
        .at(-1);
      if (next) await answered(fake.pressButton(next).id).catch(() => undefined);
    }
    for (const [sub, focused] of [['person', 'name'], ['company', 'name']] as const) {
      await answered(fake.sendAutocomplete(sub, focused, { [focused]: 'a' }).id).catch(() => undefined);
    }
    for (const guild of [undefined, fake.guildId]) {
      await registerDiscordCommands({
        env: { DISCORD_TOKEN: 'fake-token', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url, DISCORD_GUILD_ID: guild },
        log: captureLog().log,
      });
    }
    // Follow-ups and edits of deferred answers land shortly after the callback.
    await new Promise((r) => setTimeout(r, 300));
    return fake.requests.map((r) => ({ method: r.method, path: r.path, body: r.body }));
  } finally {
    await adapter.close();
    await ctx.store.close();
    await fake.close();
  }
}

const SLACK_COMMANDS = ['recent', 'recent 30', 'recent 1 nobody', 'person ada', 'person x', 'company acme', 'sources many100', 'sources nope', 'watch list', 'feeds list', 'help', 'bogus'];
const SECRET = 'conformance-secret';

export async function runSlack(): Promise<SlackSent[]> {
  const fake = await startFakeSlack();
  const ctx = await contextOf();
  const bot = createSlackBot({
    botToken: 'xoxb-fake',
    apiUrl: fake.apiUrl,
    channels: ['C1'],
    ask: slackAsk(ctx, { slack: { channels: [{ id: 'C0QUERY' }], admins: [] } }),
    helpText: HELP_TEXT,
    log: captureLog().log,
    mode: { kind: 'http', signingSecret: SECRET, port: 0, host: '127.0.0.1' },
    retry: { baseDelayMs: 5, retries: 0 },
    connectRetries: 0,
  });
  const out: SlackSent[] = [];
  try {
    await bot.start({ interactive: true });
    const endpoint = `http://127.0.0.1:${bot.port}/slack/events`;
    for (const e of history()) await bot.notifier.send(e, ['C1']).catch(() => undefined);
    for (const [i, text] of SLACK_COMMANDS.entries()) {
      const ack = await postSigned(endpoint, SECRET, form(slashCommandFields({ text }, fake.responseUrl(`c${i}`))));
      if (!ack.text) continue;
      const body = JSON.parse(ack.text) as { blocks?: unknown; text?: unknown };
      out.push({ what: `ack of /exits ${text}`, blocks: body.blocks, text: body.text });
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const r of [...fake.responses]) {
      const next = (r.body.blocks ?? []).flatMap((b) => (b.type === 'actions' ? (b.elements as { action_id: string; value: string }[]) : [])).at(-1);
      if (next) await postSigned(endpoint, SECRET, buttonClick(next, fake.responseUrl(`${r.id}-next`)));
    }
    await new Promise((r) => setTimeout(r, 500));
    for (const c of fake.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update')) {
      out.push({ what: `${c.method}`, blocks: c.params.blocks ? JSON.parse(c.params.blocks) : undefined, text: c.params.text });
    }
    for (const r of fake.responses) out.push({ what: `response ${r.id}`, blocks: r.body.blocks, text: r.body.text });
    // Answers the fake refused (invalid_blocks) never reached `responses`: counted with Slack's errors.
    for (const r of fake.invalid.filter((i) => i.method === 'respond')) out.push({ what: 'response (refused)', blocks: undefined, refused: r.errors });
    return out;
  } finally {
    await bot.close();
    await ctx.store.close();
    await fake.close();
  }
}
