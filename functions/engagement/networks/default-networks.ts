import data from './published-networks.json' with { type: 'json' };
import { type NetworkLookup, type NetworkMatch, networkLookup, parseNetworkLists } from './network-lists.ts';

/**
 * The shipped network lists, validated once when the module loads: the
 * ranges Apple, Microsoft, Amazon, Google and Barracuda publish (or, where
 * only a sample could be shipped, a sample of them), each with its source
 * and date. `npm run networks:refresh` fetches them anew from their owners.
 */
export const defaultNetworkLists = parseNetworkLists(data, 'network lists (functions/engagement/networks/published-networks.json)');

let lookup: NetworkLookup | undefined;

/** The published range an address is in, over the shipped lists; the lookup is built once, on first use. */
export function networkOf(ip: string): NetworkMatch | undefined {
  lookup ??= networkLookup(defaultNetworkLists);
  return lookup(ip);
}

/** The shipped lists and their lookup, together. */
export const defaultNetworks = { lists: defaultNetworkLists, networkOf } as const;
