import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { BacktestAnswer } from '../../functions/learning/score-lab.ts';
import { issueDevToken } from '../local/dev-tokens.ts';
import { backtestTable, dayOf } from './backtest-table.ts';

// `npm run score:backtest -- --model candidate.json [--threshold 60] [--from 2026-W20 --to 2026-W48]` replays the
// current and the candidate scoring model over the leads captured in the period, through the API's score lab:
// locally against `npm start` (a development token of the seeded marketer), or a deployed stack with
// `--api-url https://<api>/v1 --token <a Cognito ID token of a marketing or manager member>` (or STOKE_TOKEN).
const usage = 'Usage: npm run score:backtest -- --model <file.json> [--threshold <0-100>] [--from <2026-W20 | 2026-05-11>] [--to <week | date>] [--api-url <url>] [--token <id token>]';

const values = argumentsOrFail();
if (!values.model) fail(`--model names the candidate model's JSON file\n${usage}`);
let model: unknown;
try {
  model = JSON.parse(await readFile(values.model, 'utf8'));
} catch (error) {
  fail(`${values.model}: ${(error as Error).message}`);
}
const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
if (threshold !== undefined && !(Number.isInteger(threshold) && threshold >= 0 && threshold <= 100)) fail(`--threshold must be a whole number from 0 to 100, not "${values.threshold}"`);

const apiUrl = (values['api-url'] ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(apiUrl);
const token = values.token ?? process.env.STOKE_TOKEN ?? (local ? await issueDevToken('marketing@stoke.example', ['marketing']) : fail(`a deployed stack needs --token (or STOKE_TOKEN): a Cognito ID token of a member of the marketing or manager group\n${usage}`));

let period: { from?: string; to?: string };
try {
  period = { ...(values.from ? { from: dayOf(values.from, 'from') } : {}), ...(values.to ? { to: dayOf(values.to, 'to') } : {}) };
} catch (error) {
  fail((error as Error).message);
}

let response: Response;
try {
  response = await fetch(`${apiUrl}/marketing/scoring/backtest`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ model, ...(threshold === undefined ? {} : { threshold }), ...period }),
  });
} catch (error) {
  fail(`${apiUrl} could not be reached (${(error as Error).message}): is npm start running?`);
}
const answer = (await response.json().catch(() => undefined)) as (BacktestAnswer & { message?: string; errors?: Array<{ field: string; message: string }> }) | undefined;
if (!response.ok) {
  const problems = (answer?.errors ?? []).map((error) => `  ${error.field}: ${error.message}`);
  fail([`The API answered ${response.status}: ${answer?.message ?? response.statusText}`, ...problems].join('\n'));
}
console.log(backtestTable(answer!));

function argumentsOrFail() {
  try {
    return parseArgs({
      options: {
        model: { type: 'string' },
        threshold: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'api-url': { type: 'string' },
        token: { type: 'string' },
      },
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
