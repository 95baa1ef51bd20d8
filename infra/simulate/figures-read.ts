import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { CallCount, InvocationCount } from '../../functions/platform/call-counter.ts';

/**
 * Marketing reading its figures at the end of a run, as a marketer would in
 * the desk: the journey, the filter audit, the funnel and consent of the
 * run's last quarter, each one request to the API. The DynamoDB engine
 * measures what each read costs; the size of the figures partition it reads
 * comes from the table (the memory engine gives the items as the table would
 * hold them).
 */

/** The four figures, in the order the driver reads them, with the route each is read through. */
export const marketingReads = [
  { figure: 'journey', path: '/marketing/journey' },
  { figure: 'filter-audit', path: '/marketing/filter-audit' },
  { figure: 'funnel', path: '/marketing/funnel' },
  { figure: 'consent', path: '/marketing/consent' },
] as const;
export type MarketingFigure = (typeof marketingReads)[number]['figure'];

/** A quarter: 13 weeks of days. */
export const quarterDays = 91;
const dayMs = 86_400_000;

/** The period read: the last 91 UTC days ending on the run's last day, or the whole run when it is shorter. */
export function lastQuarter(startMs: number, endMs: number): { from: string; to: string; days: number } {
  const to = new Date(endMs).toISOString().slice(0, 10);
  const firstDay = new Date(startMs).toISOString().slice(0, 10);
  const quarterFrom = new Date(Date.parse(`${to}T00:00:00Z`) - (quarterDays - 1) * dayMs).toISOString().slice(0, 10);
  const from = quarterFrom > firstDay ? quarterFrom : firstDay;
  return { from, to, days: (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs + 1 };
}

/** What one read answered: engine-independent, so both engines give the same. */
export type FigureRead = { figure: MarketingFigure; path: string; status: number; days: number; bytes: number };

/** What one read cost on the DynamoDB engine: the marketing function's calls during it, and anything else that ran meanwhile (nothing should). */
export type FigureReadCost = {
  figure: MarketingFigure;
  /** DynamoDB requests of the marketing function, by operation. */
  requests: Record<string, number>;
  readUnits: number;
  /** Other SDK calls during the read, by the marketing function or any other: none expected. */
  otherCalls: CallCount[];
  /** Invocations during the read, by function: the marketing function once. */
  invocations: Record<string, number>;
  ms: number;
};

/** The counts that grew between two snapshots of the call counter. */
export function callsBetween(before: readonly CallCount[], after: readonly CallCount[]): CallCount[] {
  const keyOf = (c: CallCount) => `${c.fn}|${c.service}:${c.operation}`;
  const earlier = new Map(before.map((c) => [keyOf(c), c]));
  return after.flatMap((c) => {
    const b = earlier.get(keyOf(c));
    const delta = { ...c, count: c.count - (b?.count ?? 0), readUnits: round(c.readUnits - (b?.readUnits ?? 0)), writeUnits: round(c.writeUnits - (b?.writeUnits ?? 0)) };
    return delta.count > 0 || delta.readUnits > 0 || delta.writeUnits > 0 ? [delta] : [];
  });
}

/** The invocations made between two snapshots, by function. */
export function invocationsBetween(before: readonly InvocationCount[], after: readonly InvocationCount[]): Record<string, number> {
  const earlier = new Map(before.map((i) => [i.fn, i.invocations]));
  return Object.fromEntries(after.flatMap((i) => (i.invocations > (earlier.get(i.fn) ?? 0) ? [[i.fn, i.invocations - (earlier.get(i.fn) ?? 0)]] : [])));
}

/** The cost of a read from the calls made during it: the marketing function's DynamoDB requests and read units, and anything else apart. */
export function readCost(figure: MarketingFigure, calls: readonly CallCount[], invocations: Record<string, number>, ms: number): FigureReadCost {
  const mine = calls.filter((c) => c.fn === 'marketing' && c.service === 'DynamoDB');
  const requests: Record<string, number> = {};
  for (const c of mine) requests[c.operation] = (requests[c.operation] ?? 0) + c.count;
  return {
    figure,
    requests,
    readUnits: round(mine.reduce((sum, c) => sum + c.readUnits, 0)),
    otherCalls: calls.filter((c) => !(c.fn === 'marketing' && c.service === 'DynamoDB')),
    invocations,
    ms: Math.round(ms * 10) / 10,
  };
}

/**
 * An item's size as DynamoDB bills it: each attribute's name in UTF-8 plus its value
 * (strings in UTF-8, numbers 1 byte per two significant digits plus 1, binary its bytes,
 * booleans and nulls 1, lists and maps 3 plus 1 per element plus the elements).
 */
export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueBytes(value), 0);
}

function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return utf8(value.S);
  if (value.N !== undefined) return numberBytes(value.N);
  if (value.B !== undefined) return value.B.length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS) return value.SS.reduce((s, v) => s + utf8(v), 0);
  if (value.NS) return value.NS.reduce((s, v) => s + numberBytes(v), 0);
  if (value.BS) return value.BS.reduce((s, v) => s + v.length, 0);
  if (value.L) return 3 + value.L.reduce((s, v) => s + 1 + valueBytes(v), 0);
  if (value.M) return 3 + Object.entries(value.M).reduce((s, [k, v]) => s + 1 + utf8(k) + valueBytes(v), 0);
  return 0;
}

function numberBytes(n: string): number {
  const digits = n.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** The figures partition over the days read: items per day and their bytes, average and largest day. */
export function partitionSize(days: ReadonlyArray<{ day: string; items: ReadonlyArray<Record<string, AttributeValue>> }>) {
  const perDay = days.map(({ day, items }) => ({ day, items: items.length, bytes: items.reduce((s, i) => s + itemBytes(i), 0) }));
  const total = (pick: (d: (typeof perDay)[number]) => number) => perDay.reduce((s, d) => s + pick(d), 0);
  const largest = (pick: (d: (typeof perDay)[number]) => number) => Math.max(0, ...perDay.map(pick));
  const n = Math.max(1, perDay.length);
  return {
    days: perDay.length,
    items: { average: Math.round((total((d) => d.items) / n) * 10) / 10, max: largest((d) => d.items), total: total((d) => d.items) },
    bytes: { average: Math.round(total((d) => d.bytes) / n), max: largest((d) => d.bytes), total: total((d) => d.bytes) },
    /**
     * What reading every day once costs at DynamoDB's rate for an eventually consistent query:
     * half a unit per 4 KB of each day's items, rounded up per query, and at least half a unit for a day with
     * none (DynamoDB Local reports no unit for a query that finds nothing; DynamoDB charges the minimum).
     */
    queryReadUnits: round(perDay.reduce((s, d) => s + Math.max(1, Math.ceil(d.bytes / 4096)) * 0.5, 0)),
    perDay,
  };
}
export type PartitionSize = ReturnType<typeof partitionSize>;

const round = (n: number) => Math.round(n * 1000) / 1000;

/** "91 queries, 45.5 read units": the DynamoDB requests of a read, in words. */
export function requestsText(requests: Record<string, number>): string {
  const entries = Object.entries(requests);
  if (entries.length === 0) return 'no DynamoDB request';
  return entries.map(([op, n]) => `${n} ${op === 'Query' ? (n === 1 ? 'query' : 'queries') : `${op} request${n === 1 ? '' : 's'}`}`).join(', ');
}

const figureNames: Record<MarketingFigure, string> = { journey: 'journey', 'filter-audit': 'filter audit', funnel: 'funnel', consent: 'consent' };

/** "Reading a quarter's journey: 91 queries, 45.5 read units (91 days; answer 12,345 bytes)"; without a cost (memory engine), the days and the answer only. */
export function readText(read: FigureRead, cost: FigureReadCost | undefined): string {
  const what = `Reading ${read.days === quarterDays ? "a quarter's" : `${read.days} days'`} ${figureNames[read.figure]}`;
  const answer = `${read.days} days; answer ${read.bytes.toLocaleString('en-US')} bytes`;
  if (!cost) return `${what}: ${answer}`;
  const others = cost.otherCalls.length > 0 ? `; meanwhile ${cost.otherCalls.map((c) => `${c.fn} ${c.service} ${c.operation} ${c.count}`).join(', ')}` : '';
  return `${what}: ${requestsText(cost.requests)}, ${cost.readUnits} read units (${answer}; ${cost.ms} ms${others})`;
}

/** "3.1 items a day on average (most 11), 1,405 bytes (most 4,971)". */
export function partitionText(partition: PartitionSize): string {
  return `${partition.items.average} items a day on average (most ${partition.items.max}), ${partition.bytes.average.toLocaleString('en-US')} bytes a day on average (most ${partition.bytes.max.toLocaleString('en-US')}), over ${partition.days} days`;
}

export const notMeasuredText = 'AWS calls are not measured on the memory engine: its in-memory adapters make no SDK calls. The DynamoDB engine (the default) measures each read\'s queries and read units.';
