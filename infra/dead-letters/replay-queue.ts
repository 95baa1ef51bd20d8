import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { lambdaFunctions } from '../wiring/functions.ts';
import { type DeadLetterMessage, readDeadLetter, type Redelivery, UnreadableDeadLetterError } from './dead-letter.ts';

export type ReplayOptions = {
  queueUrl: string;
  /** At most this many messages are read. */
  limit: number;
  /** Lists what would be replayed: nothing is invoked or deleted. */
  dryRun: boolean;
  /** Receives one line per message. */
  report: (line: string) => void;
};

export type ReplaySummary = {
  /** Invoked without error, and deleted from the queue. */
  replayed: number;
  /** Invoked, and failed again: left in the queue. */
  failed: number;
  /** Not a dead letter of a Stoke function: left in the queue. */
  unreadable: number;
  /** Readable, but not invoked (a dry run). */
  listed: number;
};

// Messages are invoked one after another; each must stay hidden until its turn has come and gone.
const invocationSeconds = Math.max(...Object.values(lambdaFunctions).map((fn) => fn.timeoutSeconds)) + 10;
const batchSize = 10;

/**
 * Replays the dead-letter queue: each message read as the invocation it
 * records, invoked again synchronously, and deleted only once the function
 * returned without error. A message that fails again or cannot be read stays
 * in the queue, visible again when the run ends, for the alarm and the next run.
 */
export async function replayDeadLetters(clients: { sqs: SQSClient; lambda: LambdaClient }, options: ReplayOptions): Promise<ReplaySummary> {
  const summary: ReplaySummary = { replayed: 0, failed: 0, unreadable: 0, listed: 0 };
  // A standard queue may hand out a message twice: it is invoked once, and released by its latest receipt.
  const seen = new Set<string>();
  const kept = new Map<string, string>();
  try {
    while (seen.size < options.limit) {
      const wanted = Math.min(batchSize, options.limit - seen.size);
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: wanted,
          MessageAttributeNames: ['All'],
          VisibilityTimeout: wanted * invocationSeconds,
          // Long polling asks every SQS server, so an empty answer means an empty queue.
          WaitTimeSeconds: 1,
        }),
      );
      const fresh = Messages.filter((message) => {
        if (!seen.has(message.MessageId!)) return true;
        if (kept.has(message.MessageId!)) kept.set(message.MessageId!, message.ReceiptHandle!);
        return false;
      });
      if (fresh.length === 0) break;
      for (const message of fresh) {
        seen.add(message.MessageId!);
        const outcome = await replayOne(message, clients, options);
        summary[outcome]++;
        if (outcome !== 'replayed') kept.set(message.MessageId!, message.ReceiptHandle!);
      }
    }
  } finally {
    for (const receiptHandle of kept.values()) {
      await clients.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: options.queueUrl, ReceiptHandle: receiptHandle, VisibilityTimeout: 0 }));
    }
  }
  return summary;
}

async function replayOne(message: Message, clients: { sqs: SQSClient; lambda: LambdaClient }, options: ReplayOptions): Promise<keyof ReplaySummary> {
  const id = message.MessageId!;
  let redelivery: Redelivery;
  try {
    redelivery = readDeadLetter(deadLetterMessage(message));
  } catch (error) {
    if (!(error instanceof UnreadableDeadLetterError)) throw error;
    options.report(`unreadable  ${id}: ${error.message}; left in the queue`);
    return 'unreadable';
  }
  const what = `${id} ${redelivery.origin} ${redelivery.source} → ${redelivery.function} (failed with ${redelivery.error})`;
  if (options.dryRun) {
    options.report(`would replay ${what}`);
    return 'listed';
  }
  const error = await invoke(clients.lambda, redelivery);
  if (error) {
    options.report(`failed      ${what}: ${error}; left in the queue`);
    return 'failed';
  }
  await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: options.queueUrl, ReceiptHandle: message.ReceiptHandle! }));
  options.report(`replayed    ${what}`);
  return 'replayed';
}

/**
 * Invokes the function as its first invocation did, but synchronously: the
 * answer says whether the handler itself succeeded, which an asynchronous
 * invocation's 202 does not. Undefined when it did, else why not.
 */
async function invoke(lambda: LambdaClient, redelivery: Redelivery): Promise<string | undefined> {
  try {
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: redelivery.functionArn, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(redelivery.payload)) }),
    );
    if (!answer.FunctionError) return undefined;
    return `${answer.FunctionError} error ${answer.Payload ? new TextDecoder().decode(answer.Payload) : ''}`.trim();
  } catch (error) {
    // Lambda refused the invocation (throttled past the SDK's retries, no permission, no such function).
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** A received message as `readDeadLetter` reads it: the body, and the string attributes by name. */
export function deadLetterMessage(message: Message): DeadLetterMessage {
  const attributes = Object.entries(message.MessageAttributes ?? {}).flatMap(([name, value]) => (value.StringValue === undefined ? [] : [[name, value.StringValue] as const]));
  return { body: message.Body ?? '', attributes: Object.fromEntries(attributes) };
}
