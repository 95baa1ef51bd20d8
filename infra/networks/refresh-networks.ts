import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { parseNetworkLists } from '../../functions/engagement/networks/network-lists.ts';
import { formatNetworkLists, networkFile } from './network-file.ts';
import { type FetchText, type Outcome, UnreachableError, refreshNetworkLists } from './refresh.ts';

// Usage: npm run networks:refresh -- [--only <id>]... [--allow-shrink <id>]... [--dry-run] [--offline] [--file <path>]
// Fetches every published list from its owner's URL and rewrites functions/engagement/networks/published-networks.json
// (or --file). Needs the internet (run it in CI or on a laptop, not in a sandbox); no feed needs a key.
const usage = 'Usage: npm run networks:refresh -- [--only <list id>]... [--allow-shrink <list id>]... [--dry-run] [--offline] [--file <path>]';

let args;
try {
  args = parseArgs({
    options: {
      only: { type: 'string', multiple: true },
      'allow-shrink': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      file: { type: 'string', default: networkFile },
    },
  }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}

const path = args.file;
const shown = relative(process.cwd(), path);
if (args.offline) {
  console.error(`networks:refresh fetches every list from its owner's site, so it cannot run offline. Nothing was written: ${shown} keeps its lists and their dates.`);
  process.exit(2);
}

const shipped = parseNetworkLists(JSON.parse(await readFile(path, 'utf8')), `network lists (${shown})`);
for (const id of [...(args.only ?? []), ...(args['allow-shrink'] ?? [])]) {
  if (!shipped.lists.some((list) => list.id === id)) {
    console.error(`No list is called "${id}"; the lists are ${shipped.lists.map((list) => list.id).join(', ')}.`);
    process.exit(2);
  }
}

const fetchText: FetchText = async (url) => {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(60_000), headers: { 'user-agent': 'stoke-networks-refresh' } });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new UnreachableError(`could not reach ${new URL(url).host} (${error instanceof Error ? error.message : String(error)}${cause})`);
  }
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
  return response.text();
};

const { file, outcomes } = await refreshNetworkLists(shipped, {
  fetchText,
  now: () => new Date(),
  ...(args.only === undefined ? {} : { only: args.only }),
  ...(args['allow-shrink'] === undefined ? {} : { allowShrink: args['allow-shrink'] }),
});

const tried = outcomes.filter((outcome) => outcome.status !== 'skipped');
if (tried.length > 0 && tried.every((outcome) => outcome.status === 'failed' && outcome.unreachable)) {
  const first = tried[0]!;
  console.error(`No list could be fetched, so the internet looks unreachable from here (${first.status === 'failed' ? first.reason : first.status}).`);
  console.error(`networks:refresh needs the owners' sites (Apple, AWS, Google, Microsoft); run it where they are reachable. Nothing was written: ${shown} is unchanged.`);
  process.exit(1);
}

const text = formatNetworkLists(parseNetworkLists(file, 'refreshed network lists'));
for (const outcome of outcomes) console.log(describe(outcome, file.lists.find((list) => list.id === outcome.id)?.cidrs));
const refreshed = outcomes.filter((outcome) => outcome.status === 'refreshed').length;
if (refreshed > 0 && !args['dry-run']) await writeFile(path, text);
console.log(
  `${args['dry-run'] ? 'Would write' : refreshed > 0 ? 'Wrote' : 'Left'} ${shown}: ${Buffer.byteLength(text).toLocaleString('en')} bytes, ` +
    `${file.lists.reduce((sum, list) => sum + list.cidrs.length, 0).toLocaleString('en')} ranges in ${file.lists.length} lists.`,
);
const problems = outcomes.filter((outcome) => outcome.status === 'refused' || outcome.status === 'failed');
if (problems.length > 0) {
  console.error(`${problems.length} list${problems.length === 1 ? ' was' : 's were'} kept as shipped: ${problems.map((outcome) => outcome.id).join(', ')}.`);
  console.error('A list that really shrank can be let through once with --allow-shrink <id>, after checking its owner retired the ranges.');
  process.exit(1);
}

function describe(outcome: Outcome, cidrs?: readonly string[]): string {
  switch (outcome.status) {
    case 'refreshed':
      return `refreshed ${outcome.id}: ${outcome.before} → ${outcome.after} ranges, ${Buffer.byteLength(JSON.stringify(cidrs ?? [])).toLocaleString('en')} bytes`;
    case 'skipped':
      return `skipped   ${outcome.id}: ${outcome.reason}`;
    case 'refused':
      return `REFUSED   ${outcome.id}, kept as shipped: ${outcome.reason}`;
    case 'failed':
      return `FAILED    ${outcome.id}, kept as shipped: ${outcome.reason}`;
  }
}
