import { InvokeCommand, type InvokeCommandOutput, LambdaClient, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { replayDeadLetters, type ReplayOptions } from '../../../infra/dead-letters/replay-queue.ts';
import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { capturedHot, handoffInvocationRecord, invocationDeadLetter, ruleDeadLetter, stepScheduleDeadLetter } from './documented-dead-letters.ts';

// Faults a real queue and function cannot be made to produce on demand: a handler that fails again, Lambda refusing.
const sqs = mockClient(SQSClient);
const lambda = mockClient(LambdaClient);
const clients = { sqs: new SQSClient({ region: 'eu-central-1' }), lambda: new LambdaClient({ region: 'eu-central-1' }) };
afterEach(() => {
  sqs.reset();
  lambda.reset();
});

const queueUrl = 'https://sqs.eu-central-1.amazonaws.com/123456789012/stoke-dead-letters';
const unreadable: Message = { MessageId: 'by-hand', ReceiptHandle: 'by-hand-receipt', Body: '{"hello":"world"}' };
const recordOfHandoff = invocationDeadLetter(handoffInvocationRecord, 'record');
// The SDK hands the payload over as its own Uint8Array; the script reads it as one.
const answerPayload = (text: string) => new TextEncoder().encode(text) as InvokeCommandOutput['Payload'];

/** A queue that hands out these messages once, in batches of at most the number asked for, then nothing. */
function queueHolding(...messages: Message[]) {
  const waiting = [...messages];
  sqs.on(ReceiveMessageCommand).callsFake((input: { MaxNumberOfMessages: number }) => ({ Messages: waiting.splice(0, input.MaxNumberOfMessages) }));
}

async function replay(options: Partial<ReplayOptions> = {}) {
  const lines: string[] = [];
  const summary = await replayDeadLetters(clients, { queueUrl, limit: 100, dryRun: false, report: (line) => lines.push(line), ...options });
  return { summary, lines };
}

const invoked = () => lambda.commandCalls(InvokeCommand).map((call) => ({ ...call.args[0].input, Payload: JSON.parse(new TextDecoder().decode(call.args[0].input.Payload as Uint8Array)) }));
const deleted = () => sqs.commandCalls(DeleteMessageCommand).map((call) => call.args[0].input.ReceiptHandle);
const released = () => sqs.commandCalls(ChangeMessageVisibilityCommand).map((call) => [call.args[0].input.ReceiptHandle, call.args[0].input.VisibilityTimeout]);

describe('replaying the deployed dead-letter queue', () => {
  it('invokes each function synchronously with the payload it first received, and deletes each message only after its function succeeded', async () => {
    queueHolding(ruleDeadLetter, stepScheduleDeadLetter, recordOfHandoff);
    const order: string[] = [];
    lambda.on(InvokeCommand).callsFake((input: { FunctionName: string }) => {
      order.push(`invoke ${input.FunctionName.split(':').at(-1)}`);
      return { StatusCode: 200 };
    });
    sqs.on(DeleteMessageCommand).callsFake((input: { ReceiptHandle: string }) => {
      order.push(`delete ${input.ReceiptHandle}`);
      return {};
    });

    const { summary, lines } = await replay();

    expect(invoked()).toEqual([
      { FunctionName: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-handoff', InvocationType: 'RequestResponse', Payload: capturedHot },
      { FunctionName: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-nurture-step', InvocationType: 'RequestResponse', Payload: { leadId: 'lead-2', seq: 3 } },
      { FunctionName: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-handoff', InvocationType: 'RequestResponse', Payload: capturedHot },
    ]);
    expect(order).toEqual([
      'invoke stoke-handoff',
      'delete rule-receipt',
      'invoke stoke-nurture-step',
      'delete step-schedule-receipt',
      'invoke stoke-handoff',
      'delete record-receipt',
    ]);
    expect(sqs).toHaveReceivedCommandWith(ReceiveMessageCommand, { QueueUrl: queueUrl, MessageAttributeNames: ['All'] });
    expect(summary).toEqual({ replayed: 3, failed: 0, unreadable: 0, listed: 0 });
    expect(lines[0]).toMatch(/^replayed .* event-rule .*stoke-captured-hot-handoff → handoff/);
    expect(released()).toEqual([]);
  });

  it('leaves a message whose function fails again in the queue, visible at once, and goes on with the next', async () => {
    queueHolding(ruleDeadLetter, stepScheduleDeadLetter);
    lambda
      .on(InvokeCommand, { FunctionName: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-handoff' })
      .resolves({ StatusCode: 200, FunctionError: 'Unhandled', Payload: answerPayload('{"errorType":"InternalServerException","errorMessage":"Scheduler is unavailable"}') })
      .on(InvokeCommand, { FunctionName: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-nurture-step' })
      .resolves({ StatusCode: 200 });

    const { summary, lines } = await replay();

    expect(deleted()).toEqual(['step-schedule-receipt']);
    expect(released()).toEqual([['rule-receipt', 0]]);
    expect(summary).toEqual({ replayed: 1, failed: 1, unreadable: 0, listed: 0 });
    expect(lines[0]).toContain('Unhandled error {"errorType":"InternalServerException","errorMessage":"Scheduler is unavailable"}; left in the queue');
  });

  it('leaves a message in the queue when Lambda refuses the invocation', async () => {
    queueHolding(stepScheduleDeadLetter);
    lambda.on(InvokeCommand).rejects(new TooManyRequestsException({ $metadata: { httpStatusCode: 429 }, message: 'Rate Exceeded.' }));

    const { summary, lines } = await replay();

    expect(sqs).not.toHaveReceivedCommand(DeleteMessageCommand);
    expect(released()).toEqual([['step-schedule-receipt', 0]]);
    expect(summary.failed).toBe(1);
    expect(lines[0]).toContain('TooManyRequestsException: Rate Exceeded.');
  });

  it('reports a message it cannot read and leaves it alone: not invoked, not deleted', async () => {
    queueHolding(unreadable, ruleDeadLetter);
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });

    const { summary, lines } = await replay();

    expect(invoked()).toHaveLength(1);
    expect(deleted()).toEqual(['rule-receipt']);
    expect(released()).toEqual([['by-hand-receipt', 0]]);
    expect(summary).toEqual({ replayed: 1, failed: 0, unreadable: 1, listed: 0 });
    expect(lines[0]).toMatch(/^unreadable +by-hand: neither an EventBridge rule's dead letter .*; left in the queue$/);
  });

  it('lists, in a dry run, what it would replay, and invokes and deletes nothing', async () => {
    queueHolding(ruleDeadLetter, unreadable, recordOfHandoff);

    const { summary, lines } = await replay({ dryRun: true });

    expect(lambda).not.toHaveReceivedCommand(InvokeCommand);
    expect(sqs).not.toHaveReceivedCommand(DeleteMessageCommand);
    expect(released().map(([receipt]) => receipt)).toEqual(['rule-receipt', 'by-hand-receipt', 'record-receipt']);
    expect(summary).toEqual({ replayed: 0, failed: 0, unreadable: 1, listed: 2 });
    expect(lines.filter((line) => line.startsWith('would replay'))).toHaveLength(2);
  });

  it('reads no more messages than the limit', async () => {
    queueHolding(ruleDeadLetter, stepScheduleDeadLetter, recordOfHandoff);
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });

    const { summary } = await replay({ limit: 2 });

    expect(sqs).toHaveReceivedCommandWith(ReceiveMessageCommand, { MaxNumberOfMessages: 2 });
    expect(summary.replayed).toBe(2);
    expect(deleted()).toEqual(['rule-receipt', 'step-schedule-receipt']);
  });

  it('invokes a message the queue hands out twice only once', async () => {
    const again = { ...ruleDeadLetter, ReceiptHandle: 'rule-receipt-2' };
    sqs.on(ReceiveMessageCommand).resolvesOnce({ Messages: [ruleDeadLetter] }).resolvesOnce({ Messages: [again] }).resolves({});
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });

    const { summary } = await replay();

    expect(invoked()).toHaveLength(1);
    expect(summary.replayed).toBe(1);
  });

  it('keeps each batch hidden long enough for every message of it to be invoked in turn', async () => {
    queueHolding(ruleDeadLetter);
    lambda.on(InvokeCommand).resolves({ StatusCode: 200 });

    await replay({ limit: 3 });

    // Three messages asked for, each given the longest function timeout and ten seconds' slack.
    const longest = Math.max(...Object.values(lambdaFunctions).map((fn) => fn.timeoutSeconds));
    expect(longest).toBeGreaterThanOrEqual(120);
    expect(sqs).toHaveReceivedCommandWith(ReceiveMessageCommand, { MaxNumberOfMessages: 3, VisibilityTimeout: 3 * (longest + 10) });
  });
});
