import * as z from '../../functions/platform/zod.ts';
import { formatCidr, parseAddress, parseCidr } from '../../functions/engagement/networks/cidr.ts';
import type { NetworkSource } from '../../functions/engagement/networks/network-lists.ts';

/**
 * Readers of the owners' published network lists, one per `source.format`.
 * Pure: each takes the text a source URL returned and gives the ranges in it,
 * as written (a refresh canonicalises and merges them). A feed that is not
 * the shape its format promises fails loudly, naming where: a feed that
 * changed shape must not pass for a list that shrank.
 */

export class SourceFormatError extends Error {
  override name = 'SourceFormatError';
}

/** A range as written, or a bare address as the one-address range it is; undefined for anything else. */
export function rangeText(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (cidr !== undefined) return text;
  const address = parseAddress(text);
  if (address === undefined || text.includes('/')) return undefined;
  return formatCidr({ family: address.family, first: address.value, last: address.value, prefix: address.family === 4 ? 32 : 128 });
}

/** Apple's iCloud Private Relay egress list: CSV without a header, `cidr,country,region,city,` a line. */
export function parseAppleEgressCsv(text: string): string[] {
  return lines(text).map(({ line, number }) => {
    const cell = line.split(',')[0]!.trim();
    return rangeText(cell) ?? fail(`line ${number}: "${clip(cell)}" is not an IP range; expected cidr,country,region,city`);
  });
}

/** Plain text, one range or address a line; blank lines and # comments are skipped. */
export function parseCidrLines(text: string): string[] {
  return lines(text).map(({ line, number }) => {
    const entry = line.replace(/#.*$/, '').trim();
    return entry === '' ? undefined : (rangeText(entry) ?? fail(`line ${number}: "${clip(entry)}" is not one IP range`));
  }).filter((entry) => entry !== undefined);
}

const AwsIpRanges = z.looseObject({
  prefixes: z.array(z.looseObject({ ip_prefix: z.string(), service: z.string() })),
  ipv6_prefixes: z.array(z.looseObject({ ipv6_prefix: z.string(), service: z.string() })),
});

/**
 * AWS ip-ranges.json: prefixes[].ip_prefix and ipv6_prefixes[].ipv6_prefix, of
 * the named services only when `services` is given (AMAZON is every range,
 * EC2 the compute ranges). A named service with no range at all is an error.
 */
export function parseAwsIpRanges(json: unknown, { services }: { services?: readonly string[] | undefined } = {}): string[] {
  const feed = shape(AwsIpRanges, json, 'AWS ip-ranges.json');
  const entries = [
    ...feed.prefixes.map((entry, index) => ({ range: entry.ip_prefix, service: entry.service, at: `prefixes[${index}].ip_prefix` })),
    ...feed.ipv6_prefixes.map((entry, index) => ({ range: entry.ipv6_prefix, service: entry.service, at: `ipv6_prefixes[${index}].ipv6_prefix` })),
  ];
  for (const service of services ?? []) {
    if (!entries.some((entry) => entry.service === service)) fail(`no range has the service "${service}"; services in the feed: ${distinct(entries.map((entry) => entry.service))}`);
  }
  return entries.filter((entry) => services === undefined || services.includes(entry.service)).map((entry) => cidrAt(entry.range, entry.at));
}

const GoogleIpRanges = z.looseObject({
  prefixes: z.array(z.looseObject({ ipv4Prefix: z.optional(z.string()), ipv6Prefix: z.optional(z.string()) })),
});

/** Google's goog.json and cloud.json: prefixes[].ipv4Prefix or prefixes[].ipv6Prefix. */
export function parseGoogleIpRanges(json: unknown): string[] {
  const feed = shape(GoogleIpRanges, json, "Google's IP ranges");
  return feed.prefixes.map((entry, index) => {
    const range = entry.ipv4Prefix ?? entry.ipv6Prefix;
    return range === undefined ? fail(`prefixes[${index}] has neither ipv4Prefix nor ipv6Prefix`) : cidrAt(range, `prefixes[${index}]`);
  });
}

const Microsoft365Endpoints = z.array(z.looseObject({ id: z.number(), serviceArea: z.string(), ips: z.optional(z.array(z.string())) }));

/**
 * The Microsoft 365 endpoints web service (endpoints.office.com/endpoints/worldwide):
 * the `ips` of the endpoint sets in the named service areas ("Exchange",
 * "SharePoint", "Skype", "Common") and with the named ids, or of all. An id
 * or area the feed no longer has is an error, not an empty list: Microsoft
 * renumbering its sets must not quietly empty Exchange Online Protection.
 */
export function parseMicrosoft365Endpoints(
  json: unknown,
  { serviceAreas, endpointSets }: { serviceAreas?: readonly string[] | undefined; endpointSets?: readonly number[] | undefined } = {},
): string[] {
  const feed = shape(Microsoft365Endpoints, json, 'Microsoft 365 endpoints');
  for (const area of serviceAreas ?? []) {
    if (!feed.some((set) => set.serviceArea === area)) fail(`no endpoint set is in the service area "${area}"; areas in the feed: ${distinct(feed.map((set) => set.serviceArea))}`);
  }
  const chosen = feed.filter((set) => serviceAreas === undefined || serviceAreas.includes(set.serviceArea));
  for (const id of endpointSets ?? []) {
    const set = chosen.find((candidate) => candidate.id === id);
    if (set === undefined) fail(`endpoint set ${id} is not in the feed${serviceAreas === undefined ? '' : ` under ${serviceAreas.join(', ')}`}`);
    if ((set.ips ?? []).length === 0) fail(`endpoint set ${id} lists no ips`);
  }
  return chosen
    .filter((set) => endpointSets === undefined || endpointSets.includes(set.id))
    .flatMap((set) => (set.ips ?? []).map((range, index) => cidrAt(range, `endpoint set ${set.id} ips[${index}]`)));
}

const AzureServiceTags = z.looseObject({
  values: z.array(z.looseObject({ name: z.string(), properties: z.looseObject({ addressPrefixes: z.array(z.string()) }) })),
});

/**
 * Azure Service Tags (ServiceTags_Public_YYYYMMDD.json): values[].properties.addressPrefixes
 * of the tags named exactly (AzureCloud is every public Azure datacenter range), or of all.
 */
export function parseAzureServiceTags(json: unknown, { serviceTags }: { serviceTags?: readonly string[] | undefined } = {}): string[] {
  const feed = shape(AzureServiceTags, json, 'Azure Service Tags');
  for (const tag of serviceTags ?? []) {
    if (!feed.values.some((value) => value.name === tag)) fail(`the service tag "${tag}" is not in the file`);
  }
  return feed.values
    .filter((value) => serviceTags === undefined || serviceTags.includes(value.name))
    .flatMap((value) => value.properties.addressPrefixes.map((range, index) => cidrAt(range, `${value.name} addressPrefixes[${index}]`)));
}

/**
 * Microsoft publishes Service Tags under a new dated name each week, linked
 * from its download page: the newest ServiceTags_Public_YYYYMMDD.json the page links.
 */
export function azureServiceTagsDownloadUrl(html: string): string {
  const links = [...html.matchAll(/https:\/\/download\.microsoft\.com\/download\/[^"'<>\s]+?\/ServiceTags_Public_(\d{8})\.json/g)];
  const newest = links.sort((a, b) => a[1]!.localeCompare(b[1]!)).at(-1);
  return newest?.[0] ?? fail('the download page links no ServiceTags_Public_YYYYMMDD.json');
}

/** The ranges a source's text holds, read as its format says. */
export function parseSource(source: NetworkSource, body: string): string[] {
  switch (source.format) {
    case 'apple-egress-csv':
      return parseAppleEgressCsv(body);
    case 'cidr-lines':
      return parseCidrLines(body);
    case 'aws-ip-ranges':
      return parseAwsIpRanges(json(body), { services: source.services });
    case 'google-ipranges':
      return parseGoogleIpRanges(json(body));
    case 'microsoft-365-endpoints':
      return parseMicrosoft365Endpoints(json(body), { serviceAreas: source.serviceAreas, endpointSets: source.endpointSets });
    case 'azure-service-tags':
      return parseAzureServiceTags(json(body), { serviceTags: source.serviceTags });
    case 'manual':
      return fail('a manual list has no published feed to read');
  }
}

function json(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return fail(`the response is not JSON: "${clip(body.trim())}"`);
  }
}

function shape<Schema extends z.ZodMiniType>(schema: Schema, json: unknown, feed: string): z.output<Schema> {
  const result = schema.safeParse(json);
  if (!result.success) fail(`${feed} is not in the expected shape:\n${z.prettifyError(result.error)}`);
  return result.data as z.output<Schema>;
}

function cidrAt(text: string, at: string): string {
  return rangeText(text.trim()) ?? fail(`${at}: "${clip(text)}" is not an IP range`);
}

function lines(text: string): Array<{ line: string; number: number }> {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '');
}

function distinct(values: readonly string[]): string {
  return [...new Set(values)].sort().join(', ');
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function fail(message: string): never {
  throw new SourceFormatError(message);
}
