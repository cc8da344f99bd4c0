import { parseArgs } from 'node:util';

export const HELP = `exits: leadership-change alerts from news and X feeds

Usage: exits <command> [options]

Commands:
  run                     the long-running bot: poll on the cron schedule, post cards (what npm start runs)
  once                    one poll cycle, then exit
  detect                  run the detector on items in the corpus JSONL schema, one JSON line per item
  recent                  changes in the history from the last days
  person NAME             the history of one person (any alias or misspelling)
  commands register       register the /exits slash command with Discord (to DISCORD_GUILD_ID when set)
  help                    this text

Options:
  --config FILE           YAML or JSON config (default: $EXITS_CONFIG, else config/default.yaml)
  --store URL             sqlite://PATH, redis://HOST:PORT or memory:// (overrides the config)
  --feed URL              once: poll this feed instead of the configured ones (repeatable)
  --json                  once, recent, person: one JSON line per change instead of a card
  --input FILE            detect: the JSONL file to read (default: standard input)
  --days N                recent: how many days back (default 7)
  --company NAME          recent: only changes at this company
  -h, --help              this text

Environment: DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_API_URL, DISCORD_GUILD_ID, SLACK_BOT_TOKEN, SLACK_APP_TOKEN,
SLACK_SIGNING_SECRET, SLACK_PORT, SLACK_API_URL, REDIS_URL, LOG_LEVEL. Logs go to stderr.
`;

export class UsageError extends Error {}

export type Command =
  | { name: 'help' }
  | { name: 'run'; config?: string; store?: string }
  | { name: 'once'; config?: string; store?: string; feeds: string[]; json: boolean }
  | { name: 'detect'; config?: string; input?: string }
  | { name: 'recent'; config?: string; store?: string; days: number; company?: string; json: boolean }
  | { name: 'person'; config?: string; store?: string; query: string; json: boolean }
  | { name: 'commands-register'; config?: string };

/** Which options each command accepts; anything else is a usage error. */
const ALLOWED: Record<Exclude<Command['name'], 'help' | 'commands-register'> | 'commands', string[]> = {
  run: ['config', 'store'],
  once: ['config', 'store', 'feed', 'json'],
  detect: ['config', 'input'],
  recent: ['config', 'store', 'days', 'company', 'json'],
  person: ['config', 'store', 'json'],
  commands: ['config'],
};

function positiveInt(name: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`--${name} must be a positive whole number, not "${value}"`);
  return Number(value);
}

export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    const unknown = /^Unknown option '([^']+)'/.exec((err as Error).message);
    throw new UsageError(
      unknown ? `unknown option ${unknown[1]}; try exits --help` : String((err as Error).message.split('.')[0]),
    );
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || name === 'help' || name === undefined) {
    if (name === undefined && !values.help) throw new UsageError('no command given; try exits --help');
    return { name: 'help' };
  }
  if (!(name in ALLOWED)) throw new UsageError(`unknown command "${name}"; try exits --help`);
  const command = name as keyof typeof ALLOWED;
  for (const key of Object.keys(values)) {
    if (!ALLOWED[command].includes(key)) throw new UsageError(`option --${key} does not apply to "${command}"`);
  }
  if (command === 'commands') {
    if (rest.length !== 1 || rest[0] !== 'register') throw new UsageError('usage: exits commands register');
    return { name: 'commands-register', config: values.config };
  }
  if (command !== 'person' && rest.length > 0)
    throw new UsageError(`unexpected argument "${rest[0]}" for "${command}"`);
  const common = { config: values.config, store: values.store };
  switch (command) {
    case 'run':
      return { name: 'run', ...common };
    case 'once':
      return { name: 'once', ...common, feeds: values.feed ?? [], json: values.json ?? false };
    case 'detect':
      return { name: 'detect', config: values.config, input: values.input };
    case 'recent':
      return {
        name: 'recent',
        ...common,
        days: values.days === undefined ? 7 : positiveInt('days', values.days),
        company: values.company,
        json: values.json ?? false,
      };
    case 'person': {
      const query = rest.join(' ').trim();
      if (!query) throw new UsageError('person needs a NAME, e.g. exits person murati');
      return { name: 'person', ...common, query, json: values.json ?? false };
    }
  }
}

const OPTIONS = {
  config: { type: 'string' },
  store: { type: 'string' },
  feed: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  input: { type: 'string' },
  days: { type: 'string' },
  company: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;
