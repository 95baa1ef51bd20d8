import { fileURLToPath } from 'node:url';
import { compareRanges, parseCidr } from '../../functions/engagement/networks/cidr.ts';
import type { NetworkList, NetworkLists, NetworkSource } from '../../functions/engagement/networks/network-lists.ts';

/** The shipped lists, which the refresh rewrites. */
export const networkFile = fileURLToPath(new URL('../../functions/engagement/networks/published-networks.json', import.meta.url));

/**
 * The lists as the file holds them: fields in one order, every list's ranges
 * sorted (IPv4 before IPv6, by address) one a line, short lists of names on
 * one line, a newline at the end. The same lists always print the same, so a
 * refresh that found nothing new changes nothing, and one that did shows only
 * the ranges that came and went.
 */
export function formatNetworkLists(file: NetworkLists): string {
  return `${print({ about: file.about, lists: file.lists.map(ordered) }, '')}\n`;
}

function ordered(list: NetworkList): Record<string, unknown> {
  return {
    id: list.id,
    owner: list.owner,
    kind: list.kind,
    appliesTo: list.appliesTo,
    source: orderedSource(list.source),
    fetchedAt: list.fetchedAt,
    complete: list.complete,
    note: list.note,
    cidrs: [...list.cidrs].sort((a, b) => compareRanges(parseCidr(a)!, parseCidr(b)!)),
  };
}

function orderedSource(source: NetworkSource): Record<string, unknown> {
  const { url, format, copiedFrom, ...options } = source;
  return { url, format, ...Object.fromEntries(Object.entries(options).sort(([a], [b]) => a.localeCompare(b))), copiedFrom };
}

function print(value: unknown, indent: string, key?: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (key !== 'cidrs' && value.every((item) => typeof item !== 'object' || item === null)) return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    return `[\n${value.map((item) => `${inner}${print(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined);
    return `{\n${entries.map(([name, field]) => `${inner}${JSON.stringify(name)}: ${print(field, inner, name)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
