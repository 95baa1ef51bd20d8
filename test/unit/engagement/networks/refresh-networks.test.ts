import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NetworkList, type NetworkLists, parseNetworkLists } from '../../../../functions/engagement/networks/network-lists.ts';
import { formatNetworkLists } from '../../../../infra/networks/network-file.ts';
import { type FetchText, UnreachableError, fetchUrlOf, normaliseRanges, refreshNetworkLists, shrinkProblem } from '../../../../infra/networks/refresh.ts';
import {
  SourceFormatError,
  azureServiceTagsDownloadUrl,
  parseAppleEgressCsv,
  parseAwsIpRanges,
  parseAzureServiceTags,
  parseCidrLines,
  parseGoogleIpRanges,
  parseMicrosoft365Endpoints,
  parseSource,
} from '../../../../infra/networks/source-parsers.ts';

const fixtures = new URL('./fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), 'utf8');
const fixtureJson = (name: string): unknown => JSON.parse(fixture(name));

const eop = ['40.92.0.0/15', '40.107.0.0/16', '52.100.0.0/14', '52.238.78.88/32', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'];

describe('the feed parsers, one per source format', () => {
  it("read Apple's egress CSV: the first column of every line", () => {
    expect(parseAppleEgressCsv(fixture('apple-egress-ip-ranges.csv'))).toEqual([
      '104.28.86.0/27',
      '104.28.86.32/28',
      '104.28.86.48/30',
      '172.224.226.0/26',
      '2a02:26f7:c900:4000::/64',
      '2a04:4e41:1620::/45',
    ]);
  });

  it("read AWS's ip-ranges.json, every service or the named ones", () => {
    const feed = fixtureJson('aws-ip-ranges.json');

    expect(normaliseRanges(parseAwsIpRanges(feed))).toEqual(['3.120.0.0/13', '3.173.0.0/16', '18.184.0.0/15', '52.219.220.0/23', '2600:1f32:ec00::/40', '2a05:d032:5000::/40']);
    expect(parseAwsIpRanges(feed, { services: ['EC2'] })).toEqual(['3.120.0.0/13', '18.184.0.0/15', '2a05:d032:5000::/40']);
    expect(parseAwsIpRanges(feed, { services: ['S3', 'CLOUDFRONT'] })).toEqual(['3.173.0.0/16', '52.219.220.0/23']);
  });

  it("read Google's cloud.json (goog.json has the same shape): IPv4 and IPv6 prefixes", () => {
    expect(parseGoogleIpRanges(fixtureJson('google-cloud.json'))).toEqual(['34.104.52.0/24', '35.230.128.0/18', '2600:1900:42e0::/44']);
  });

  it('read the Microsoft 365 endpoints: the ips of the named sets only, and not the Outlook on the web ranges beside them', () => {
    const feed = fixtureJson('microsoft-365-endpoints.json');

    expect(normaliseRanges(parseMicrosoft365Endpoints(feed, { serviceAreas: ['Exchange'], endpointSets: [9, 10] }))).toEqual(eop);
    expect(parseMicrosoft365Endpoints(feed, { serviceAreas: ['Exchange'] })).toContain('132.245.0.0/16');
    // Every set: 15 ranges, the set with URLs only adding none, and Exchange Online's 52.96.0.0/14 joining EOP's 52.100.0.0/14.
    expect(normaliseRanges(parseMicrosoft365Endpoints(feed))).toHaveLength(14);
    expect(normaliseRanges(parseMicrosoft365Endpoints(feed))).toContain('52.96.0.0/13');
  });

  it('read Azure Service Tags, every tag or the named ones', () => {
    const feed = fixtureJson('azure-service-tags.json');

    expect(normaliseRanges(parseAzureServiceTags(feed))).toEqual(['4.234.0.0/15', '20.42.0.0/17', '52.185.32.0/20', '2603:1030:1201::/48']);
    expect(parseAzureServiceTags(feed, { serviceTags: ['AzureCloud.eastus'] })).toEqual(['20.42.0.0/17']);
  });

  it("find the week's Service Tags file on Microsoft's download page: the newest it links", () => {
    expect(azureServiceTagsDownloadUrl(fixture('azure-download-page.html'))).toBe(
      'https://download.microsoft.com/download/7/1/d/71d86715-5596-4529-9b13-da13a5de5b63/ServiceTags_Public_20260810.json',
    );
  });

  it('read plain text, one range or address a line, skipping blanks and comments', () => {
    expect(parseCidrLines(fixture('scanner-networks.txt'))).toEqual(['3.24.133.128/25', '15.222.16.128/25', '209.222.82.0/24', '40.94.29.84/32', '2a01:111:f403::/48']);
  });

  it.each([
    { name: 'an HTML error page for the CSV', read: () => parseAppleEgressCsv('<!DOCTYPE html>\n<html>'), says: 'line 1: "<!DOCTYPE html>" is not an IP range; expected cidr,country,region,city' },
    { name: 'a bad row deep in the CSV', read: () => parseAppleEgressCsv('104.28.86.0/27,GB,GB-EN,London,\n104.28.86.0/33,GB,GB-EN,London,'), says: 'line 2: "104.28.86.0/33"' },
    { name: 'two ranges on a line', read: () => parseCidrLines('3.24.133.128/25 all barracuda-egd'), says: 'line 1: "3.24.133.128/25 all barracuda-egd" is not one IP range' },
    { name: 'AWS without its prefixes', read: () => parseAwsIpRanges({ syncToken: '1' }), says: 'AWS ip-ranges.json is not in the expected shape:\n✖ Invalid input: expected array, received undefined\n  → at prefixes' },
    { name: 'an AWS service that is gone', read: () => parseAwsIpRanges(fixtureJson('aws-ip-ranges.json'), { services: ['EC3'] }), says: 'no range has the service "EC3"; services in the feed: AMAZON, CLOUDFRONT, EC2, S3' },
    { name: 'a bad AWS prefix', read: () => parseAwsIpRanges({ prefixes: [{ ip_prefix: 'x', service: 'EC2' }], ipv6_prefixes: [] }), says: 'prefixes[0].ip_prefix: "x" is not an IP range' },
    { name: 'a Google prefix with no address', read: () => parseGoogleIpRanges({ prefixes: [{ service: 'Google Cloud' }] }), says: 'prefixes[0] has neither ipv4Prefix nor ipv6Prefix' },
    {
      name: 'a Microsoft 365 endpoint set that was renumbered',
      read: () => parseMicrosoft365Endpoints(fixtureJson('microsoft-365-endpoints.json'), { serviceAreas: ['Exchange'], endpointSets: [9, 12] }),
      says: 'endpoint set 12 is not in the feed under Exchange',
    },
    { name: 'a Microsoft 365 service area that is gone', read: () => parseMicrosoft365Endpoints(fixtureJson('microsoft-365-endpoints.json'), { serviceAreas: ['Exchange Online'] }), says: 'no endpoint set is in the service area "Exchange Online"; areas in the feed: Common, Exchange, Skype' },
    { name: 'an endpoint set without addresses', read: () => parseMicrosoft365Endpoints(fixtureJson('microsoft-365-endpoints.json'), { endpointSets: [46] }), says: 'endpoint set 46 lists no ips' },
    { name: 'an Azure tag that is gone', read: () => parseAzureServiceTags(fixtureJson('azure-service-tags.json'), { serviceTags: ['AzureFrontDoor.Backend'] }), says: 'the service tag "AzureFrontDoor.Backend" is not in the file' },
    { name: 'a download page without the file', read: () => azureServiceTagsDownloadUrl('<html>moved</html>'), says: 'the download page links no ServiceTags_Public_YYYYMMDD.json' },
    { name: 'a JSON feed that is not JSON', read: () => parseSource({ url: 'https://www.gstatic.com/ipranges/cloud.json', format: 'google-ipranges' }, '<html>Service Unavailable</html>'), says: 'the response is not JSON: "<html>Service Unavailable</html>"' },
    { name: 'a manual list', read: () => parseSource({ url: 'https://example.com/report', format: 'manual' }, ''), says: 'a manual list has no published feed to read' },
  ])('refuse $name, saying where', ({ read, says }) => {
    expect(read).toThrow(SourceFormatError);
    expect(read).toThrow(says);
  });

  it('read every format through parseSource, with its options', () => {
    const read = (format: string, name: string, options: object = {}) => parseSource({ url: 'https://example.com/feed', format, ...options } as never, fixture(name));

    expect(read('apple-egress-csv', 'apple-egress-ip-ranges.csv')).toHaveLength(6);
    expect(read('aws-ip-ranges', 'aws-ip-ranges.json', { services: ['EC2'] })).toHaveLength(3);
    expect(read('google-ipranges', 'google-cloud.json')).toHaveLength(3);
    expect(normaliseRanges(read('microsoft-365-endpoints', 'microsoft-365-endpoints.json', { endpointSets: [9, 10] }))).toEqual(eop);
    expect(read('azure-service-tags', 'azure-service-tags.json', { serviceTags: ['AzureCloud'] })).toHaveLength(4);
    expect(read('cidr-lines', 'scanner-networks.txt')).toHaveLength(5);
  });
});

describe('normaliseRanges', () => {
  it('clears host bits, writes ranges canonically, drops repeats and ranges inside others, joins halves, sorts', () => {
    expect(normaliseRanges(['2A01:111:F403::/48', '40.93.0.0/16', '40.92.1.2/16', '40.107.0.0/16', '40.107.3.0/24', '40.107.0.0/16'])).toEqual([
      '40.92.0.0/15',
      '40.107.0.0/16',
      '2a01:111:f403::/48',
    ]);
  });
});

describe('shrinkProblem, the guard against a broken feed', () => {
  it.each([
    [100, 100],
    [100, 90],
    [10, 9],
    [7, 7],
    [15, 3_847], // a sample growing into the whole list
  ])('lets %i ranges become %i', (before, after) => {
    expect(shrinkProblem(before, after)).toBeUndefined();
  });

  it.each([
    [100, 89, 'it has 89 ranges where 100 are shipped: 11 (11%) fewer, more than a tenth'],
    [10, 8, 'it has 8 ranges where 10 are shipped: 2 (20%) fewer'],
    [13_747, 0, '13747 (100%) fewer'],
  ])('refuses %i ranges becoming %i', (before, after, says) => {
    expect(shrinkProblem(before, after)).toContain(says);
  });
});

describe('refreshNetworkLists', () => {
  const at = '2026-09-01T06:00:00.000Z';
  const list = (id: string, source: NetworkList['source'], cidrs: string[], kind: NetworkList['kind'] = 'hosting'): NetworkList => ({
    id,
    owner: 'Example',
    kind,
    appliesTo: kind === 'privacy-proxy' ? ['open'] : ['open', 'click'],
    source,
    fetchedAt: '2026-08-11',
    complete: false,
    note: 'kept as it is',
    cidrs,
  });
  const shipped: NetworkLists = {
    about: 'test lists',
    lists: [
      list('apple', { url: 'https://mask-api.icloud.com/egress-ip-ranges.csv', format: 'apple-egress-csv', copiedFrom: 'a sample' }, ['104.28.86.0/27'], 'privacy-proxy'),
      list('eop', { url: 'https://endpoints.office.com/endpoints/worldwide', format: 'microsoft-365-endpoints', serviceAreas: ['Exchange'], endpointSets: [9, 10] }, eop, 'mail-gateway'),
      list('azure', { url: 'https://www.microsoft.com/en-us/download/details.aspx?id=56519', format: 'azure-service-tags' }, ['20.42.0.0/17']),
      list('seen', { url: 'https://github.com/mautic/mautic/issues/9400', format: 'manual' }, ['40.94.29.84/32'], 'mail-gateway'),
    ],
  };
  const feeds: Record<string, string> = {
    'mask-api.icloud.com': fixture('apple-egress-ip-ranges.csv'),
    'endpoints.office.com': fixture('microsoft-365-endpoints.json'),
    'www.microsoft.com': fixture('azure-download-page.html'),
    'download.microsoft.com': fixture('azure-service-tags.json'),
  };
  const fetched: string[] = [];
  const fetchText: FetchText = async (url) => {
    fetched.push(url);
    const feed = feeds[new URL(url).host];
    if (feed === undefined) throw new UnreachableError(`could not reach ${new URL(url).host}`);
    return feed;
  };

  it('replaces each fetched list with the whole feed, complete and dated, and keeps a manual list as it is', async () => {
    fetched.length = 0;
    const { file, outcomes } = await refreshNetworkLists(shipped, { fetchText, now: () => new Date(at) });

    expect(outcomes).toEqual([
      { id: 'apple', status: 'refreshed', before: 1, after: 6 },
      { id: 'eop', status: 'refreshed', before: 7, after: 7 },
      { id: 'azure', status: 'refreshed', before: 1, after: 4 },
      { id: 'seen', status: 'skipped', reason: 'no published feed (format manual): kept as shipped' },
    ]);
    const [apple, eopList, , seen] = file.lists;
    expect(apple).toEqual({ ...shipped.lists[0], source: { url: 'https://mask-api.icloud.com/egress-ip-ranges.csv', format: 'apple-egress-csv' }, fetchedAt: at, complete: true, cidrs: normaliseRanges(parseAppleEgressCsv(fixture('apple-egress-ip-ranges.csv'))) });
    expect(eopList?.cidrs).toEqual(eop);
    expect(seen).toBe(shipped.lists[3]);
    // The web service wants a request id; the Service Tags file is found through its download page.
    expect(fetched[1]).toMatch(/^https:\/\/endpoints\.office\.com\/endpoints\/worldwide\?clientrequestid=[0-9a-f-]{36}$/);
    expect(fetched.slice(2)).toEqual([
      'https://www.microsoft.com/en-us/download/details.aspx?id=56519',
      'https://download.microsoft.com/download/7/1/d/71d86715-5596-4529-9b13-da13a5de5b63/ServiceTags_Public_20260810.json',
    ]);
    // What it writes is valid, and prints stably.
    const text = formatNetworkLists(parseNetworkLists(file));
    expect(formatNetworkLists(parseNetworkLists(JSON.parse(text)))).toBe(text);
  });

  it('keeps a list that shrank by more than a tenth as shipped, unless told the owner really retired the ranges', async () => {
    const big = { ...shipped, lists: [list('eop', shipped.lists[1]!.source, [...eop, '52.238.78.89/32', '52.238.78.90/32'], 'mail-gateway')] };

    const refused = await refreshNetworkLists(big, { fetchText, now: () => new Date(at) });
    expect(refused.outcomes).toEqual([{ id: 'eop', status: 'refused', reason: expect.stringContaining('it has 7 ranges where 8 are shipped') }]);
    expect(refused.file.lists[0]).toBe(big.lists[0]);

    const allowed = await refreshNetworkLists(big, { fetchText, now: () => new Date(at), allowShrink: ['eop'] });
    expect(allowed.outcomes).toEqual([{ id: 'eop', status: 'refreshed', before: 8, after: 7 }]);
  });

  it('counts merged ranges, so the same addresses written another way are no shrink', async () => {
    const split = { ...shipped, lists: [list('eop', shipped.lists[1]!.source, [...eop.filter((cidr) => cidr !== '40.92.0.0/15'), '40.92.0.0/16', '40.93.0.0/16'], 'mail-gateway')] };

    expect((await refreshNetworkLists(split, { fetchText, now: () => new Date(at) })).outcomes).toEqual([{ id: 'eop', status: 'refreshed', before: 7, after: 7 }]);
  });

  it('keeps a list it could not fetch or read, and says which failure was no answer at all', async () => {
    const broken: FetchText = async (url) => {
      if (url.includes('icloud')) return '<html>Service Unavailable</html>';
      throw new UnreachableError('could not reach endpoints.office.com');
    };

    const { file, outcomes } = await refreshNetworkLists({ lists: shipped.lists.slice(0, 2) }, { fetchText: broken, now: () => new Date(at) });

    expect(outcomes).toEqual([
      { id: 'apple', status: 'failed', reason: 'line 1: "<html>Service Unavailable</html>" is not an IP range; expected cidr,country,region,city', unreachable: false },
      { id: 'eop', status: 'failed', reason: 'could not reach endpoints.office.com', unreachable: true },
    ]);
    expect(file.lists).toEqual(shipped.lists.slice(0, 2));
  });

  it('refreshes only the lists named by --only', async () => {
    const { outcomes } = await refreshNetworkLists(shipped, { fetchText, now: () => new Date(at), only: ['eop'] });

    expect(outcomes.map((outcome) => [outcome.id, outcome.status])).toEqual([
      ['apple', 'skipped'],
      ['eop', 'refreshed'],
      ['azure', 'skipped'],
      ['seen', 'skipped'],
    ]);
  });

  it('adds a client request id only to the Microsoft 365 web service, and keeps one already there', () => {
    expect(fetchUrlOf({ url: 'https://ip-ranges.amazonaws.com/ip-ranges.json', format: 'aws-ip-ranges' })).toBe('https://ip-ranges.amazonaws.com/ip-ranges.json');
    expect(fetchUrlOf({ url: 'https://endpoints.office.com/endpoints/worldwide?clientrequestid=b10c5ed1-bad1-445f-b386-b919946339a7', format: 'microsoft-365-endpoints' })).toBe(
      'https://endpoints.office.com/endpoints/worldwide?clientrequestid=b10c5ed1-bad1-445f-b386-b919946339a7',
    );
  });
});

describe('npm run networks:refresh', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  const served: Record<string, string> = {
    '/egress-ip-ranges.csv': fixture('apple-egress-ip-ranges.csv'),
    '/endpoints/worldwide': fixture('microsoft-365-endpoints.json'),
    '/scanner-networks.txt': fixture('scanner-networks.txt'),
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push(request.url ?? '');
      const body = served[new URL(request.url ?? '/', 'http://localhost').pathname];
      response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/plain' }).end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const file = (lists: NetworkList[]) => {
    const path = join(mkdtempSync(join(tmpdir(), 'networks-')), 'published-networks.json');
    writeFileSync(path, formatNetworkLists({ lists }));
    return path;
  };
  const entry = (id: string, source: NetworkList['source'], cidrs: string[]): NetworkList => ({
    id,
    owner: 'Example',
    kind: 'mail-gateway',
    appliesTo: ['open', 'click'],
    source,
    fetchedAt: '2026-08-11',
    complete: false,
    cidrs,
  });

  it('refuses to run offline, writing nothing', async () => {
    const path = file([entry('eop', { url: `${base}/endpoints/worldwide`, format: 'microsoft-365-endpoints' }, eop)]);
    const before = readFileSync(path, 'utf8');

    const run = await refresh(['--offline', '--file', path]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("networks:refresh fetches every list from its owner's site, so it cannot run offline. Nothing was written");
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('says the internet is unreachable when no source answers, writing nothing', async () => {
    const path = file([entry('eop', { url: 'http://127.0.0.1:1/endpoints/worldwide', format: 'microsoft-365-endpoints' }, eop)]);
    const before = readFileSync(path, 'utf8');

    const run = await refresh(['--file', path]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No list could be fetched, so the internet looks unreachable from here (could not reach 127.0.0.1:1');
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('writes the lists it fetched, keeps the one that shrank, and fails so that CI notices', async () => {
    const shrinking = ['3.24.133.128/25', '15.222.16.128/25', '209.222.82.0/24', '40.94.29.84/32', '2a01:111:f403::/48', '192.0.2.0/24', '198.51.100.0/24'];
    const path = file([
      entry('apple', { url: `${base}/egress-ip-ranges.csv`, format: 'apple-egress-csv', copiedFrom: 'a sample' }, ['104.28.86.0/27']),
      entry('eop', { url: `${base}/endpoints/worldwide`, format: 'microsoft-365-endpoints', serviceAreas: ['Exchange'], endpointSets: [9, 10] }, eop),
      entry('shrinking', { url: `${base}/scanner-networks.txt`, format: 'cidr-lines' }, shrinking),
    ]);
    requests.length = 0;

    const dry = await refresh(['--file', path, '--dry-run']);
    expect(dry.stdout).toContain('Would write');
    expect(parseNetworkLists(JSON.parse(readFileSync(path, 'utf8'))).lists[0]?.cidrs).toEqual(['104.28.86.0/27']);

    const run = await refresh(['--file', path]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('refreshed apple: 1 → 6 ranges');
    expect(run.stdout).toContain('refreshed eop: 7 → 7 ranges');
    expect(run.stdout).toContain('REFUSED   shrinking, kept as shipped: it has 5 ranges where 7 are shipped: 2 (29%) fewer');
    expect(run.stderr).toContain('1 list was kept as shipped: shrinking.');
    const written = parseNetworkLists(JSON.parse(readFileSync(path, 'utf8'))).lists;
    expect(written.map((list) => [list.id, list.complete, list.cidrs.length, list.source.copiedFrom])).toEqual([
      ['apple', true, 6, undefined],
      ['eop', true, 7, undefined],
      ['shrinking', false, 7, undefined],
    ]);
    expect(Date.parse(written[0]!.fetchedAt)).toBeGreaterThan(Date.parse('2026-01-01'));
    expect(written[2]?.fetchedAt).toBe('2026-08-11');
    expect(requests.some((url) => /^\/endpoints\/worldwide\?clientrequestid=/.test(url))).toBe(true);
  });

  it('names the lists when told of one that does not exist', async () => {
    const path = file([entry('eop', { url: `${base}/endpoints/worldwide`, format: 'microsoft-365-endpoints' }, eop)]);

    const run = await refresh(['--file', path, '--only', 'apple']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No list is called "apple"; the lists are eop.');
  });
});

function refresh(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'infra/networks/refresh-networks.ts', ...args], { cwd: new URL('../../../../', import.meta.url).pathname }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}
