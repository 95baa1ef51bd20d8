import { readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import data from '../../../../functions/engagement/networks/published-networks.json' with { type: 'json' };
import { defaultNetworkLists, defaultNetworks, networkOf } from '../../../../functions/engagement/networks/default-networks.ts';
import { type NetworkList, machineSignalsOf, networkLookup, parseNetworkLists } from '../../../../functions/engagement/networks/network-lists.ts';
import { formatCidrKeys, parseCidrKeys } from '../../../../functions/engagement/networks/cidr.ts';
import { formatNetworkLists, networkFile } from '../../../../infra/networks/network-file.ts';

type Change = Record<string, unknown>;
const first = data.lists[0]!;
/** The shipped file with its first list changed. */
const withList = (change: Change) => ({ ...data, lists: [{ ...first, ...change }, ...data.lists.slice(1)] });
const withSource = (change: Change) => withList({ source: { ...first.source, ...change } });
const list = (id: string, kind: NetworkList['kind'], cidrs: string[], appliesTo = [...machineSignalsOf[kind]]): NetworkList => ({
  id,
  owner: 'Example',
  kind,
  appliesTo,
  source: { url: 'https://example.com/ranges.txt', format: 'cidr-lines' },
  fetchedAt: '2026-08-11',
  complete: true,
  cidrs,
});

describe('the shipped network lists', () => {
  it('all parse, each with an owner, a kind, a source URL and format, and a date that has passed', () => {
    const lists = parseNetworkLists(data).lists;

    expect(lists.map((entry) => entry.id)).toEqual([
      'microsoft-365-eop',
      'microsoft-safe-links-observed',
      'barracuda-email-gateway-defense',
      'apple-icloud-private-relay',
      'aws',
      'google-cloud',
      'azure',
      'microsoft-365',
      'google-gmail-image-proxy',
    ]);
    for (const entry of lists) {
      expect(entry.source.url, entry.id).toMatch(/^https:\/\//);
      expect(Date.parse(entry.fetchedAt), entry.id).toBeLessThan(Date.now());
      expect(entry.cidrs.length, entry.id).toBeGreaterThan(0);
    }
  });

  it('say where each list was copied from until it is fetched from its owner, and are samples unless the copy was whole', () => {
    for (const entry of defaultNetworkLists.lists) {
      // Nothing here was fetched live: each list is a stored copy (copiedFrom) or ranges seen in reports (manual).
      expect(entry.source.copiedFrom !== undefined || entry.source.format === 'manual', entry.id).toBe(true);
    }
    const complete = defaultNetworkLists.lists.filter((entry) => entry.complete).map((entry) => entry.id);
    expect(complete).toEqual(['microsoft-365-eop', 'microsoft-365']);
  });

  it('give every kind its machine signals: opens for the privacy proxy, opens and clicks for gateways and clouds, none for image proxies', () => {
    const appliesTo = Object.fromEntries(defaultNetworkLists.lists.map((entry) => [entry.id, entry.appliesTo]));

    expect(appliesTo).toEqual({
      'microsoft-365-eop': ['open', 'click'],
      'microsoft-safe-links-observed': ['click'],
      'barracuda-email-gateway-defense': ['open', 'click'],
      'apple-icloud-private-relay': ['open'],
      aws: ['open', 'click'],
      'google-cloud': ['open', 'click'],
      azure: ['open', 'click'],
      'microsoft-365': ['click'],
      'google-gmail-image-proxy': ['click'],
    });
  });

  it('are printed as the refresh prints them, so a refresh that finds nothing new changes nothing', () => {
    expect(formatNetworkLists(defaultNetworkLists)).toBe(readFileSync(networkFile, 'utf8'));
  });

  it('stay small enough to bundle into a Lambda function', () => {
    // About 15 KB as shipped (175 ranges); refreshed whole, about 21,000 ranges and 650 KB.
    expect(statSync(networkFile).size).toBeLessThan(1_000_000);
  });

  it('are what the default lookup answers from', () => {
    expect(defaultNetworks.lists).toBe(defaultNetworkLists);
    expect(defaultNetworks.networkOf('40.92.0.1')).toEqual(networkLookup(defaultNetworkLists)('40.92.0.1'));
  });
});

describe('parseNetworkLists', () => {
  it.each([
    { name: 'a prefix longer than IPv4 has', change: withList({ cidrs: ['17.0.0.0/33'] }), says: 'must be an IPv4 or IPv6 range in CIDR notation, such as 17.0.0.0/8 or 2a02:26f7::/32\n  → at lists[0].cidrs[0]' },
    { name: 'an address with three parts', change: withList({ cidrs: ['17.0.0/8'] }), says: 'must be an IPv4 or IPv6 range in CIDR notation, such as 17.0.0.0/8 or 2a02:26f7::/32\n  → at lists[0].cidrs[0]' },
    { name: 'a host name for a range', change: withList({ cidrs: ['apple.com/8'] }), says: 'must be an IPv4 or IPv6 range in CIDR notation, such as 17.0.0.0/8 or 2a02:26f7::/32\n  → at lists[0].cidrs[0]' },
    { name: 'a prefix longer than IPv6 has', change: withList({ cidrs: ['2a02:26f7::/129'] }), says: 'must be an IPv4 or IPv6 range in CIDR notation, such as 17.0.0.0/8 or 2a02:26f7::/32\n  → at lists[0].cidrs[0]' },
    { name: 'a range that is no range', change: withList({ cidrs: ['40.92.0.0'] }), says: 'must be an IPv4 or IPv6 range in CIDR notation, such as 17.0.0.0/8 or 2a02:26f7::/32\n  → at lists[0].cidrs[0]' },
    { name: 'a prefix longer than IPv4 has', change: withList({ cidrs: ['40.92.0.0/33'] }), says: 'at lists[0].cidrs[0]' },
    { name: 'a range with host bits set', change: withList({ cidrs: ['40.92.0.1/15'] }), says: 'has bits set past its prefix: the range is 40.92.0.0/15\n  → at lists[0].cidrs[0]' },
    { name: 'an IPv6 range not in canonical form', change: withList({ cidrs: ['2A01:0111:F400:0:0::/48'] }), says: 'must be written 2a01:111:f400::/48' },
    { name: 'a repeated range', change: withList({ cidrs: ['40.92.0.0/15', '40.107.0.0/16', '40.92.0.0/15'] }), says: 'duplicate range "40.92.0.0/15"\n  → at lists[0].cidrs[2]' },
    { name: 'no ranges', change: withList({ cidrs: [] }), says: 'must hold at least one range\n  → at lists[0].cidrs' },
    { name: 'a list without ranges', change: withList({ cidrs: undefined }), says: 'is required\n  → at lists[0].cidrs' },
    { name: 'a repeated list id', change: { ...data, lists: [first, first] }, says: 'duplicate list id "microsoft-365-eop"\n  → at lists[1].id' },
    { name: 'a list id with capitals', change: withList({ id: 'Microsoft-365' }), says: 'use lower-case letters, digits and dashes' },
    { name: 'an unknown kind', change: withList({ kind: 'cdn' }), says: 'must be one of privacy-proxy, mail-gateway, hosting, mail-provider\n  → at lists[0].kind' },
    {
      name: 'a privacy proxy applied to clicks',
      change: withList({ kind: 'privacy-proxy', appliesTo: ['open', 'click'] }),
      says: 'a privacy proxy makes opens only: a click through it is a person browsing\n  → at lists[0].appliesTo[1]',
    },
    { name: "a mailbox provider's opens", change: withList({ kind: 'mail-provider', appliesTo: ['open'] }), says: "a mailbox provider fetches images when the person opens: its opens are the person's\n  → at lists[0].appliesTo[0]" },
    { name: 'a signal named twice', change: withList({ appliesTo: ['open', 'open'] }), says: '"open" is listed twice\n  → at lists[0].appliesTo[1]' },
    { name: 'a signal that is neither', change: withList({ appliesTo: ['bounce'] }), says: 'must be "open" or "click"\n  → at lists[0].appliesTo[0]' },
    { name: 'an unknown format', change: withSource({ format: 'xml' }), says: 'must be one of apple-egress-csv, aws-ip-ranges, google-ipranges, microsoft-365-endpoints, azure-service-tags, cidr-lines or manual' },
    { name: 'a source URL that is no URL', change: withSource({ url: 'endpoints.office.com' }), says: 'must be an http(s) URL\n  → at lists[0].source.url' },
    { name: 'no source', change: withList({ source: undefined }), says: 'is required\n  → at lists[0].source' },
    { name: 'an endpoint set that is no whole number', change: withSource({ endpointSets: [9.5] }), says: 'must be a whole number\n  → at lists[0].source.endpointSets[0]' },
    { name: 'an empty service area filter', change: withSource({ serviceAreas: [] }), says: 'must name at least one, or be left out\n  → at lists[0].source.serviceAreas' },
    { name: 'an option of another format', change: withSource({ services: ['EC2'] }), says: 'Unrecognized key: "services"' },
    { name: 'a date that never was', change: withList({ fetchedAt: '2026-02-30' }), says: 'must be a UTC instant, such as 2026-08-11T06:00:00.000Z, or a date, such as 2026-08-11, 2026-08 or 2026\n  → at lists[0].fetchedAt' },
    { name: 'a date in words', change: withList({ fetchedAt: 'August 2026' }), says: 'at lists[0].fetchedAt' },
    { name: 'an instant not in UTC', change: withList({ fetchedAt: '2026-08-11T06:00:00+02:00' }), says: 'at lists[0].fetchedAt' },
    { name: 'completeness in words', change: withList({ complete: 'yes' }), says: 'must be true or false\n  → at lists[0].complete' },
    { name: 'a blank owner', change: withList({ owner: '' }), says: 'must not be blank\n  → at lists[0].owner' },
    { name: 'a misspelt field', change: withList({ fetched: '2026-08-11' }), says: 'Unrecognized key: "fetched"' },
    { name: 'no lists', change: { lists: [] }, says: 'must hold at least one list\n  → at lists' },
  ])('refuses $name with a clear message', ({ change, says }) => {
    expect(() => parseNetworkLists(change, 'test lists')).toThrow(/^The test lists are invalid:\n/);
    expect(() => parseNetworkLists(change, 'test lists')).toThrow(says);
  });

  it('accepts a date known to the year or the month, and an instant as a refresh writes it', () => {
    for (const fetchedAt of ['2026', '2026-08', '2026-08-11', '2026-08-11T06:00:00.000Z', '2026-08-11T06:00:00Z']) {
      expect(() => parseNetworkLists(withList({ fetchedAt })), fetchedAt).not.toThrow();
    }
  });
});

describe('networkOf over the shipped lists', () => {
  it.each([
    // IPv4: both ends of a range, and one address past each end.
    ['40.92.0.0', 'microsoft-365-eop', '40.92.0.0/15'],
    ['40.93.255.255', 'microsoft-365-eop', '40.92.0.0/15'],
    ['40.91.255.255', undefined, undefined],
    ['40.94.0.0', undefined, undefined],
    // A one-address range.
    ['52.238.78.88', 'microsoft-365-eop', '52.238.78.88/32'],
    ['52.238.78.87', undefined, undefined],
    ['52.238.78.89', undefined, undefined],
    // Nested ranges: the narrowest answers, at both of its ends.
    ['18.184.203.224', 'barracuda-email-gateway-defense', '18.184.203.224/27'],
    ['18.184.203.255', 'barracuda-email-gateway-defense', '18.184.203.224/27'],
    ['18.184.203.223', 'aws', '18.184.0.0/15'],
    ['18.184.204.0', 'aws', '18.184.0.0/15'],
    ['18.185.255.255', 'aws', '18.184.0.0/15'],
    ['52.100.0.1', 'microsoft-365-eop', '52.100.0.0/14'],
    ['52.96.0.1', 'microsoft-365', '52.96.0.0/12'],
    ['52.111.255.255', 'microsoft-365', '52.96.0.0/12'],
    // The same range in two lists: the earlier list's.
    ['40.107.235.31', 'microsoft-365-eop', '40.107.0.0/16'],
    // IPv6: both ends, past each end, nesting, a prefix that ends inside a hex digit (/45).
    ['2a01:111:f403::', 'microsoft-365-eop', '2a01:111:f403::/48'],
    ['2a01:111:f403:ffff:ffff:ffff:ffff:ffff', 'microsoft-365-eop', '2a01:111:f403::/48'],
    ['2a01:111:f402::1', 'microsoft-365', '2a01:111:f402::/47'],
    ['2a01:111:f404::', undefined, undefined],
    ['2a02:26f7:c900:4000::2a', 'apple-icloud-private-relay', '2a02:26f7:c900:4000::/64'],
    ['2A02:26F7:C900:4000:0:0:0:2A', 'apple-icloud-private-relay', '2a02:26f7:c900:4000::/64'],
    ['2a02:26f7:c900:4001::', undefined, undefined],
    ['2a04:4e41:1620::', 'apple-icloud-private-relay', '2a04:4e41:1620::/45'],
    ['2a04:4e41:1627:ffff:ffff:ffff:ffff:ffff', 'apple-icloud-private-relay', '2a04:4e41:1620::/45'],
    ['2a04:4e41:161f:ffff:ffff:ffff:ffff:ffff', undefined, undefined],
    ['2a04:4e41:1628::', undefined, undefined],
    // An IPv4-mapped IPv6 address is the IPv4 one.
    ['::ffff:40.92.0.1', 'microsoft-365-eop', '40.92.0.0/15'],
    ['::ffff:285c:1', 'microsoft-365-eop', '40.92.0.0/15'],
    // People's documentation addresses are in no list.
    ['192.0.2.1', undefined, undefined],
    ['2001:db8::1', undefined, undefined],
  ])('looks up %s: %s', (ip, listId, cidr) => {
    const match = networkOf(ip);

    expect(match === undefined ? undefined : [match.listId, match.cidr]).toEqual(listId === undefined ? undefined : [listId, cidr]);
  });

  it('says what kind of network it is and which of its signals are machines’', () => {
    expect(networkOf('104.28.86.17')).toEqual({ listId: 'apple-icloud-private-relay', kind: 'privacy-proxy', cidr: '104.28.86.0/27', appliesTo: ['open'] });
    expect(networkOf('66.249.93.79')).toEqual({ listId: 'google-gmail-image-proxy', kind: 'mail-provider', cidr: '66.249.93.79/32', appliesTo: ['click'] });
    expect(networkOf('20.42.10.7')).toMatchObject({ listId: 'azure', kind: 'hosting', appliesTo: ['open', 'click'] });
  });

  it.each(['', 'localhost', '40.92.0.1/32', '40.92.0.01', '40.92.0', ' 40.92.0.1', 'not an address'])('finds nothing for "%s", which is no address', (text) => {
    expect(networkOf(text)).toBeUndefined();
  });
});

describe('networkLookup', () => {
  it('finds the very first and last addresses of IPv4 and IPv6', () => {
    const lookup = networkLookup([list('ends', 'hosting', ['0.0.0.0/32', '255.255.255.255/32', '::/128', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128'])]);

    expect(['0.0.0.0', '255.255.255.255', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'].map((ip) => lookup(ip)?.cidr)).toEqual([
      '0.0.0.0/32',
      '255.255.255.255/32',
      '::/128',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
    ]);
    expect(['0.0.0.1', '255.255.255.254', '::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe'].map((ip) => lookup(ip))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('finds an address after a nested range in the range around it', () => {
    const lookup = networkLookup([list('outer', 'hosting', ['10.0.0.0/8']), list('inner', 'mail-gateway', ['10.1.0.0/16', '10.1.2.0/24'])]);

    expect(['10.0.0.1', '10.1.0.1', '10.1.2.3', '10.1.3.0', '10.2.0.0', '11.0.0.0'].map((ip) => lookup(ip)?.cidr)).toEqual([
      '10.0.0.0/8',
      '10.1.0.0/16',
      '10.1.2.0/24',
      '10.1.0.0/16',
      '10.0.0.0/8',
      undefined,
    ]);
  });

  it('finds nothing when there are no ranges of the family', () => {
    const lookup = networkLookup([list('ipv4-only', 'hosting', ['192.0.2.0/24'])]);

    expect([lookup('2001:db8::1'), lookup('192.0.2.1')?.listId]).toEqual([undefined, 'ipv4-only']);
  });

  it('answers as a scan of every range would, choosing the narrowest range and then the earlier list', () => {
    // Ranges crowded into 10.0.0.0/16 and 2001:db8::/112 so that they nest and repeat across lists.
    const ipv4 = fc.tuple(fc.integer({ min: 0, max: 65_535 }), fc.integer({ min: 16, max: 32 })).map(([low, prefix]) => canonical(`10.0.${low >> 8}.${low & 255}/${prefix}`));
    const ipv6 = fc.tuple(fc.integer({ min: 0, max: 65_535 }), fc.integer({ min: 112, max: 128 })).map(([low, prefix]) => canonical(`2001:db8::${low.toString(16)}/${prefix}`));
    const cidrs = fc.uniqueArray(fc.oneof(ipv4, ipv6), { maxLength: 25 });
    const address = fc.oneof(
      fc.integer({ min: 0, max: 65_535 }).map((low) => `10.0.${low >> 8}.${low & 255}`),
      fc.integer({ min: 0, max: 65_535 }).map((low) => `2001:db8::${low.toString(16)}`),
    );
    fc.assert(
      fc.property(fc.array(cidrs, { minLength: 1, maxLength: 4 }), fc.array(address, { minLength: 1, maxLength: 40 }), (cidrLists, addresses) => {
        const lists = cidrLists.filter((cidrsOfList) => cidrsOfList.length > 0).map((cidrsOfList, index) => list(`list-${index}`, 'hosting', cidrsOfList));
        const lookup = networkLookup(lists);
        for (const ip of addresses) {
          const found = lookup(ip);
          expect(found === undefined ? undefined : [found.listId, found.cidr], ip).toEqual(scan(lists, ip));
        }
      }),
    );
  });

  it('looks up 100,000 addresses among 20,000 ranges in well under a second', () => {
    // As many ranges as the whole lists hold (Apple's 13,700, AWS's 3,800, Azure's 2,700...), spread out.
    const cidrs = Array.from({ length: 20_000 }, (_, index) => `${10 + (index % 200)}.${(index * 7) % 256}.${(index * 13) % 256}.0/24`);
    const lookup = networkLookup([list('many', 'hosting', [...new Set(cidrs)])]);
    // A quarter IPv6, a quarter in no range, half in one.
    const addresses = Array.from({ length: 100_000 }, (_, index) =>
      index % 4 === 0 ? `2001:db8::${index.toString(16)}` : index % 4 === 1 ? `${220 + (index % 20)}.${index % 256}.0.1` : `${10 + (index % 200)}.${(index * 7) % 256}.${(index * 13) % 256}.${index % 256}`,
    );

    const started = performance.now();
    let found = 0;
    for (const ip of addresses) if (lookup(ip) !== undefined) found += 1;
    const elapsed = performance.now() - started;

    expect(found).toBeGreaterThan(40_000);
    // About 80 ms here; a scan of every range, as node:net's BlockList does, takes seconds.
    expect(elapsed).toBeLessThan(1_000);
  });
});

describe('the shipped lists on the labelled signals (test/data/signals)', () => {
  type Labelled = { id: string; label: 'machine' | 'person'; kind: string; signal: { type: 'open' | 'click'; ip?: string } };
  const labelled: Labelled[] = JSON.parse(readFileSync(new URL('../../../data/signals/labelled-signals.json', import.meta.url), 'utf8'));
  const byNetwork = (entry: Labelled) => {
    const match = entry.signal.ip === undefined ? undefined : networkOf(entry.signal.ip);
    return match !== undefined && match.appliesTo.includes(entry.signal.type);
  };

  it('call no person’s open or click a machine’s, but for the disputed open through the relay', () => {
    const people = labelled.filter((entry) => entry.label === 'person' && byNetwork(entry)).map((entry) => entry.kind);

    expect(people).toEqual(['privacy-proxy-open-on-read']);
  });

  it('catch the relay opens and the gateway and cloud signals whose addresses are in a published range', () => {
    const caught = labelled.filter((entry) => entry.label === 'machine' && byNetwork(entry));
    const kinds = [...new Set(caught.map((entry) => entry.kind))].sort();

    expect(caught.length).toBe(24);
    expect(kinds).toEqual(['click-time-recheck', 'gateway-click-paced', 'gateway-click-scan', 'gateway-late-recheck', 'gateway-pixel-prefetch', 'hosting-provider-click', 'hosting-provider-open', 'link-preview', 'privacy-proxy-open']);
  });
});

/** The range as the lists must write it: host bits cleared, canonical text. */
function canonical(cidr: string): string {
  return formatCidrKeys(parseCidrKeys(cidr)!);
}

/** The narrowest range holding the address, the earlier list's on a tie, by trying every one. */
function scan(lists: readonly NetworkList[], ip: string): [string, string] | undefined {
  const v4 = /^\d+\.\d+\.\d+\.\d+$/.test(ip);
  const key = v4 ? ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0) : parseCidrKeys(`${ip}/128`)!.first;
  let best: { listId: string; cidr: string; prefix: number } | undefined;
  for (const entry of lists) {
    for (const cidr of entry.cidrs) {
      const range = parseCidrKeys(cidr)!;
      if ((range.family === 4) !== v4 || range.first > key || range.last < key) continue;
      if (best === undefined || range.prefix > best.prefix) best = { listId: entry.id, cidr, prefix: range.prefix };
    }
  }
  return best === undefined ? undefined : [best.listId, best.cidr];
}
