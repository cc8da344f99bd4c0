import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { replicaName } from '../../src/app/compose.ts';
import { readEnv } from '../../src/app/config.ts';

describe('the name a process takes leases under', () => {
  it('is the host for a bot alone on its store, so a restart after a crash resumes its leases at once', () => {
    expect(replicaName(readEnv({}), 'sqlite:///data/exits.sqlite', false)).toBe(hostname());
    expect(replicaName(readEnv({}), 'memory://', false)).toBe(hostname());
  });

  it('is host:pid on Redis, where replicas share the store, unless EXITS_REPLICA_ID names it', () => {
    expect(replicaName(readEnv({}), 'redis://127.0.0.1:6379', false)).toBe(`${hostname()}:${process.pid}`);
    expect(replicaName(readEnv({ EXITS_REPLICA_ID: 'r2' }), 'redis://127.0.0.1:6379', false)).toBe('r2');
  });

  it('is a name of its own for exits once, which may run beside the bot', () => {
    expect(replicaName(readEnv({}), 'sqlite:///data/exits.sqlite', true)).toBe(`${hostname()}:once:${process.pid}`);
    // Named by the user, it is the user's name, in a one-shot run too (it takes over what that replica left).
    expect(replicaName(readEnv({ EXITS_REPLICA_ID: 'r2' }), 'redis://x', true)).toBe('r2');
  });
});
