/**
 * npm run conformance:chat: every payload exits sends, checked against the platforms' own specifications
 * rather than our fakes' word: Discord's OpenAPI schema (ajv), the documented limits of Discord and Slack,
 * and config/slack-manifest.yaml against Slack's manifest schema. The specs are read from
 * ../shared/platform-specs (or CHAT_SPECS); they are never copied into the repository.
 *
 * The real bots run against the loopback fakes; what they send (cards, edits, every /exits answer,
 * pager clicks, autocomplete, command registration) is recorded and checked. Prints counts; exit 1 when
 * anything fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import Ajv07 from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { discordMessageProblems, slackBlockProblems } from '../test/fakes/chat-limits.ts';
import { runDiscord, runSlack, type Sent, type SlackSent } from './conformance-scene.ts';

const SPECS = process.env.CHAT_SPECS ?? join(process.cwd(), '..', 'shared', 'platform-specs');

type Json = Record<string, unknown>;
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

interface Tally {
  checked: number;
  failed: number;
  examples: string[];
}
const tally = (): Tally => ({ checked: 0, failed: 0, examples: [] });

function note(t: Tally, ok: boolean, what: string): void {
  t.checked++;
  if (ok) return;
  t.failed++;
  if (t.examples.length < 8) t.examples.push(what.slice(0, 300));
}

// ajv's CommonJS default exports, as tsx loads them (module.exports = Ajv, with .default beside).
type AjvLike = { addSchema(s: object): void; addFormat(name: string, f: RegExp | boolean): void; compile(s: object): Validate };
type AjvCtor = new (opts: object) => AjvLike;
const unwrap = <T>(m: unknown): T => ((m as { default?: unknown }).default ?? m) as T;
const AjvClass = unwrap<AjvCtor>(Ajv2020);
const Ajv7Class = unwrap<AjvCtor>(Ajv07);
const formats = unwrap<(ajv: AjvLike) => void>(addFormats);

function discordSchemas(): (name: string) => Validate {
  const spec = JSON.parse(readFileSync(join(SPECS, 'discord', 'openapi.json'), 'utf8')) as Json;
  const ajv = new AjvClass({ strict: false, allErrors: true, validateFormats: true });
  formats(ajv);
  // Discord's own formats: ids are decimal strings; a nonce is an id-like string of up to 25 characters.
  ajv.addFormat('snowflake', /^(0|[1-9][0-9]{0,19})$/);
  ajv.addFormat('nonce', /^.{1,25}$/su);
  ajv.addSchema({ $id: 'discord', components: spec.components });
  const cache = new Map<string, Validate>();
  return (name) => {
    let v = cache.get(name);
    if (!v) {
      const ref = name.endsWith('[]')
        ? { type: 'array', items: { $ref: `discord#/components/schemas/${name.slice(0, -2)}` } }
        : { $ref: `discord#/components/schemas/${name}` };
      v = ajv.compile(ref) as Validate;
      cache.set(name, v);
    }
    return v;
  };
}

/** The schema of a request exits makes, by method and route, and the message inside it. */
function schemaOf(s: Sent): { schema: string; message: Json | null } | null {
  const p = s.path.replace(/^\/api\/v10/, '');
  const body = (s.body ?? {}) as Json;
  if (s.method === 'POST' && /^\/channels\/\d+\/messages$/.test(p)) return { schema: 'MessageCreateRequest', message: body };
  if (s.method === 'PATCH' && /^\/channels\/\d+\/messages\/\d+$/.test(p)) return { schema: 'MessageEditRequestPartial', message: body };
  if (s.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) {
    const type = body.type as number;
    const schema =
      type === 8
        ? 'ApplicationCommandAutocompleteCallbackRequest'
        : type === 6 || type === 7
          ? 'UpdateMessageInteractionCallbackRequest'
          : 'CreateMessageInteractionCallbackRequest';
    return { schema, message: (body.data as Json | undefined) ?? null };
  }
  if (s.method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/[^/]+$/.test(p)) return { schema: 'IncomingWebhookUpdateRequestPartial', message: body };
  if (s.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(p)) return { schema: 'IncomingWebhookRequestPartial', message: body };
  if (s.method === 'PUT' && /commands$/.test(p)) return { schema: 'ApplicationCommandUpdateRequest[]', message: null };
  return null;
}

/** Embeds of one message that share a url: Discord merges them and shows only the first. */
function sameUrl(message: Json | null): string | null {
  const urls = ((message?.embeds as Json[] | undefined) ?? []).map((e) => e.url).filter((u): u is string => typeof u === 'string');
  const dup = urls.find((u, i) => urls.indexOf(u) !== i);
  return dup ?? null;
}

function checkDiscord(sent: Sent[]): { schema: Tally; limits: Tally; other: Tally } {
  const validator = discordSchemas();
  const out = { schema: tally(), limits: tally(), other: tally() };
  for (const s of sent) {
    const kind = schemaOf(s);
    if (!kind) continue;
    const v = validator(kind.schema);
    const ok = v(s.body);
    note(out.schema, ok, `${s.method} ${s.path} ${kind.schema}: ${(v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
    if (kind.message) {
      const problems = discordMessageProblems(kind.message);
      note(out.limits, problems.length === 0, `${s.method} ${s.path}: ${problems.map((p) => `${p.path} ${p.code}`).join('; ')}`);
      const dup = sameUrl(kind.message);
      note(out.other, dup === null, `${s.method} ${s.path}: two embeds with the url ${dup} (only the first shows)`);
    }
    if (/\/guilds\/\d+\/commands$/.test(s.path)) {
      const withContexts = ((s.body as Json[] | null) ?? []).some((c) => 'contexts' in c || 'integration_types' in c);
      note(out.other, !withContexts, `${s.path}: guild registration sends contexts/integration_types (global-only)`);
    }
  }
  return out;
}

/** Every string anywhere in a payload. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function checkSlack(sent: SlackSent[]): Tally {
  const t = tally();
  for (const s of sent) {
    const problems = [...(s.refused ?? []), ...slackBlockProblems(s.blocks)];
    if (strings([s.text, s.blocks]).some((t) => /\p{Cs}/u.test(t))) problems.push('text or blocks: lone surrogate');
    note(t, problems.length === 0, `${s.what}: ${problems.join('; ')}`);
  }
  return t;
}

function checkManifest(): Tally {
  const t = tally();
  const ajv = new Ajv7Class({ strict: false, allErrors: true });
  formats(ajv);
  const dir = join(SPECS, 'slack');
  for (const v of ['1.0.0', '2.0.0']) {
    const schema = JSON.parse(readFileSync(join(dir, `manifest.schema.${v}.json`), 'utf8')) as Json;
    ajv.addSchema({ ...schema, $id: `https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.${v}.json` });
  }
  const all = JSON.parse(readFileSync(join(dir, 'manifest.schema.json'), 'utf8')) as Json;
  const validate = ajv.compile(all) as Validate;
  const manifest = parse(readFileSync('config/slack-manifest.yaml', 'utf8')) as unknown;
  note(t, validate(manifest), `config/slack-manifest.yaml: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ')}`);
  return t;
}

function print(name: string, t: Tally): void {
  process.stdout.write(`${name.padEnd(44)} ${String(t.checked).padStart(4)} checked, ${String(t.failed).padStart(3)} failed\n`);
  for (const e of t.examples) process.stdout.write(`    ✗ ${e}\n`);
}

async function main(): Promise<number> {
  const discordSent = await runDiscord();
  const slackSent = await runSlack();
  const d = checkDiscord(discordSent);
  const s = checkSlack(slackSent);
  const m = checkManifest();
  print('Discord requests vs OpenAPI schema', d.schema);
  print('Discord messages vs documented limits', d.limits);
  print('Discord merged embeds, guild-only fields', d.other);
  print('Slack messages vs Block Kit limits', s);
  print('Slack manifest vs manifest schema', m);
  const failed = [d.schema, d.limits, d.other, s, m].reduce((n, t) => n + t.failed, 0);
  const checked = [d.schema, d.limits, d.other, s, m].reduce((n, t) => n + t.checked, 0);
  process.stdout.write(`total: ${checked} checks, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`conformance:chat: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
