import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { readDeadLetter, UnreadableDeadLetterError } from '../../../infra/dead-letters/dead-letter.ts';
import { deadLetterMessage } from '../../../infra/dead-letters/replay-queue.ts';
import {
  capturedHot,
  documentedInvocationRecord,
  documentedScheduleDeadLetter,
  handoffInvocationRecord,
  invocationDeadLetter,
  ruleDeadLetter,
  stepScheduleDeadLetter,
} from './documented-dead-letters.ts';

const read = (message: Message) => readDeadLetter(deadLetterMessage(message));
const withAttributes = (message: Message, changes: Record<string, string | undefined>): Message => {
  const attributes = { ...message.MessageAttributes };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete attributes[name];
    else attributes[name] = { DataType: 'String', StringValue: value };
  }
  return { ...message, MessageAttributes: attributes };
};

describe('reading a dead letter as the invocation to make again', () => {
  it.each([
    {
      name: "an EventBridge rule's undeliverable event: the event itself",
      message: ruleDeadLetter,
      expected: {
        origin: 'event-rule',
        function: 'handoff',
        functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-handoff',
        payload: capturedHot,
        source: 'arn:aws:events:eu-central-1:123456789012:rule/stoke/stoke-captured-hot-handoff',
        error: 'THROTTLING: Rate exceeded.',
      },
    },
    {
      name: "a schedule Scheduler could not invoke: the schedule's input",
      message: stepScheduleDeadLetter,
      expected: {
        origin: 'schedule',
        function: 'nurture-step',
        functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-nurture-step',
        payload: { leadId: 'lead-2', seq: 3 },
        source: 'arn:aws:scheduler:eu-central-1:123456789012:schedule/stoke/nurture-lead-2-3',
        error: 'Lambda.TooManyRequestsException: Rate Exceeded.',
      },
    },
    {
      name: "a failed asynchronous invocation: the record's request payload, invoked unqualified",
      message: invocationDeadLetter(handoffInvocationRecord),
      expected: {
        origin: 'async-invocation',
        function: 'handoff',
        functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-handoff',
        payload: capturedHot,
        source: 'request 8ea123e4-1db7-4aca-ad10-d9ca1234c1fd',
        error: 'RetriesExhausted: InternalServerException: Scheduler is unavailable',
      },
    },
  ])('$name', ({ message, expected }) => {
    expect(read(message)).toEqual(expected);
  });

  it('keeps a payload exactly as the function received it, fields it does not know included', () => {
    const event = { ...capturedHot, 'replay-name': 'kept', detail: { ...capturedHot.detail, extra: [1, null] } };

    const { payload } = read({ ...ruleDeadLetter, Body: JSON.stringify(event) });

    expect(payload).toEqual(event);
  });

  it('replays an invocation record whose payload was null, which the function was invoked with', () => {
    expect(read(invocationDeadLetter({ ...handoffInvocationRecord, requestPayload: null })).payload).toBeNull();
  });

  it.each([
    { name: "AWS's documented schedule example, whose target is SQS, not a function", message: documentedScheduleDeadLetter, reason: 'its target arn:aws:scheduler:::aws-sdk:sqs:sendMessage is not a Lambda function' },
    { name: "AWS's documented invocation record, of a function that is not Stoke's", message: invocationDeadLetter(documentedInvocationRecord), reason: "its target my-function is not one of Stoke's functions" },
    {
      name: 'a rule target of a Stoke-named function the stack does not build',
      message: withAttributes(ruleDeadLetter, { TARGET_ARN: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-retired' }),
      reason: "its target stoke-retired is not one of Stoke's functions",
    },
    { name: "a rule's dead letter whose body is not an event", message: { ...ruleDeadLetter, Body: '{"leadId":"lead-1"}' }, reason: "not an EventBridge rule's dead letter body" },
    { name: "a rule's dead letter without its target", message: withAttributes(ruleDeadLetter, { TARGET_ARN: undefined }), reason: "not an EventBridge rule's dead letter" },
    { name: "a schedule's input Scheduler truncated", message: withAttributes(stepScheduleDeadLetter, { IS_PAYLOAD_TRUNCATED: 'true' }), reason: 'was truncated' },
    { name: 'a body that is not JSON', message: { ...ruleDeadLetter, Body: 'lead.captured' }, reason: 'its body is not JSON' },
    {
      name: 'an invocation record without its request payload',
      message: invocationDeadLetter({ ...handoffInvocationRecord, requestPayload: undefined }),
      reason: 'nor a Lambda invocation record',
    },
    { name: 'a message someone sent by hand', message: { MessageId: 'm', ReceiptHandle: 'r', Body: '{"hello":"world"}' }, reason: "neither an EventBridge rule's dead letter" },
  ])('refuses $name, saying why', ({ message, reason }) => {
    const reading = () => read(message);

    expect(reading).toThrow(UnreadableDeadLetterError);
    expect(reading).toThrow(reason);
  });
});
