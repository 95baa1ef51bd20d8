import { parseArgs } from 'node:util';
import * as z from '../../functions/platform/zod.ts';
import { type Group, groups } from '../../functions/auth/caller.ts';
import { Rep } from '../../functions/routing/rep.ts';
import { issueDevToken } from './dev-tokens.ts';
import seed from './seed-reps.json' with { type: 'json' };

// `npm run token -- --rep anna.schmidt@stoke.example` prints a development
// token for the local API only; send it as `Authorization: Bearer <token>`.
// `npm run token -- --list` shows whom the local runtime seeds, with the command for each.
// `npm run token -- --privacy dpo@stoke.example` is for the privacy group (exports, erasures, the audit trail).
const usage = 'Usage: npm run token -- --rep <email> | --manager <email> | --privacy <email> | --list';

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
        list: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

type Person = { name: string; email: string; groups: Set<Group>; team: string };

/**
 * The people the local runtime seeds at every start (reps already stored are
 * left as they are): the reps of seed-reps.json (group `rep`), the managers
 * they name and the manager the routing policy's fallback queue notifies
 * (group `manager`). A manager needs no
 * `rep` group: it admits them to every rep route too (functions/auth/caller.ts).
 * The privacy group has no roster: one sample address shows its command.
 */
async function roster(): Promise<string> {
  // Loaded here only: a token for --rep or --manager does not depend on the routing policy being valid.
  const { defaultRoutingPolicy } = await import('../../functions/routing/default-policy.ts');
  const reps = seed.map((rep) => Rep.parse(rep));
  const people = new Map<string, Person>();
  const person = (email: string) => {
    const address = email.toLowerCase();
    let known = people.get(address);
    if (!known) people.set(address, (known = { name: '-', email: address, groups: new Set(), team: '' }));
    return known;
  };

  const managed = new Map<string, string[]>();
  for (const rep of reps) {
    const teams = managed.get(rep.managerEmail) ?? [];
    if (!teams.includes(rep.team)) teams.push(rep.team);
    managed.set(rep.managerEmail, teams);
  }
  for (const [email, teams] of managed) {
    const manager = person(email);
    manager.groups.add('manager');
    manager.team = `manages ${teams.join(', ')}`;
  }
  const { queue, notifyEmail } = defaultRoutingPolicy.fallback;
  const queueManager = person(notifyEmail);
  queueManager.groups.add('manager');
  queueManager.team = [queueManager.team, `fallback queue "${queue}"`].filter(Boolean).join('; ');
  for (const rep of reps) {
    const member = person(rep.email);
    member.name = rep.active ? rep.name : `${rep.name} (inactive)`;
    member.groups.add('rep');
    member.team = [rep.team, member.team].filter(Boolean).join('; ');
  }
  const privacyOfficer = person('dpo@stoke.example');
  privacyOfficer.name = 'Data protection (sample)';
  privacyOfficer.groups.add('privacy');
  privacyOfficer.team = 'privacy requests: export, erase, audit trail';

  const rows = [...people.values()].map((p) => {
    const memberOf = groups.filter((group) => p.groups.has(group));
    // A manager's token serves someone in both groups: it admits to every rep route as well.
    const flag = memberOf.includes('manager') ? 'manager' : memberOf.includes('privacy') ? 'privacy' : 'rep';
    return [p.name, p.email, memberOf.join(', '), p.team, `npm run token -- --${flag} ${p.email}`];
  });
  return [
    'People the local runtime seeds (infra/local/seed-reps.json), the manager its fallback queue notifies',
    '(functions/routing/default-routing-policy.json) and a sample member of the privacy group, which needs no seeding.',
    'A token lasts 12 hours and works on the local API only.',
    '',
    ...table(['name', 'email', 'groups', 'team', 'token'], rows),
    '',
    'Reps added or changed through POST /reps or PUT /reps/{repId} are kept in DynamoDB Local (.stoke/) and are',
    'not listed here: GET /reps with a manager\'s token lists the reps as the running runtime has them.',
    '--rep, --manager and --privacy accept any address: the local API checks the token, not this list.',
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
