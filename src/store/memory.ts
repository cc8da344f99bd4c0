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
        c = keyvCollection(new Keyv({ namespace: name }));
        collections.set(name, c);
      }
      return c;
    },
    async close() {
      collections.clear();
    },
  };
}
