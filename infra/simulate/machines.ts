import * as z from '../../functions/platform/zod.ts';
import type { Random } from './prng.ts';

const share = z.number().check(z.minimum(0, 'must be a share between 0 and 1'), z.maximum(1, 'must be a share between 0 and 1'));
const Seconds = z
  .object({ min: z.number().check(z.nonnegative('must not be negative')), max: z.number().check(z.nonnegative('must not be negative')) })
  .check(z.refine((range) => range.min <= range.max, { message: 'min must not be more than max', path: ['max'] }));
// Ids name the report's rows, beside the people's own ("person-open", "person-click", "person-open-via-…").
const Id = z
  .string()
  .check(
    z.regex(/^[a-z0-9-]+$/, 'use lower-case letters, digits and dashes, such as apple-mail-privacy-protection'),
    z.refine((id) => !id.startsWith('person'), 'ids starting "person" name people\'s own signals; choose another'),
  );
const UserAgent = z.string().check(z.minLength(1, 'say what user agent the requests carry'));
const Networks = z.array(z.cidrv4()).check(z.minLength(1, 'name at least one IPv4 network (CIDR) the requests come from'));
const Source = z.string().check(z.minLength(1, 'say where this is published, or that it is an assumption'));

/** Webmail that fetches a message's images through its own proxy when the person opens it. */
export const ImageProxy = z.object({ id: Id, share, userAgent: UserAgent, networks: Networks, source: Source });
export type ImageProxy = z.infer<typeof ImageProxy>;

/**
 * A machine that opens or clicks the email of the leads behind it: at delivery
 * (privacy proxies, security gateways) or after the person opened (a chat app
 * previewing a link the person pasted). Behaviours naming the same `behind`
 * act on the same mailboxes, the one with the smaller share on a subset.
 */
export const MachineBehaviour = z
  .object({
    id: Id,
    kind: z.enum(['open', 'click']),
    /** Of leads whose mailboxes (or people) it is behind. */
    share,
    behind: z.optional(z.string().check(z.minLength(1))),
    trigger: z.enum(['delivery', 'person-open']),
    /** Of the messages it sees, how many it acts on; absent, all. */
    chance: z.optional(share),
    userAgent: UserAgent,
    networks: Networks,
    /** After delivery, or after the person's open. */
    delaySeconds: Seconds,
    /** Every link of the message, one after another, or one link (the one the person clicked, if any). */
    links: z.optional(z.enum(['all', 'one'])),
    betweenLinksSeconds: z.optional(Seconds),
    source: Source,
  })
  .check(
    z.refine((m) => (m.kind === 'click') === (m.links !== undefined), { message: 'a click behaviour says which links it follows ("all" or "one"); an open follows none', path: ['links'] }),
    z.refine((m) => (m.betweenLinksSeconds === undefined ? m.links !== 'all' : m.links !== 'one' && m.kind === 'click'), { message: 'a behaviour following all links says how long it waits between them, and only it does', path: ['betweenLinksSeconds'] }),
  );
export type MachineBehaviour = z.infer<typeof MachineBehaviour>;

/** One open or click as SES reports it: when, from which user agent and address, on which link. */
export type Act = { type: 'open' | 'click'; atMs: number; userAgent: string; ip: string; link?: string };

/** The machines behind one lead's mailbox, drawn once per lead. */
export function machinesBehind(machines: readonly MachineBehaviour[], rng: Random): MachineBehaviour[] {
  const draws = new Map<string, number>();
  return machines.filter((machine) => {
    const group = machine.behind ?? machine.id;
    if (!draws.has(group)) draws.set(group, rng.next());
    return draws.get(group)! < machine.share;
  });
}

/** The image proxy a person reads through, if any, drawn once per person. */
export function imageProxyOf(proxies: readonly ImageProxy[], rng: Random): ImageProxy | undefined {
  let draw = rng.next();
  return proxies.find((proxy) => (draw -= proxy.share) < 0);
}

/** What one machine does about one message, counted from `fromMs` (delivery, or the person's open). */
export function machineActs(machine: MachineBehaviour, fromMs: number, links: { all: readonly string[]; clicked?: string | undefined }, rng: Random): Act[] {
  if (machine.chance !== undefined && !rng.chance(machine.chance)) return [];
  let atMs = fromMs + rng.between(machine.delaySeconds.min, machine.delaySeconds.max) * 1000;
  // One scan, one address.
  const request = { userAgent: machine.userAgent, ip: addressIn(rng.pick(machine.networks), rng) };
  if (machine.kind === 'open') return [{ type: 'open', atMs, ...request }];
  if (machine.links === 'one') return [{ type: 'click', atMs, link: links.clicked ?? rng.pick(links.all), ...request }];
  return links.all.map((link, index) => {
    if (index > 0) atMs += rng.between(machine.betweenLinksSeconds!.min, machine.betweenLinksSeconds!.max) * 1000;
    return { type: 'click', atMs, link, ...request };
  });
}

/** An address drawn from an IPv4 network, such as 52.112.0.0/14. */
export function addressIn(cidr: string, rng: Random): string {
  const [address = '', prefix = ''] = cidr.split('/');
  const base = address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(prefix));
  const n = base - (base % size) + rng.int(0, size - 1);
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
