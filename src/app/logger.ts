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
];

/** Logs go to stderr as JSON lines, so stdout carries only what a command answers. */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, base: { app: 'exits' }, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}
