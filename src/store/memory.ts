import Keyv from 'keyv';
import { type Backend, type Collection, keyvCollection } from './backend.ts';

/** In-process store for tests and `--store memory://`; forgets everything on exit. */
export function memoryBackend(): Backend {
  const collections = new Map<string, Collection>();
  return {
    kind: 'memory',
    location: 'memory://',
    collection(name) {
      let c = collections.get(name);
      if (!c) {
        const kv = new Keyv({ namespace: name });
        // One process: a synchronous map is atomic by construction.
        const claims = new Map<string, { owner: string; expires: number }>();
        c = {
          ...keyvCollection(kv, async (key, owner, ttlMs) => {
            const held = claims.get(key);
            if (held && held.owner !== owner && held.expires > Date.now()) return false;
            claims.set(key, { owner, expires: Date.now() + ttlMs });
            // Readable as the other drivers' claims are: the owner under the key.
            await kv.set(key, owner, ttlMs);
            return true;
          }),
          async release(key, owner) {
            if (claims.get(key)?.owner !== owner) return;
            claims.delete(key);
            await kv.delete(key);
          },
        };
        // A cleared collection forgets its claims too, as a flushed Redis or an emptied table does.
        const clear = kv.clear.bind(kv);
        kv.clear = async () => {
          claims.clear();
          await clear();
        };
        collections.set(name, c);
      }
      return c;
    },
    async close() {
      collections.clear();
    },
  };
}
