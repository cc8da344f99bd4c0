/**
 * The documented limits of Discord messages and Slack Block Kit, as the fakes enforce them (so a test
 * meets the refusal the real service would give) and as the conformance script counts them.
 * Discord: https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * Slack: https://docs.slack.dev/reference/block-kit/blocks
 */

export interface Problem {
  /** Where, as Discord names it: "embeds.0.url". */
  path: string;
  /** Discord-style error code: "BASE_TYPE_MAX_LENGTH", "URL_TYPE_INVALID_URL", ... */
  code: string;
  message: string;
}

type Json = Record<string, unknown>;

const lone = /\p{Cs}/u;
/** An absolute http(s) URI of RFC 3986 characters only (what the OpenAPI `format: uri` accepts). */
const URI = /^https?:\/\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})+$/;

function text(out: Problem[], path: string, value: unknown, max: number, min = 0): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') return void out.push({ path, code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
  if (lone.test(value)) out.push({ path, code: 'BASE_TYPE_BAD_UNICODE', message: 'Invalid unicode (lone surrogate).' });
  if (value.length > max) out.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  if (value.length < min) out.push({ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${min} or more in length.` });
}

function url(out: Problem[], path: string, value: unknown, max: number): void {
  if (value === undefined) return;
  text(out, path, value, max);
  if (typeof value === 'string' && !URI.test(value)) out.push({ path, code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
}

/** The characters Discord counts towards 6,000 over the embeds of a message. */
function counted(e: Json): number {
  const s = (v: unknown) => (typeof v === 'string' ? v.length : 0);
  let n = s(e.title) + s(e.description) + s((e.footer as Json | undefined)?.text) + s((e.author as Json | undefined)?.name);
  for (const f of (e.fields as Json[] | undefined) ?? []) n += s(f.name) + s(f.value);
  return n;
}

function embedProblems(out: Problem[], e: Json, at: string): void {
  text(out, `${at}.title`, e.title, 256);
  text(out, `${at}.description`, e.description, 4096);
  url(out, `${at}.url`, e.url, 2048);
  const fields = (e.fields as Json[] | undefined) ?? [];
  if (fields.length > 25) out.push({ path: `${at}.fields`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
  fields.forEach((f, i) => {
    text(out, `${at}.fields.${i}.name`, f.name, 256, 1);
    text(out, `${at}.fields.${i}.value`, f.value, 1024, 1);
  });
  const footer = e.footer as Json | undefined;
  if (footer) text(out, `${at}.footer.text`, footer.text, 2048, 1);
  const author = e.author as Json | undefined;
  if (author) text(out, `${at}.author.name`, author.name, 256, 1);
}

function componentProblems(out: Problem[], rows: Json[], at: string): void {
  if (rows.length > 5) out.push({ path: at, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
  rows.forEach((row, r) => {
    const items = (row.components as Json[] | undefined) ?? [];
    if (items.length > 5) out.push({ path: `${at}.${r}.components`, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
    items.forEach((c, i) => {
      text(out, `${at}.${r}.components.${i}.label`, c.label, 80);
      text(out, `${at}.${r}.components.${i}.custom_id`, c.custom_id, 100);
      url(out, `${at}.${r}.components.${i}.url`, c.url, 512);
    });
  });
}

/** What Discord would refuse in a message body (create, edit, interaction reply or follow-up). */
export function discordMessageProblems(body: Json): Problem[] {
  const out: Problem[] = [];
  text(out, 'content', body.content, 2000);
  const embeds = (body.embeds as Json[] | undefined) ?? [];
  if (embeds.length > 10) out.push({ path: 'embeds', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
  embeds.forEach((e, i) => embedProblems(out, e, `embeds.${i}`));
  if (embeds.reduce((n, e) => n + counted(e), 0) > 6000) {
    out.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  }
  componentProblems(out, (body.components as Json[] | undefined) ?? [], 'components');
  const choices = body.choices as Json[] | undefined;
  if (choices) {
    if (choices.length > 25) out.push({ path: 'choices', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
    choices.forEach((c, i) => {
      text(out, `choices.${i}.name`, c.name, 100, 1);
      text(out, `choices.${i}.value`, c.value, 100, 1);
    });
  }
  return out;
}

/** Discord's 400 body for those problems: code 50035 with the errors nested by path. */
export function discordInvalidFormBody(problems: Problem[]): Json {
  const errors: Json = {};
  for (const p of problems) {
    let node = errors;
    for (const part of p.path.split('.')) node = (node[part] ??= {}) as Json;
    ((node._errors ??= []) as unknown[]).push({ code: p.code, message: p.message });
  }
  return { message: 'Invalid Form Body', code: 50035, errors };
}

function slackText(out: string[], path: string, obj: unknown, max: number): void {
  const t = (obj as Json | undefined)?.text;
  if (typeof t !== 'string' || t.length === 0) out.push(`${path}.text: must be a non-empty string`);
  else if (t.length > max) out.push(`${path}.text: must be less than ${max + 1} characters`);
}

function slackBlock(out: string[], b: Json, at: string): void {
  switch (b.type) {
    case 'header':
      return slackText(out, at, b.text, 150);
    case 'section': {
      if (b.text) slackText(out, `${at}.text`, b.text, 3000);
      const fields = (b.fields as Json[] | undefined) ?? [];
      if (!b.text && fields.length === 0) out.push(`${at}: a section needs text or fields`);
      if (fields.length > 10) out.push(`${at}.fields: must be no more than 10 items`);
      fields.forEach((f, i) => slackText(out, `${at}.fields[${i}]`, f, 2000));
      return;
    }
    case 'context': {
      const elements = (b.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > 10) out.push(`${at}.elements: must hold 1 to 10 items`);
      elements.forEach((e, i) => slackText(out, `${at}.elements[${i}]`, e, 3000));
      return;
    }
    case 'actions': {
      const elements = (b.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > 25) out.push(`${at}.elements: must hold 1 to 25 items`);
      elements.forEach((e, i) => {
        slackText(out, `${at}.elements[${i}].text`, e.text, 75);
        if (typeof e.action_id === 'string' && e.action_id.length > 255) out.push(`${at}.elements[${i}].action_id: too long`);
        if (typeof e.value === 'string' && e.value.length > 2000) out.push(`${at}.elements[${i}].value: too long`);
      });
      return;
    }
    case 'divider':
      return;
    default:
      out.push(`${at}.type: unknown block type ${String(b.type)}`);
  }
}

/** What Slack would refuse (invalid_blocks) in a message's blocks: the errors Slack lists, one a line. */
export function slackBlockProblems(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks: must be an array'];
  const out: string[] = [];
  if (blocks.length > 50) out.push('blocks: must be no more than 50 items');
  const ids = new Set<string>();
  blocks.forEach((b: Json, i) => {
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > 255) out.push(`[${i}].block_id: too long`);
      if (ids.has(b.block_id)) out.push(`[${i}].block_id: duplicate ${b.block_id}`);
      ids.add(b.block_id);
    }
    slackBlock(out, b, `[${i}]`);
  });
  return out;
}
