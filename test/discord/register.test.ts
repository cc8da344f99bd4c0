import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordAdapter, registerDiscordCommands } from '../../src/app/discord.ts';
import { createStore } from '../../src/store/index.ts';
import { memoryBackend } from '../../src/store/memory.ts';
import { type FakeDiscord, startFakeDiscord } from '../fakes/fake-discord.ts';
import { captureLog, configWith } from './helpers.ts';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(async () => {
  await fake.close();
});

const nameOption = (description: string) => ({
  type: 3,
  name: 'name',
  description,
  required: true,
  max_length: 100,
  autocomplete: true,
});

describe('registerDiscordCommands', () => {
  it('registers /exits globally with its subcommands and options', async () => {
    const { log, lines } = captureLog();
    const done = await registerDiscordCommands({
      env: { DISCORD_TOKEN: 'fake-token', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.url },
      log,
    });
    expect(done).toEqual({ scope: 'global', commands: ['exits'] });
    expect(fake.registrations).toHaveLength(1);
    const reg = fake.registrations[0];
    expect(reg?.applicationId).toBe(fake.applicationId);
    expect(reg?.guildId).toBeNull();
    expect(reg?.body).toHaveLength(1);
    const command = reg?.body[0] as { name: string; type: number; options: unknown[] };
    expect(command.name).toBe('exits');
    expect(command.type).toBe(1);
    const kinds = ['departure', 'fired', 'leave', 'joined', 'appointed', 'reinstated', 'founded'];
    const what = {
      type: 3,
      name: 'what',
      required: true,
      choices: [
        { name: 'person', value: 'person' },
        { name: 'company', value: 'company' },
      ],
    };
    expect(command.options).toMatchObject([
      {
        type: 1,
        name: 'recent',
        options: [
          { type: 4, name: 'days', min_value: 1, max_value: 3650 },
          { type: 3, name: 'company', max_length: 100, autocomplete: true },
          { type: 3, name: 'kind', choices: kinds.map((k) => ({ name: k, value: k })) },
        ],
      },
      { type: 1, name: 'person', options: [nameOption('The person’s name')] },
      { type: 1, name: 'company', options: [nameOption('The company’s name')] },
      { type: 1, name: 'sources', options: [{ type: 3, name: 'id', required: true, max_length: 64 }] },
      {
        type: 2,
        name: 'watch',
        options: [
          { type: 1, name: 'add', options: [what, { ...nameOption('Their name') }] },
          { type: 1, name: 'remove', options: [what, { ...nameOption('Their name') }] },
          { type: 1, name: 'list' },
        ],
      },
      {
        type: 2,
        name: 'feeds',
        options: [
          {
            type: 1,
            name: 'add',
            options: [
              { type: 3, name: 'url', required: true, max_length: 2048 },
              { type: 3, name: 'name', max_length: 100 },
            ],
          },
          { type: 1, name: 'remove', options: [{ type: 3, name: 'url', required: true, max_length: 2048 }] },
          { type: 1, name: 'list' },
        ],
      },
      { type: 1, name: 'help' },
    ]);
    // Discord rejects a command whose option lists break its rules: check the ones it enforces.
    const recent = command.options[0] as { options: { required?: boolean; autocomplete?: boolean; choices?: unknown }[] };
    for (const o of recent.options) expect(o.autocomplete && o.choices).toBeFalsy();
    const put = fake.requests.find((r) => r.method === 'PUT');
    expect(put?.path).toBe(`/api/v10/applications/${fake.applicationId}/commands`);
    expect(put?.authorization).toBe('Bot fake-token');
    expect(lines.find((l) => l.level === 30)?.msg).toBe(
      'registered /exits globally (servers may take a while to show it)',
    );
  });

  it('registers in one server when DISCORD_GUILD_ID is set', async () => {
    const { log } = captureLog();
    const done = await registerDiscordCommands({
      env: {
        DISCORD_TOKEN: 'fake-token',
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.url,
        DISCORD_GUILD_ID: fake.guildId,
      },
      log,
    });
    expect(done).toEqual({ scope: 'guild', guildId: fake.guildId, commands: ['exits'] });
    expect(fake.registrations.map((r) => [r.applicationId, r.guildId])).toEqual([[fake.applicationId, fake.guildId]]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /api/v10/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    ]);
    // Discord documents `contexts` and `integration_types` for global commands only.
    for (const command of fake.registrations[0]?.body ?? []) {
      expect(command).not.toHaveProperty('contexts');
      expect(command).not.toHaveProperty('integration_types');
    }
  });

  it('says which variable is missing, without calling Discord', async () => {
    const { log } = captureLog();
    await expect(
      registerDiscordCommands({ env: { DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url }, log }),
    ).rejects.toMatchObject({ code: 'BAD_ENV', message: expect.stringContaining('DISCORD_APPLICATION_ID') });
    await expect(
      registerDiscordCommands({ env: { DISCORD_APPLICATION_ID: '1', DISCORD_API_URL: fake.url }, log }),
    ).rejects.toMatchObject({ code: 'BAD_ENV', message: expect.stringContaining('DISCORD_TOKEN') });
    expect(fake.requests).toEqual([]);
  });
});

describe('adapter lifecycle', () => {
  it('connects the gateway only when interactive, and close() disconnects it', async () => {
    const store = createStore(memoryBackend());
    const { log, lines } = captureLog();
    const adapter = await createDiscordAdapter({
      config: configWith([]),
      env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
      query: { store, people: [], now: () => new Date() },
      log,
    });
    expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
      'DISCORD_TOKEN is set but the config lists no discord.channels: no cards will be posted to Discord',
    ]);
    await adapter.start({ interactive: false });
    expect(fake.requests).toEqual([]);
    await adapter.start({ interactive: true });
    expect(fake.connections).toBe(1);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v10/gateway/bot']);
    expect(lines.find((l) => l.msg.endsWith('connected'))).toMatchObject({
      msg: 'Discord bot exits connected',
      guilds: 1,
    });
    await adapter.close();
    await fake.waitFor('the gateway to disconnect', () => (fake.connections === 0 ? true : undefined));
    await store.close();
  });

  it('keeps one gateway session alive through heartbeats', async () => {
    await fake.close();
    fake = await startFakeDiscord({ heartbeatIntervalMs: 40 });
    const store = createStore(memoryBackend());
    const { log } = captureLog();
    const adapter = await createDiscordAdapter({
      config: configWith(fake.channels),
      env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
      query: { store, people: [], now: () => new Date() },
      log,
    });
    await adapter.start({ interactive: true });
    await fake.waitFor('three heartbeats', () => (fake.heartbeats >= 3 ? true : undefined));
    // An unanswered heartbeat makes discord.js drop the connection as a zombie and open another.
    await fake.waitFor('six heartbeats', () => (fake.heartbeats >= 6 ? true : undefined));
    expect(fake.opened).toBe(1);
    expect(fake.identifies).toHaveLength(1);
    await adapter.close();
    await store.close();
  });

  it('fails to start with a clear error when the token is refused', async () => {
    await fake.close();
    fake = await startFakeDiscord({ token: 'the-real-token' });
    const store = createStore(memoryBackend());
    const { log } = captureLog();
    const adapter = await createDiscordAdapter({
      config: configWith(['1']),
      env: { LOG_LEVEL: 'debug', DISCORD_TOKEN: 'fake-token', DISCORD_API_URL: fake.url },
      query: { store, people: [], now: () => new Date() },
      log,
    });
    await expect(adapter.start({ interactive: true })).rejects.toMatchObject({
      code: 'DISCORD_LOGIN',
      message: 'could not connect the Discord bot: An invalid token was provided.',
    });
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([['/api/v10/gateway/bot', 401]]);
    expect(fake.connections).toBe(0);
    await adapter.close();
    await store.close();
  });
});
