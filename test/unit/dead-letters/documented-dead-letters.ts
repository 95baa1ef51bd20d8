import type { Message } from '@aws-sdk/client-sqs';

// Messages of the dead-letter queue as ReceiveMessage returns them (MessageAttributeNames: All), one per
// writer, first as AWS documents them, then as Stoke's own functions would have them written.

const string = (value: string) => ({ DataType: 'String', StringValue: value });
const attributes = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([name, value]) => [name, string(value)]));

/** A Stoke event, as the captured-hot-handoff rule hands it to its target. */
export const capturedHot = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'lead.captured',
  source: 'stoke.leads',
  account: '123456789012',
  time: '2026-11-23T09:12:00Z',
  region: 'eu-central-1',
  resources: [],
  detail: { version: 1, leadId: 'lead-1', temperature: 'hot', score: 80, consent: true, capturedAt: '2026-11-23T09:12:00.000Z', source: {} },
};

/**
 * EventBridge rule target (EventBridge User Guide, "Using dead-letter queues to process undelivered events"):
 * the body is the event; the attributes are RULE_ARN, TARGET_ARN, ERROR_CODE, ERROR_MESSAGE,
 * EXHAUSTED_RETRY_CONDITION (for a retryable error) and RETRY_ATTEMPTS.
 */
export const ruleDeadLetter: Message = {
  MessageId: 'c2b1e0d4-0d4f-4c55-9b53-2d2d1e0e1a01',
  ReceiptHandle: 'rule-receipt',
  Body: JSON.stringify(capturedHot),
  MessageAttributes: attributes({
    RULE_ARN: 'arn:aws:events:eu-central-1:123456789012:rule/stoke/stoke-captured-hot-handoff',
    TARGET_ARN: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-handoff',
    ERROR_CODE: 'THROTTLING',
    ERROR_MESSAGE: 'Rate exceeded.',
    EXHAUSTED_RETRY_CONDITION: 'MaximumEventAgeInSeconds',
    RETRY_ATTEMPTS: '185',
  }),
};

/**
 * EventBridge Scheduler's documented example (Scheduler User Guide, "Configuring a dead-letter queue",
 * retrieving the dead-letter event): a schedule whose universal target, SQS SendMessage, failed.
 * The body is the schedule's input.
 */
export const documentedScheduleDeadLetter: Message = {
  MessageId: '2aeg3510-fe3a-4f5a-ab6a-6906560eaf7e',
  ReceiptHandle: 'documented-schedule-receipt',
  MD5OfBody: '07adc3fc889d6107d8bb8fda42fe0573',
  Body: '{"MessageBody":"Hello, world!","QueueUrl":"https://sqs.us-west-2.amazonaws.com/123456789012/does-not-exist"}',
  Attributes: { SenderId: 'AROA2DZE3W4CTL5ZR7EIN:ff00212d8c453aaaae644bc6846d4723', ApproximateFirstReceiveTimestamp: '1652499058144', ApproximateReceiveCount: '2', SentTimestamp: '1652490733042' },
  MD5OfMessageAttributes: 'f72c1d78100860e00403d849831d4895',
  MessageAttributes: attributes({
    ERROR_CODE: 'AWS.SimpleQueueService.NonExistentQueue',
    ERROR_MESSAGE: 'The specified queue does not exist for this wsdl version.',
    EXECUTION_ID: 'ad06616e51cdf74a',
    EXHAUSTED_RETRY_CONDITION: 'MaximumEventAgeInSeconds',
    IS_PAYLOAD_TRUNCATED: 'false',
    RETRY_ATTEMPTS: '0',
    SCHEDULED_TIME: '2022-05-14T01:12:00Z',
    SCHEDULE_ARN: 'arn:aws:scheduler:us-west-2:123456789012:schedule/DLQ-test',
    TARGET_ARN: 'arn:aws:scheduler:::aws-sdk:sqs:sendMessage',
  }),
};

/** The same shape from one of Stoke's one-time schedules, whose templated Lambda target Scheduler could not invoke. */
export const stepScheduleDeadLetter: Message = {
  ...documentedScheduleDeadLetter,
  MessageId: '5f0c9f43-7a3e-4b8e-9d0e-3c1c5a3b2b02',
  ReceiptHandle: 'step-schedule-receipt',
  Body: '{"leadId":"lead-2","seq":3}',
  MessageAttributes: attributes({
    ERROR_CODE: 'Lambda.TooManyRequestsException',
    ERROR_MESSAGE: 'Rate Exceeded.',
    EXECUTION_ID: '9b1c2d3e4f5a6b7c',
    EXHAUSTED_RETRY_CONDITION: 'MaximumRetryAttempts',
    IS_PAYLOAD_TRUNCATED: 'false',
    RETRY_ATTEMPTS: '10',
    SCHEDULED_TIME: '2026-11-24T14:00:00Z',
    SCHEDULE_ARN: 'arn:aws:scheduler:eu-central-1:123456789012:schedule/stoke/nurture-lead-2-3',
    TARGET_ARN: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-nurture-step',
  }),
};

/**
 * Lambda's documented invocation record (Lambda Developer Guide, "Capturing records of asynchronous
 * invocations"): an event that failed three processing attempts, sent by an SQS on-failure destination
 * as the message body, with no message attributes.
 */
export const documentedInvocationRecord = {
  version: '1.0',
  timestamp: '2019-11-14T18:16:05.568Z',
  requestContext: {
    requestId: 'e4b46cbf-b738-xmpl-8880-a18cdf61200e',
    functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-function:$LATEST',
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload: { ORDER_IDS: ['9e07af03-ce31-4ff3-xmpl-36dce652cb4f', '637de236-e7b2-464e-xmpl-baf57f86bb53', 'a81ddca6-2c35-45c7-xmpl-c3a03a31ed15'] },
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: { errorMessage: 'RequestId: e4b46cbf-b738-xmpl-8880-a18cdf61200e Process exited before completing request' },
};

/** The same record for Stoke's handoff, which threw on an event the rule had handed over. */
export const handoffInvocationRecord = {
  ...documentedInvocationRecord,
  requestContext: { ...documentedInvocationRecord.requestContext, requestId: '8ea123e4-1db7-4aca-ad10-d9ca1234c1fd', functionArn: 'arn:aws:lambda:eu-central-1:123456789012:function:stoke-handoff:$LATEST' },
  requestPayload: capturedHot,
  responsePayload: { errorType: 'InternalServerException', errorMessage: 'Scheduler is unavailable', stackTrace: [] },
};

export const invocationDeadLetter = (record: unknown, messageId = '1d9a0f1e-33c5-4f6e-8f7e-0a1b2c3d4e03'): Message => ({
  MessageId: messageId,
  ReceiptHandle: `${messageId}-receipt`,
  Body: JSON.stringify(record),
});
