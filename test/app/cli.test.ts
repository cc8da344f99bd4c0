import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../src/app/cli.ts';

describe('command line', () => {
  it('parses each command with its options', () => {
    expect(
      parseCommand(['once', '--feed', 'http://a/x', '--feed', 'http://b/y', '--json', '--store', 'memory://']),
    ).toEqual({ name: 'once', config: undefined, store: 'memory://', feeds: ['http://a/x', 'http://b/y'], json: true });
    expect(parseCommand(['recent', '--days', '30', '--company', 'OpenAI', '--kind', 'fired'])).toMatchObject({
      name: 'query',
      request: { sub: 'recent', days: 30, company: 'OpenAI', kind: 'fired' },
    });
    expect(parseCommand(['recent'])).toMatchObject({ request: { days: 7 } });
    expect(parseCommand(['person', 'mira', 'mulati'])).toMatchObject({ request: { sub: 'person', name: 'mira mulati' } });
    expect(parseCommand(['company', 'Google', 'DeepMind', '--json'])).toMatchObject({
      json: true,
      request: { sub: 'company', name: 'Google DeepMind' },
    });
    expect(parseCommand(['sources', '3fa9c0'])).toMatchObject({ request: { sub: 'sources', event: '3fa9c0' } });
    expect(parseCommand(['watch', 'add', 'company', 'Anthropic', '--channel', 'slack:C0123'])).toMatchObject({
      request: { sub: 'watch', action: 'add', what: 'company', name: 'Anthropic', platform: 'slack', channel: 'C0123' },
    });
    expect(parseCommand(['watch', 'list', '--channel', 'discord:42'])).toMatchObject({
      request: { sub: 'watch', action: 'list', platform: 'discord', channel: '42' },
    });
    expect(parseCommand(['commands', 'register'])).toEqual({ name: 'commands-register', config: undefined });
    expect(parseCommand(['detect', '--input', 'x.jsonl'])).toEqual({
      name: 'detect',
      config: undefined,
      input: 'x.jsonl',
    });
    expect(parseCommand(['read', 'http://a/x', 'http://b/y', '--json'])).toEqual({
      name: 'read',
      urls: ['http://a/x', 'http://b/y'],
      json: true,
    });
    expect(parseCommand(['--help'])).toEqual({ name: 'help' });
    expect(parseCommand(['run', '--config', 'c.yaml'])).toEqual({ name: 'run', config: 'c.yaml', store: undefined });
  });

  it.each([
    [['once', '--bogus'], /^unknown option --bogus; try exits --help$/],
    [['recent', '--days'], /--days/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['recent', '--days', 'ten'], /--days must be a whole number from 1 to 3650, not "ten"/],
    [['recent', '--days', '0'], /--days must be a whole number from 1 to 3650/],
    [['person'], /person needs a NAME/],
    [['run', '--feed', 'http://x'], /option --feed does not apply to "run"/],
    [['once', 'extra'], /unexpected argument "extra"/],
    [[], /no command given/],
    [['recent', '--kind', 'promoted'], /--kind must be one of departure, fired/],
    [['watch', 'add', 'company', 'Anthropic'], /watch needs --channel discord:ID or --channel slack:ID/],
    [['watch', 'add', 'team', 'x', '--channel', 'slack:C1'], /needs "person NAME" or "company NAME"/],
    [['watch', 'add', 'person', '--channel', 'slack:C1'], /needs a NAME/],
    [['commands', 'deploy'], /usage: exits commands register/],
    [['sources'], /sources needs the ID/],
    [['read'], /read needs at least one feed URL/],
    [['read', 'http://a/x', '--store', 'memory://'], /option --store does not apply to "read"/],
  ])('rejects %j with a one-line reason', (argv, reason) => {
    let error: unknown;
    try {
      parseCommand(argv);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain('\n');
  });
});
