/**
 * The CLI's entry: parses the command line, then loads what the command needs. Only the argument parser
 * is imported up front, so `exits --help` and a usage error answer in a bare Node start's time.
 *
 * Exit codes, one rule for every command: 0 done (an answer with nothing found included), 1 a runtime
 * failure (store unreachable, a feed that cannot be fetched with `once --feed`), 2 a usage error (wrong
 * option or argument, bad config or environment).
 */
import { type Command, HELP, parseCommand, UsageError } from './cli.ts';
import { errorCode, errorMessage } from '../core/errors.ts';
import { out, toleratePipeClose } from './output.ts';
import { stopSignal } from './signals.ts';

/** Error codes that mean the user asked for something impossible, not that the bot failed. */
const USAGE_CODES = new Set(['BAD_CONFIG', 'BAD_ENV', 'BAD_STORE_URL', 'BAD_ARGUMENT', 'BAD_INPUT']);

export function exitCodeOf(err: unknown): 1 | 2 {
  return err instanceof UsageError || USAGE_CODES.has(errorCode(err)) ? 2 : 1;
}

/** Logging for a command: the bot says what it does; a question's answer comes alone unless LOG_LEVEL asks. */
function defaultLevel(cmd: Command): string {
  return cmd.name === 'run' || cmd.name === 'once' ? 'info' : 'warn';
}

export async function main(argv: string[]): Promise<number> {
  toleratePipeClose();
  let cmd: Command;
  try {
    cmd = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`exits: ${err.message}\n`);
    return 2;
  }
  if (cmd.name === 'help') {
    out(HELP);
    return 0;
  }
  // The bot listens for SIGTERM before it loads anything, so a stop during start-up is a clean one too.
  const signals = cmd.name === 'run' ? stopSignal() : undefined;
  const [{ readEnv }, { createLogger, logDestination }, { execute }] = await Promise.all([
    import('./config.ts'),
    import('./logger.ts'),
    import('./execute.ts'),
  ]);
  let env;
  try {
    env = readEnv(process.env);
  } catch (err) {
    process.stderr.write(`exits: ${errorMessage(err)}\n`);
    return 2;
  }
  const log = createLogger(env.LOG_LEVEL ?? defaultLevel(cmd), await logDestination(env.LOG_FORMAT));
  try {
    return await execute(cmd, env, log, signals);
  } catch (err) {
    // Said once: the running bot says it in its log, a one-shot command as its answer.
    if (cmd.name === 'run') log.error({ code: errorCode(err) }, `stopped: ${errorMessage(err)}`);
    else process.stderr.write(`exits: ${errorMessage(err)}\n`);
    return exitCodeOf(err);
  }
}
