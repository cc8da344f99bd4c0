import type { APIEmbed } from 'discord.js';
import type { EventRecord } from '../../core/types.ts';
import { buildCard } from '../card.ts';
import { clip, escapeDiscord, noMentions, safeUrl } from './escape.ts';

/** Discord's documented limits for embeds and messages. */
export const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  /** Characters of titles, descriptions, field names and values and footers across all embeds of a message. */
  total: 6000,
  embeds: 10,
  content: 2000,
} as const;

/** The alert card as a Discord embed: every text escaped, every part within Discord's limits. */
export function eventEmbed(e: EventRecord): APIEmbed {
  const card = buildCard(e);
  const embed: APIEmbed = { title: clip(escapeDiscord(card.headline), LIMITS.title), color: card.color };
  const url = safeUrl(card.url);
  if (url) embed.url = url;
  if (card.evidence) embed.description = clip(`> ${escapeDiscord(card.evidence)}`, LIMITS.description);
  embed.fields = card.fields.slice(0, LIMITS.fields).map((f) => ({
    name: clip(escapeDiscord(f.name), LIMITS.fieldName),
    value: clip(escapeDiscord(f.value), LIMITS.fieldValue),
    inline: true,
  }));
  // Footers are shown as plain text: markdown escapes would show, mentions are broken anyway.
  // The id is there so users can type `/exits sources ID`.
  const footer = [card.source, card.id ? `id ${card.id}` : ''].filter(Boolean).join(' · ');
  if (footer) embed.footer = { text: clip(noMentions(footer), LIMITS.footer) };
  const published = Date.parse(e.published ?? '');
  const when = Number.isNaN(published) ? Date.parse(e.detectedAt) : published;
  if (!Number.isNaN(when)) embed.timestamp = new Date(when).toISOString();
  return embed;
}

/** The characters Discord counts towards the 6000 limit of a message. */
export function embedLength(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += embed.footer?.text.length ?? 0;
  n += embed.author?.name.length ?? 0;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Shrinks one embed to at most `budget` counted characters: description first, then trailing fields, then the rest. */
export function shrinkEmbed(embed: APIEmbed, budget: number): APIEmbed {
  const out: APIEmbed = { ...embed, fields: embed.fields ? [...embed.fields] : undefined };
  if (embedLength(out) <= budget) return out;
  if (out.description) {
    const room = budget - (embedLength(out) - out.description.length);
    if (room >= 40) out.description = clip(out.description, room);
    else delete out.description;
  }
  while (embedLength(out) > budget && out.fields && out.fields.length > 1) out.fields.pop();
  if (embedLength(out) > budget && out.footer) delete out.footer;
  if (embedLength(out) > budget && out.fields) {
    const rest = budget - (embedLength(out) - out.fields.reduce((n, f) => n + f.value.length, 0));
    out.fields = rest >= 20 ? out.fields.map((f) => ({ ...f, value: clip(f.value, rest) })) : undefined;
  }
  if (embedLength(out) > budget && out.title) out.title = clip(out.title, Math.max(1, budget));
  if (!out.fields) delete out.fields;
  return out;
}

/** At most 10 embeds whose counted characters add up to at most 6000, each shrunk to an equal share if needed. */
export function fitEmbeds(embeds: APIEmbed[], total: number = LIMITS.total): APIEmbed[] {
  const kept = embeds.slice(0, LIMITS.embeds);
  const sum = kept.reduce((n, e) => n + embedLength(e), 0);
  if (sum <= total || kept.length === 0) return kept;
  const share = Math.floor(total / kept.length);
  return kept.map((e) => shrinkEmbed(e, share));
}
