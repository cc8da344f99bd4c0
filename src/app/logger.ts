import pino from 'pino';

export type Logger = pino.Logger;

/** Anything that could hold a secret, wherever it appears in a log object. */
const REDACT = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'env.DISCORD_TOKEN',
  'env.SLACK_BOT_TOKEN',
  'env.SLACK_APP_TOKEN',
  'env.SLACK_SIGNING_SECRET',
  // WebSub subscription secrets (push): never logged on purpose, redacted should one slip into a field.
  'secret',
  '*.secret',
];

export type LogFormat = 'json' | 'pretty';

/** Logs go to stderr as JSON lines, so stdout carries only what a command answers. */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { app: 'exits' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/**
 * Where logs go: JSON lines for machines (a pipe, a file, a container's log driver; or LOG_FORMAT=json),
 * readable lines for a person at a terminal: local time, the level's name, the sentence, then the fields.
 * Pretty lines are written synchronously, so nothing is lost when the process exits right after;
 * pino-pretty is loaded only for them (it costs a JSON-logging command most of a tenth of a second).
 */
export async function logDestination(format: LogFormat | undefined, isTTY = process.stderr.isTTY === true): Promise<pino.DestinationStream> {
  const chosen = format ?? (isTTY ? 'pretty' : 'json');
  return chosen === 'json' ? pino.destination(2) : prettyStream(2, isTTY);
}

async function prettyStream(fd: number, colorize: boolean): Promise<pino.DestinationStream> {
  const { default: pretty } = await import('pino-pretty');
  return pretty({
    destination: fd,
    sync: true,
    colorize,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname,app',
    singleLine: true,
  });
}
