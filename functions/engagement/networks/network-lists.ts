import * as z from '../../platform/zod.ts';
import { anObject, parsePolicy, uniqueIds } from '../../platform/policy-file.ts';
import { type CidrKeys, formatCidrKeys, ipv4Mapped, ipv4Number, ipv6Hex, parseCidrKeys } from './cidr.ts';

const required = (expected: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : expected) });
const text = z.string(required('must be text')).check(z.minLength(1, 'must not be blank'));
const names = z.array(text, required('must be a list')).check(z.minLength(1, 'must name at least one, or be left out'));

/**
 * What a list's addresses are, which decides which of their signals are machines':
 * - `privacy-proxy` fetches remote content for the reader whether or not they read
 *   (iCloud Private Relay, through which Apple Mail Privacy Protection fetches):
 *   its opens are machines', its clicks a person browsing through it;
 * - `mail-gateway` is a security gateway's filtering tier, which fetches pixels and
 *   follows links while it scans and which no reader reads mail from: opens and clicks are machines';
 * - `hosting` is a cloud provider's ranges, which no person's mail client or browser
 *   normally uses (scanners, sandboxes): opens and clicks are machines';
 * - `mail-provider` is a mailbox provider's own servers (Microsoft 365, Gmail's image
 *   proxy): they fetch images when the person opens, so opens are the person's, and
 *   they check and preview links, which no person clicks from, so clicks are machines'.
 */
export const networkKinds = ['privacy-proxy', 'mail-gateway', 'hosting', 'mail-provider'] as const;
export type NetworkKind = (typeof networkKinds)[number];
export type SignalType = 'open' | 'click';

/** The signals each kind may name in `appliesTo`: a list may narrow them, never widen them. */
export const machineSignalsOf: Readonly<Record<NetworkKind, readonly SignalType[]>> = {
  'privacy-proxy': ['open'],
  'mail-gateway': ['open', 'click'],
  hosting: ['open', 'click'],
  'mail-provider': ['click'],
};

const whyNot: Readonly<Record<NetworkKind, string>> = {
  'privacy-proxy': 'a privacy proxy makes opens only: a click through it is a person browsing',
  'mail-gateway': '',
  hosting: '',
  'mail-provider': "a mailbox provider fetches images when the person opens: its opens are the person's",
};

const Url = text.check(
  z.refine((url) => {
    try {
      return ['https:', 'http:'].includes(new URL(url).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);

/** Where the shipped ranges were read from when that was not `url` itself (a copy); a refresh, which reads `url`, removes it. */
const copiedFrom = z.optional(text);

/**
 * Where a list comes from and how its `url` is read. `manual` lists have no
 * feed a program can read (ranges seen in reports, or copied by hand from an
 * owner's help page): a refresh leaves them alone.
 */
const Source = z.discriminatedUnion(
  'format',
  [
    /** Apple's iCloud Private Relay egress CSV: `cidr,country,region,city,`, no header. */
    z.strictObject({ url: Url, format: z.literal('apple-egress-csv'), copiedFrom }),
    /** AWS ip-ranges.json: prefixes[].ip_prefix and ipv6_prefixes[].ipv6_prefix, of the named services only when `services` is given. */
    z.strictObject({ url: Url, format: z.literal('aws-ip-ranges'), services: z.optional(names), copiedFrom }),
    /** Google's goog.json and cloud.json: prefixes[].ipv4Prefix and prefixes[].ipv6Prefix. */
    z.strictObject({ url: Url, format: z.literal('google-ipranges'), copiedFrom }),
    /**
     * The Microsoft 365 endpoints web service (endpoints.office.com/endpoints/worldwide): the `ips`
     * of the entries in the named service areas and endpoint sets (ids), or of all of them.
     */
    z.strictObject({
      url: Url,
      format: z.literal('microsoft-365-endpoints'),
      serviceAreas: z.optional(names),
      endpointSets: z.optional(
        z.array(z.number().check(z.int('must be a whole number'), z.positive('must be more than 0')), required('must be a list')).check(z.minLength(1, 'must name at least one, or be left out')),
      ),
      copiedFrom,
    }),
    /** Azure Service Tags (ServiceTags_Public_YYYYMMDD.json, or the download page that links it): values[].properties.addressPrefixes of the named tags, or of all. */
    z.strictObject({ url: Url, format: z.literal('azure-service-tags'), serviceTags: z.optional(names), copiedFrom }),
    /** Plain text, one range (or address) a line; # starts a comment. */
    z.strictObject({ url: Url, format: z.literal('cidr-lines'), copiedFrom }),
    /** No feed: ranges seen in the report at `url`, or copied by hand from the page at `url`. */
    z.strictObject({ url: Url, format: z.literal('manual'), copiedFrom }),
  ],
  {
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : 'must be one of apple-egress-csv, aws-ip-ranges, google-ipranges, microsoft-365-endpoints, azure-service-tags, cidr-lines or manual',
  },
);
export type NetworkSource = z.infer<typeof Source>;
export type SourceFormat = NetworkSource['format'];

const Cidr = z.string(required('must be text')).check(
  z.superRefine((cidr, ctx) => {
    const range = parseCidrKeys(cidr);
    if (range === undefined) {
      ctx.addIssue({ code: 'custom', input: cidr, message: 'must be an IPv4 or IPv6 range in CIDR notation, such as 17.0.0.0/8 or 2a02:26f7::/32' });
    } else if (range.hostBitsSet) {
      ctx.addIssue({ code: 'custom', input: cidr, message: `has bits set past its prefix: the range is ${formatCidrKeys(range)}` });
    } else if (formatCidrKeys(range) !== cidr) {
      ctx.addIssue({ code: 'custom', input: cidr, message: `must be written ${formatCidrKeys(range)}` });
    }
  }),
);

/**
 * An instant in UTC (2026-08-11T06:00:00.000Z), as a refresh writes it, or for
 * a copy as precisely as its date is known: a day, a month or a year.
 */
const FetchedAt = z
  .string(required('must be a date, such as 2026-08-11'))
  .check(
    z.refine(
      (value) =>
        /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z)?)?)?$/.test(value) &&
        !Number.isNaN(Date.parse(value)) &&
        new Date(Date.parse(value)).toISOString().startsWith(value.slice(0, 10)),
      'must be a UTC instant, such as 2026-08-11T06:00:00.000Z, or a date, such as 2026-08-11, 2026-08 or 2026',
    ),
  );

const NetworkList = z
  .strictObject(
    {
      /** Lower-case letters, digits and dashes; what a match names. */
      id: text.check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and dashes, such as apple-icloud-private-relay')),
      /** Who runs the network. */
      owner: text,
      kind: z.enum(networkKinds, {
        error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${networkKinds.join(', ')}`),
      }),
      /** Which signals from these addresses are machines': the kind's (see `machineSignalsOf`) or fewer. */
      appliesTo: z.array(z.enum(['open', 'click'], { error: () => 'must be "open" or "click"' }), required('must be a list')),
      source: Source,
      /** When the ranges were read from `source.url`, or for a copy (`source.copiedFrom`), the date of the copy. */
      fetchedAt: FetchedAt,
      /** Whether `cidrs` holds every range the source publishes (after the source's filters), or a sample of them. */
      complete: z.boolean(required('must be true or false')),
      note: z.optional(text),
      cidrs: z.array(Cidr, required('must be a list')).check(z.minLength(1, 'must hold at least one range')),
    },
    anObject,
  )
  .check(
    z.superRefine((list, ctx) => {
      const allowed = machineSignalsOf[list.kind];
      list.appliesTo.forEach((signal, index) => {
        if (!allowed.includes(signal)) ctx.addIssue({ code: 'custom', path: ['appliesTo', index], input: signal, message: whyNot[list.kind] });
        if (list.appliesTo.indexOf(signal) !== index) ctx.addIssue({ code: 'custom', path: ['appliesTo', index], input: signal, message: `"${signal}" is listed twice` });
      });
      if (list.source.format === 'manual' && list.complete) {
        ctx.addIssue({ code: 'custom', path: ['complete'], input: true, message: 'must be false: ranges seen in reports (format manual) are never every range the owner has' });
      }
      const seen = new Set<string>();
      list.cidrs.forEach((cidr, index) => {
        if (seen.has(cidr)) ctx.addIssue({ code: 'custom', path: ['cidrs', index], input: cidr, message: `duplicate range "${cidr}"` });
        seen.add(cidr);
      });
    }),
  );
export type NetworkList = z.infer<typeof NetworkList>;

/**
 * Networks of the big proxies, gateways and clouds, as their owners publish
 * them, each with its source and date. Checked in order: where two lists hold
 * the very same range, the first one names it.
 */
export const NetworkLists = z
  .strictObject({
    about: z.optional(text),
    lists: z.array(NetworkList, required('must be a list')).check(z.minLength(1, 'must hold at least one list')),
  })
  .check(uniqueIds('lists', 'list id'));
export type NetworkLists = z.infer<typeof NetworkLists>;

/** Parses network lists, failing with every problem named by its path. */
export function parseNetworkLists(data: unknown, origin = 'network lists'): NetworkLists {
  return parsePolicy(NetworkLists, data, origin, { plural: true });
}

/** The published range an address is in: which list, what kind of network, and which of its signals are machines'. */
export type NetworkMatch = Readonly<{ listId: string; kind: NetworkKind; cidr: string; appliesTo: readonly SignalType[] }>;

/** Finds the published range an address is in; undefined for an address in none, or for text that is no address. */
export type NetworkLookup = (ip: string) => NetworkMatch | undefined;

type Entry<Key> = { first: Key; last: Key; prefix: number; match: NetworkMatch };

/**
 * Builds the lookup once: every range of every list, sorted, so a lookup is a
 * binary search (about 15 steps for 20,000 ranges) where node:net's BlockList
 * tries every range in turn.
 *
 * Where ranges nest, the narrowest one containing the address answers: a
 * Barracuda /27 inside an AWS /15 is Barracuda's; where two lists hold the
 * same range, the earlier list's. IPv4-mapped IPv6 addresses
 * (::ffff:192.0.2.1) are looked up as IPv4.
 */
export function networkLookup(lists: NetworkLists | readonly NetworkList[]): NetworkLookup {
  const ipv4: Array<Entry<number>> = [];
  const ipv6: Array<Entry<string>> = [];
  for (const list of 'lists' in lists ? lists.lists : lists) {
    const appliesTo = Object.freeze([...list.appliesTo]);
    for (const cidr of list.cidrs) {
      const range: CidrKeys | undefined = parseCidrKeys(cidr);
      if (range === undefined) throw new RangeError(`list "${list.id}": "${cidr}" is not a CIDR range`);
      const match = Object.freeze({ listId: list.id, kind: list.kind, cidr, appliesTo });
      if (range.family === 4) ipv4.push({ first: range.first, last: range.last, prefix: range.prefix, match });
      else ipv6.push({ first: range.first, last: range.last, prefix: range.prefix, match });
    }
  }
  const findIpv4 = table(ipv4);
  const findIpv6 = table(ipv6);
  return (ip) => {
    const v4 = ipv4Number(ip);
    if (v4 !== undefined) return findIpv4(v4);
    const hex = ipv6Hex(ip);
    if (hex === undefined) return undefined;
    return hex.startsWith(ipv4Mapped) ? findIpv4(Number.parseInt(hex.slice(24), 16)) : findIpv6(hex);
  };
}

/**
 * A sorted table of ranges that nest or lie apart (two CIDR ranges never
 * partly overlap). `parent[i]` is the narrowest range that contains range i.
 * The last range that starts at or before an address, or failing that the
 * nearest of its parents that reaches the address, is the narrowest range
 * containing it.
 */
function table<Key extends number | string>(entries: Array<Entry<Key>>): (address: Key) => NetworkMatch | undefined {
  // A stable sort, wider ranges first: among identical ranges the earliest list's comes first and is kept.
  const sorted = entries.sort((a, b) => (a.first === b.first ? a.prefix - b.prefix : a.first < b.first ? -1 : 1));
  const kept = sorted.filter((entry, index) => index === 0 || entry.first !== sorted[index - 1]!.first || entry.prefix !== sorted[index - 1]!.prefix);
  const firsts = kept.map((entry) => entry.first);
  const lasts = kept.map((entry) => entry.last);
  const matches = kept.map((entry) => entry.match);
  const parent = new Int32Array(kept.length);
  const open: number[] = [];
  kept.forEach((entry, index) => {
    while (open.length > 0 && lasts[open.at(-1)!]! < entry.first) open.pop();
    parent[index] = open.at(-1) ?? -1;
    open.push(index);
  });
  return (address) => {
    let low = 0;
    let high = firsts.length - 1;
    let at = -1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (firsts[middle]! <= address) {
        at = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    while (at !== -1 && lasts[at]! < address) at = parent[at]!;
    return at === -1 ? undefined : matches[at];
  };
}
