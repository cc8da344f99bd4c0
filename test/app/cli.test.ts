import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from '../../src/app/cli.ts';

describe('command line', () => {
  it('parses each command with its options', () => {
    expect(
      parseCommand(['once', '--feed', 'http://a/x', '--feed', 'http://b/y', '--json', '--store', 'memory://']),
    ).toEqual({ name: 'once', config: undefined, store: 'memory://', feeds: ['http://a/x', 'http://b/y'], json: true });
    expect(parseCommand(['recent', '--days', '30', '--company', 'OpenAI'])).toMatchObject({
      name: 'recent',
      days: 30,
      company: 'OpenAI',
    });
    expect(parseCommand(['recent'])).toMatchObject({ days: 7 });
    expect(parseCommand(['person', 'mira', 'mulati'])).toMatchObject({ name: 'person', query: 'mira mulati' });
    expect(parseCommand(['detect', '--input', 'x.jsonl'])).toEqual({
      name: 'detect',
      config: undefined,
      input: 'x.jsonl',
    });
    expect(parseCommand(['--help'])).toEqual({ name: 'help' });
    expect(parseCommand(['run', '--config', 'c.yaml'])).toEqual({ name: 'run', config: 'c.yaml', store: undefined });
  });

  it.each([
    [['once', '--bogus'], /^unknown option --bogus; try exits --help$/],
    [['recent', '--days'], /--days/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['recent', '--days', 'ten'], /--days must be a positive whole number, not "ten"/],
    [['recent', '--days', '0'], /--days must be a positive whole number/],
    [['person'], /person needs a NAME/],
    [['run', '--feed', 'http://x'], /option --feed does not apply to "run"/],
    [['once', 'extra'], /unexpected argument "extra"/],
    [[], /no command given/],
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
