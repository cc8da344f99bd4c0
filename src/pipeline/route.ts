import type { ChannelRoute, EventRecord } from '../core/types.ts';

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim();

function namesPerson(wanted: string, person: string): boolean {
  const w = fold(wanted);
  const p = fold(person);
  return p === w || p.split(/\s+/).includes(w);
}

function namesCompany(wanted: string, e: EventRecord): boolean {
  const w = fold(wanted);
  return [e.org, e.destination].some((o) => o !== null && fold(o) === w);
}

/** Whether a channel wants an event: every configured filter must pass; people OR companies, if any. */
export function wants(route: ChannelRoute, e: EventRecord): boolean {
  if (route.minConfidence !== undefined && e.confidence < route.minConfidence) return false;
  if (route.kinds?.length && !route.kinds.includes(e.type)) return false;
  if (route.languages?.length && e.lang && !route.languages.includes(e.lang)) return false;
  const people = route.people ?? [];
  const companies = route.companies ?? [];
  if (people.length === 0 && companies.length === 0) return true;
  // A person watched by their Latin name receives the cards written in their own script ("Zhang Yiming": 张一鸣).
  const named = (p: string) => namesPerson(p, e.person) || (e.latin !== undefined && namesPerson(p, e.latin));
  return people.some(named) || companies.some((c) => namesCompany(c, e));
}
