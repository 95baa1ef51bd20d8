import { randomUUID } from 'node:crypto';
import { aggregate, formatCidr, parseCidr } from '../../functions/engagement/networks/cidr.ts';
import type { NetworkList, NetworkLists, NetworkSource } from '../../functions/engagement/networks/network-lists.ts';
import { azureServiceTagsDownloadUrl, parseSource } from './source-parsers.ts';

/**
 * A refreshed list may hold at most this much fewer ranges than the shipped
 * one. Owners retire ranges a few at a time; a feed that suddenly lists far
 * fewer is broken (a truncated download, an error page, a renamed field, a
 * filter that no longer matches), and shipping it would quietly let a
 * gateway's scans count as a person's interest again.
 */
export const maxShrink = 0.1;

/** The canonical, merged, sorted form of a feed's ranges: host bits cleared, ranges inside others dropped, halves joined. */
export function normaliseRanges(texts: readonly string[]): string[] {
  return aggregate(
    texts.map((text) => {
      const range = parseCidr(text);
      if (range === undefined) throw new RangeError(`"${text}" is not a CIDR range`);
      return range;
    }),
  ).map(formatCidr);
}

/**
 * Why a list that went from `before` ranges to `after` must not be written,
 * or undefined when it may. Both counts are of merged ranges, so the same
 * addresses written another way count the same.
 */
export function shrinkProblem(before: number, after: number): string | undefined {
  if (after >= before * (1 - maxShrink)) return undefined;
  const lost = before - after;
  return `it has ${after} ranges where ${before} are shipped: ${lost} (${Math.round((lost / before) * 100)}%) fewer, more than a tenth, which is a broken feed far more often than an owner retiring ranges`;
}

/** The list with the fetched ranges: complete, since a refresh ships every range its source lists; dated; no longer a copy. */
export function refreshedList(list: NetworkList, cidrs: readonly string[], fetchedAt: string): NetworkList {
  const { copiedFrom: _copy, ...source } = list.source;
  return { ...list, source: source as NetworkSource, fetchedAt, complete: true, cidrs: [...cidrs] };
}

/** The URL a source is fetched from: the Microsoft 365 web service wants a client request id on every call. */
export function fetchUrlOf(source: NetworkSource): string {
  if (source.format !== 'microsoft-365-endpoints') return source.url;
  const url = new URL(source.url);
  if (!url.searchParams.has('clientrequestid')) url.searchParams.set('clientrequestid', randomUUID());
  return url.toString();
}

export type FetchText = (url: string) => Promise<string>;

/** A request that never got an answer, as against an answer that was wrong: the first means no internet. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

export type Outcome =
  | { id: string; status: 'refreshed'; before: number; after: number }
  | { id: string; status: 'skipped'; reason: string }
  | { id: string; status: 'refused'; reason: string }
  | { id: string; status: 'failed'; reason: string; unreachable: boolean };

export type RefreshOptions = {
  fetchText: FetchText;
  /** When the lists were fetched, written as each refreshed list's fetchedAt. */
  now: () => Date;
  /** Refresh only these lists; every other one is kept as shipped. */
  only?: readonly string[];
  /** Lists allowed to shrink by more than a tenth this once, after checking the owner really retired the ranges. */
  allowShrink?: readonly string[];
};

/**
 * Fetches and reads every list that has a published feed. A list that could
 * not be fetched or read, or that shrank by more than a tenth, is kept as
 * shipped, with its old date, and its outcome says why; the others are replaced.
 */
export async function refreshNetworkLists(file: NetworkLists, options: RefreshOptions): Promise<{ file: NetworkLists; outcomes: Outcome[] }> {
  const outcomes: Outcome[] = [];
  const lists: NetworkList[] = [];
  for (const list of file.lists) {
    const outcome = await refreshOne(list, options);
    outcomes.push(outcome.outcome);
    lists.push(outcome.list);
  }
  return { file: { ...file, lists }, outcomes };
}

async function refreshOne(list: NetworkList, { fetchText, now, only, allowShrink = [] }: RefreshOptions): Promise<{ list: NetworkList; outcome: Outcome }> {
  const kept = (outcome: Outcome) => ({ list, outcome });
  if (only !== undefined && !only.includes(list.id)) return kept({ id: list.id, status: 'skipped', reason: 'not named by --only' });
  if (list.source.format === 'manual') return kept({ id: list.id, status: 'skipped', reason: 'no published feed (format manual): kept as shipped' });
  let cidrs: string[];
  try {
    cidrs = normaliseRanges(parseSource(list.source, await fetchSource(list.source, fetchText)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return kept({ id: list.id, status: 'failed', reason, unreachable: error instanceof UnreachableError });
  }
  if (cidrs.length === 0) return kept({ id: list.id, status: 'refused', reason: 'the feed holds no range for this list' });
  const before = normaliseRanges(list.cidrs).length;
  const problem = shrinkProblem(before, cidrs.length);
  if (problem !== undefined && !allowShrink.includes(list.id)) return kept({ id: list.id, status: 'refused', reason: problem });
  return { list: refreshedList(list, cidrs, now().toISOString()), outcome: { id: list.id, status: 'refreshed', before, after: cidrs.length } };
}

async function fetchSource(source: NetworkSource, fetchText: FetchText): Promise<string> {
  // The Service Tags file is renamed every week; its download page links the current one.
  if (source.format === 'azure-service-tags' && !new URL(source.url).pathname.endsWith('.json')) {
    return fetchText(azureServiceTagsDownloadUrl(await fetchText(source.url)));
  }
  return fetchText(fetchUrlOf(source));
}
