import { parseArgs } from 'node:util';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { replayLocalDeadLetters } from './replay-local.ts';
import { replayDeadLetters, type ReplaySummary } from './replay-queue.ts';

// `npm run dead-letters:replay -- --dry-run` lists what the deployed queue holds; without it, each dead letter is
// invoked again and deleted once its function succeeded. `--local` does the same against `npm start`'s runtime.
// The deployed queue is found in the AWS account and region of the usual SDK settings (AWS_PROFILE, AWS_REGION).
const usage = [
  'Usage: npm run dead-letters:replay -- [--dry-run] [--limit <n>] [--queue-url <url>]',
  '       npm run dead-letters:replay -- --local [--api-url <url>] [--dry-run] [--limit <n>]',
].join('\n');
// As infra/constructs/outbound.ts names it.
const queueName = 'stoke-dead-letters';

const values = argumentsOrFail();
const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
if (!Number.isInteger(limit) && limit !== Number.POSITIVE_INFINITY) fail(`--limit needs a whole number, not "${values.limit}"`);
if (limit < 1) fail('--limit needs a number of at least 1');
if (values.local && values['queue-url']) fail(`--local replays the local runtime's dead letters, not a queue\n${usage}`);

const options = { limit, dryRun: values['dry-run'], report: (line: string) => console.log(line) };
let summary: ReplaySummary;
try {
  if (values.local) {
    summary = await replayLocalDeadLetters(values['api-url'] ?? `http://localhost:${process.env.PORT ?? 3000}`, options);
  } else {
    const sqs = new SQSClient({});
    const lambda = new LambdaClient({});
    const queueUrl = values['queue-url'] ?? (await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl!;
    console.log(`${values['dry-run'] ? 'Reading' : 'Replaying'} ${queueUrl}`);
    summary = await replayDeadLetters({ sqs, lambda }, { ...options, queueUrl });
  }
} catch (error) {
  fail((error as Error).message);
}

console.log(
  values['dry-run']
    ? `would replay ${summary.listed}, unreadable ${summary.unreadable}: nothing was invoked or deleted`
    : `replayed ${summary.replayed}, failed again ${summary.failed}, unreadable ${summary.unreadable}` +
        (summary.failed + summary.unreadable > 0 ? ': those are still dead letters' : ''),
);
// A run that left dead letters behind is not done: scripts and CI see it in the exit code.
process.exitCode = summary.failed + summary.unreadable > 0 ? 1 : 0;

function argumentsOrFail() {
  try {
    return parseArgs({
      options: {
        'dry-run': { type: 'boolean', default: false },
        limit: { type: 'string' },
        'queue-url': { type: 'string' },
        local: { type: 'boolean', default: false },
        'api-url': { type: 'string' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
