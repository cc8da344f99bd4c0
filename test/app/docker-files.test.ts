// The Docker files read as text: no engine is needed here (scripts/docker-check.sh builds and runs them).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const read = (file: string) => readFileSync(file, 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
}
const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };

/** Every variable the bot reads from its environment: the keys of EnvSchema in src/app/config.ts. */
function envVariables(): string[] {
  const source = read('src/app/config.ts');
  const body = source.slice(source.indexOf('const EnvSchema = z.object({'));
  const block = body.slice(0, body.indexOf('\n});'));
  return [...block.matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1] as string);
}

describe('compose.yaml', () => {
  const replicas = ['exits-1', 'exits-2'].map((name) => compose.services[name] as Service);

  it('builds one image once: one replica builds exits:local, the other reuses it', () => {
    expect(replicas.map((r) => r.image)).toEqual(['exits:local', 'exits:local']);
    expect(Object.values(compose.services).filter((s) => s.build !== undefined)).toHaveLength(1);
  });

  it('passes every variable the bot reads to both replicas, and mounts a config named by EXITS_CONFIG', () => {
    const names = envVariables();
    expect(names).toEqual(expect.arrayContaining(['DISCORD_GUILD_ID', 'SLACK_SIGNING_SECRET', 'SLACK_PORT']));
    for (const replica of replicas) {
      expect(Object.keys(replica.environment ?? {})).toEqual(expect.arrayContaining(names));
      expect(replica.environment?.EXITS_CONFIG).toBe('/config/exits.yaml');
      expect(replica.volumes?.some((v) => v.endsWith(':/config/exits.yaml:ro'))).toBe(true);
    }
    expect(new Set(replicas.map((r) => r.environment?.EXITS_REPLICA_ID)).size).toBe(2);
    // libuv reads an empty UV_THREADPOOL_SIZE as a pool of one thread, which DNS lookups would then starve.
    for (const replica of replicas) expect(replica.environment?.UV_THREADPOOL_SIZE).toBe('${UV_THREADPOOL_SIZE:-4}');
  });

  it('lets the Redis image be replaced', () => {
    expect(compose.services.redis?.image).toBe('${REDIS_IMAGE:-redis:7-alpine}');
  });
});

describe('Dockerfile and .dockerignore', () => {
  it('keeps secrets, dependencies and local state out of the build context', () => {
    const ignore = read('.dockerignore')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(ignore[0]).toBe('*');
    expect(ignore.filter((l) => l.startsWith('!')).sort()).toEqual(
      ['!bin/', '!config/', '!package-lock.json', '!package.json', '!src/', '!tsconfig.build.json', '!tsconfig.json'].sort(),
    );
    expect(ignore).toEqual(expect.arrayContaining(['**/.env', '**/node_modules']));
  });

  it('runs the compiled dist/ without src/, as uid 1000 `node`, with state in the /app/data volume', () => {
    const dockerfile = read('Dockerfile');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toContain('COPY --from=build /app/dist ./dist');
    expect(runtime).not.toMatch(/^COPY .*\bsrc\b/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('VOLUME ["/app/data"]');
    expect(dockerfile).not.toMatch(/^(ARG|ENV) .*(TOKEN|SECRET)/m);
  });
});
