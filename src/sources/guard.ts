/**
 * Keeps feeds added at run time (by a chat user) away from the bot's own network: loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved addresses.
 * The check runs when the feed is added and again at every connection, after DNS and after each
 * redirect, so a name that later resolves elsewhere (DNS rebinding) or a redirect to 127.0.0.1 is refused too.
 */
import { type LookupAddress, lookup as dnsLookup } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { ExitsError } from '../core/errors.ts';
import { boundedLookup, type LookupFunction } from './dns.ts';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) IPv6 address. */
function embeddedV4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = Number.parseInt(m[2] as string, 16);
  const lo = Number.parseInt(m[3] as string, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Whether an IP address is one a feed added at run time must not reach. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const v4 = embeddedV4(address);
  return v4 !== null ? blocked.check(v4, 'ipv4') : blocked.check(address, 'ipv6');
}

function refusal(host: string, address: string): ExitsError {
  const at = host === address ? address : `${host} (${address})`;
  return new ExitsError('PRIVATE_ADDRESS', `${at} is a loopback, private or reserved address`);
}

/** A lookup for net.connect that fails when any address of the name is a private one. */
export function guardedLookup(lookup: LookupFunction = boundedLookup()): LookupFunction {
  return (hostname, options, callback) =>
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(refusal(hostname, bad.address), []);
      const first = list[0];
      if (options.all) return callback(null, list);
      if (!first) return callback(new ExitsError('NETWORK', `${hostname} has no address`), []);
      return callback(null, first.address, first.family);
    });
}

/** An HTTP dispatcher whose every connection (redirects included) passes the private-address check. */
export function guardedAgent(lookup?: LookupFunction): Agent {
  const connect = buildConnector({ lookup: guardedLookup(lookup) } as buildConnector.BuildOptions);
  return new Agent({
    connect(opts, callback) {
      const host = opts.hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) && isPrivateAddress(host)) return callback(refusal(host, host), null);
      return connect(opts, callback);
    },
  });
}

/** What /exits feeds add checks before it stores a URL: http(s), no credentials, a public address. */
export async function checkFeedUrl(
  raw: string,
  opts: { allowPrivate: boolean; resolve?: (host: string) => Promise<string[]> },
): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, error: 'that is not a URL: give the whole address, https://…' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: 'only http and https feeds can be added' };
  if (url.username || url.password) return { ok: false, error: 'a feed URL with a user name or password cannot be added' };
  url.hash = '';
  if (opts.allowPrivate) return { ok: true, url: url.href };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const resolve =
    opts.resolve ??
    ((h: string) =>
      new Promise<string[]>((res, rej) =>
        dnsLookup(h, { all: true }, (err, list) => (err ? rej(err) : res(list.map((a) => a.address)))),
      ));
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unknown error';
    return { ok: false, error: `${host} does not resolve (${code})` };
  }
  const bad = addresses.find(isPrivateAddress);
  if (bad) {
    const error = `${refusal(host, bad).message}: an added feed must be public, unless the config sets http.allowPrivateAddresses: true`;
    return { ok: false, error };
  }
  return { ok: true, url: url.href };
}
