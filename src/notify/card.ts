import type { ChangeType, EventRecord } from '../core/types.ts';
import { shownName } from '../core/names.ts';
import { cleanLine, languageName } from '../core/text.ts';

export { languageName };

/** A platform-neutral alert card; each notifier renders it in its own format. */
export interface Card {
  headline: string;
  type: ChangeType;
  /** Hex colour per change type, for platforms that show one. */
  color: number;
  fields: { name: string; value: string }[];
  evidence: string;
  url: string | null;
  source: string;
  /** The change's id, for `/exits sources ID`. */
  id: string;
  /** How many articles and posts reported it so far. */
  reports: number;
}

const COLORS: Record<ChangeType, number> = {
  departure: 0xe67e22,
  fired: 0xc0392b,
  leave: 0xf1c40f,
  joined: 0x3498db,
  appointed: 0x2ecc71,
  reinstated: 0x1abc9c,
  founded: 0x9b59b6,
};

/**
 * Feed text for a card: one line, valid Unicode, without the zero-width and bidi-override characters a
 * feed can use to hide text or reverse what a reader sees (joiners inside a word or an emoji are kept),
 * cut between graphemes to at most `max` characters.
 */
export function cleanText(text: string, max: number): string {
  return cleanLine(text, max);
}

function headline(record: EventRecord): string {
  // "张一鸣 (Zhang Yiming) leaves ByteDance": the name in its own script with its Latin form.
  const e = { ...record, person: shownName(record) };
  const at = e.org ? ` ${e.org}` : '';
  switch (e.type) {
    case 'departure':
      return e.org ? `${e.person} leaves${at}` : `${e.person} steps down`;
    case 'fired':
      return e.org ? `${e.person} is pushed out of${at}` : `${e.person} is dismissed`;
    case 'leave':
      return e.org ? `${e.person} goes on leave from${at}` : `${e.person} goes on leave`;
    case 'joined':
      return e.destination
        ? `${e.person} ${e.org ? `leaves ${e.org} for` : 'joins'} ${e.destination}`
        : `${e.person} moves on from${at || ' their role'}`;
    case 'appointed':
      return `${e.person} is named ${e.role ?? 'to a new role'}${e.org ? ` at ${e.org}` : ''}`;
    case 'reinstated':
      return `${e.person} returns to${at || ' their role'}`;
    case 'founded':
      return e.destination ? `${e.person} founds ${e.destination}` : `${e.person} founds a company`;
  }
}

export function buildCard(e: EventRecord): Card {
  const fields = [
    { name: 'Person', value: shownName(e) },
    { name: 'Role', value: e.role ?? '' },
    { name: 'Organisation', value: e.org ?? '' },
    { name: 'Change', value: e.type },
    { name: 'Destination', value: e.destination ?? '' },
    { name: 'Date', value: dayOf(e.published) || dayOf(e.detectedAt) },
    { name: 'Language', value: languageName(e.lang) },
    { name: 'Reported by', value: reportCount(e) > 1 ? `${reportCount(e)} sources` : '' },
  ]
    .map((f) => ({ name: f.name, value: cleanText(f.value, 200) }))
    .filter((f) => f.value !== '');
  return {
    headline: cleanText(headline(e), 250),
    type: e.type,
    color: COLORS[e.type],
    fields,
    evidence: cleanText(e.evidence, 1000),
    url: e.url,
    source: cleanText(e.source, 200),
    id: e.key,
    reports: reportCount(e),
  };
}

/** "2024-09-26", or nothing when the record holds no valid date. */
function dayOf(iso: string | null | undefined): string {
  const t = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10);
}

/** Outlets that reported the change as news; a later article recalling it does not count. */
export function reportCount(e: EventRecord): number {
  return e.reports.filter((r) => !r.recall).length;
}
