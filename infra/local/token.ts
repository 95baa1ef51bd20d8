import { parseArgs } from 'node:util';
import * as z from '../../functions/platform/zod.ts';
import { groups } from '../../functions/auth/caller.ts';
import { issueDevToken } from './dev-tokens.ts';

// `npm run token -- --rep anna@example.com` prints a development token for
// the local API only; send it as `Authorization: Bearer <token>`.
const usage = 'Usage: npm run token -- --rep <email> | --manager <email>';

const { values } = parseArgs({
  options: {
    rep: { type: 'string' },
    manager: { type: 'string' },
  },
});

const chosen = groups.filter((group) => values[group] !== undefined);
if (chosen.length !== 1) fail(usage);
const group = chosen[0]!;
const email = z.email().safeParse(values[group]?.trim());
if (!email.success) fail(`--${group} needs an email address, not "${values[group]}"\n${usage}`);

console.log(await issueDevToken(email.data, [group]));

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
