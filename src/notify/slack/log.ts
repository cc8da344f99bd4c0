import { type Logger, LogLevel } from '@slack/bolt';
import type { SlackLog } from './types.ts';

function text(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
    .join(' ')
    .slice(0, 2000);
}

/**
 * The Slack libraries' logger interface over ours. Their info chatter ("connected", "retrying")
 * goes to debug; their warnings and errors stay what they are.
 */
export function slackLogger(log: SlackLog, level: LogLevel = LogLevel.INFO): Logger {
  let current = level;
  let name = 'slack';
  return {
    debug: (...msg: unknown[]) => log.debug({ lib: name }, text(msg)),
    info: (...msg: unknown[]) => log.debug({ lib: name }, text(msg)),
    warn: (...msg: unknown[]) => log.warn({ lib: name }, text(msg)),
    error: (...msg: unknown[]) => log.error({ lib: name }, text(msg)),
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n: string) => {
      name = n;
    },
  };
}
