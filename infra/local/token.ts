import { parseArgs } from 'node:util';
import * as z from '../../functions/platform/zod.ts';
import { groups } from '../../functions/auth/caller.ts';
import { issueDevToken } from './dev-tokens.ts';
import { seededPeople } from './seeded-people.ts';

// `npm run token -- --rep anna.schmidt@stoke.example` prints a development
// token for the local API only; send it as `Authorization: Bearer <token>`.
// `npm run token -- --list` shows whom the local runtime seeds, with the command for each.
// `npm run token -- --privacy dpo@stoke.example` is for the privacy group (exports, erasures, the audit trail),
// `--marketing marketing@stoke.example` for the marketing group (marketing's figures).
const usage = 'Usage: npm run token -- --rep <email> | --manager <email> | --privacy <email> | --marketing <email> | --list';

const values = argumentsOrFail();

if (values.list) {
  if (groups.some((group) => values[group] !== undefined)) fail(`--list takes no other option\n${usage}`);
  console.log(await roster());
} else {
  const chosen = groups.filter((group) => values[group] !== undefined);
  if (chosen.length !== 1) fail(usage);
  const group = chosen[0]!;
  const email = z.email().safeParse(values[group]?.trim());
  if (!email.success) fail(`--${group} needs an email address, not "${values[group]}"\n${usage}`);
  console.log(await issueDevToken(email.data, [group]));
}

function argumentsOrFail() {
  try {
    return parseArgs({
      options: {
        rep: { type: 'string' },
        manager: { type: 'string' },
        privacy: { type: 'string' },
        marketing: { type: 'string' },
        list: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

/** `--list`: the people the local runtime seeds (infra/local/seeded-people.ts), with the command for each token. */
async function roster(): Promise<string> {
  const people = await seededPeople();
  const rows = people.map((p) => {
    const memberOf = p.groups;
    // A manager's token serves someone in both groups: it admits to every rep route as well.
    const flag = memberOf.includes('manager') ? 'manager' : (memberOf.find((group) => group !== 'rep') ?? 'rep');
    return [p.name, p.email, memberOf.join(', '), p.team, `npm run token -- --${flag} ${p.email}`];
  });
  return [
    'People the local runtime seeds (infra/local/seed-reps.json), the manager its fallback queue notifies',
    '(functions/routing/default-routing-policy.json) and a sample member of the privacy and of the marketing group, which need no seeding.',
    'A token lasts 12 hours and works on the local API only.',
    '',
    ...table(['name', 'email', 'groups', 'team', 'token'], rows),
    '',
    'Reps added or changed through POST /reps or PUT /reps/{repId} are kept in DynamoDB Local (.stoke/) and are',
    'not listed here: GET /reps with a manager\'s token lists the reps as the running runtime has them.',
    '--rep, --manager, --privacy and --marketing accept any address: the local API checks the token, not this list.',
  ].join('\n');
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)];
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
