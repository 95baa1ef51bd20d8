import * as z from '../../functions/platform/zod.ts';
import { type FunctionName, lambdaFunctions } from '../wiring/functions.ts';

/** One message of the dead-letter queue as SQS hands it over: its body, and its string message attributes by name. */
export type DeadLetterMessage = { body: string; attributes: Readonly<Record<string, string>> };

/** What put a message in the queue; each writes a shape of its own. */
export type DeadLetterOrigin = 'event-rule' | 'schedule' | 'async-invocation';

/** What to invoke again: a Stoke function, with exactly the payload it was, or would have been, invoked with. */
export type Redelivery = {
  origin: DeadLetterOrigin;
  function: FunctionName;
  /** The function's unqualified ARN, which EventBridge and Scheduler invoke: it names the account and region the message came from. */
  functionArn: string;
  payload: unknown;
  /** The rule, schedule or Lambda request the message came from. */
  source: string;
  /** Why the work failed, as AWS recorded it. */
  error: string;
};

/** A message that is none of the three shapes, or names no Stoke function: it is reported and left in the queue. */
export class UnreadableDeadLetterError extends Error {
  override name = 'UnreadableDeadLetterError';
}

// EventBridge rule targets: the body is the event, the attributes say which rule and target failed, and why.
const RuleAttributes = z.looseObject({
  RULE_ARN: z.string(),
  TARGET_ARN: z.string(),
  ERROR_CODE: z.string(),
  ERROR_MESSAGE: z.optional(z.string()),
});
const Event = z.looseObject({
  version: z.string(),
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
});

// EventBridge Scheduler: the body is the schedule's input, the attributes say which schedule and target failed, and why.
const ScheduleAttributes = z.looseObject({
  SCHEDULE_ARN: z.string(),
  TARGET_ARN: z.string(),
  ERROR_CODE: z.string(),
  ERROR_MESSAGE: z.optional(z.string()),
  IS_PAYLOAD_TRUNCATED: z.optional(z.string()),
});

// Lambda's on-failure destination: the body is the invocation record, holding the payload the function was invoked with.
const InvocationRecord = z.looseObject({
  version: z.string(),
  timestamp: z.string(),
  requestContext: z.looseObject({ requestId: z.string(), functionArn: z.string(), condition: z.string() }),
  requestPayload: z.unknown(),
  responsePayload: z.optional(z.unknown()),
});
const FunctionError = z.looseObject({ errorType: z.optional(z.string()), errorMessage: z.optional(z.string()) });

// `stoke-<name>` is how the stack names every function (infra/constructs/stoke-function.ts); a qualifier ($LATEST, a version) may follow.
const functionArnPattern = /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+))(?::[A-Za-z0-9$_-]+)?$/;

/**
 * Reads one message of Stoke's dead-letter queue, whichever of its three
 * writers put it there, as the invocation to make again.
 * @throws UnreadableDeadLetterError for any other message, saying why.
 */
export function readDeadLetter(message: DeadLetterMessage): Redelivery {
  if ('SCHEDULE_ARN' in message.attributes) return fromSchedule(message);
  if ('RULE_ARN' in message.attributes) return fromRule(message);
  const record = InvocationRecord.safeParse(parsedBody(message));
  if (record.success && 'requestPayload' in record.data) return fromInvocationRecord(record.data);
  throw new UnreadableDeadLetterError(
    "neither an EventBridge rule's dead letter (no RULE_ARN attribute), a schedule's (no SCHEDULE_ARN attribute), nor a Lambda invocation record (no requestContext.functionArn and requestPayload)",
  );
}

function fromRule(message: DeadLetterMessage): Redelivery {
  const attributes = parse(RuleAttributes, message.attributes, "an EventBridge rule's dead letter");
  const event = parsedBody(message);
  parse(Event, event, "an EventBridge rule's dead letter body");
  return {
    origin: 'event-rule',
    ...stokeFunction(attributes.TARGET_ARN),
    payload: event,
    source: attributes.RULE_ARN,
    error: described(attributes.ERROR_CODE, attributes.ERROR_MESSAGE),
  };
}

function fromSchedule(message: DeadLetterMessage): Redelivery {
  const attributes = parse(ScheduleAttributes, message.attributes, "a schedule's dead letter");
  // Scheduler cuts an input too large for a message; what is left is not what the function needs.
  if (attributes.IS_PAYLOAD_TRUNCATED === 'true') throw new UnreadableDeadLetterError(`the input of ${attributes.SCHEDULE_ARN} was truncated`);
  return {
    origin: 'schedule',
    ...stokeFunction(attributes.TARGET_ARN),
    payload: parsedBody(message),
    source: attributes.SCHEDULE_ARN,
    error: described(attributes.ERROR_CODE, attributes.ERROR_MESSAGE),
  };
}

function fromInvocationRecord(record: z.infer<typeof InvocationRecord>): Redelivery {
  const failure = FunctionError.safeParse(record.responsePayload);
  const reason = failure.success ? [failure.data.errorType, failure.data.errorMessage].filter(Boolean).join(': ') : undefined;
  return {
    origin: 'async-invocation',
    ...stokeFunction(record.requestContext.functionArn),
    payload: record.requestPayload,
    source: `request ${record.requestContext.requestId}`,
    error: described(record.requestContext.condition, reason || undefined),
  };
}

function stokeFunction(arn: string): Pick<Redelivery, 'function' | 'functionArn'> {
  const match = functionArnPattern.exec(arn);
  if (!match) throw new UnreadableDeadLetterError(`its target ${arn} is not a Lambda function`);
  const deployedName = match[2]!;
  const name = deployedName.replace(/^stoke-/, '');
  if (deployedName === name || !Object.hasOwn(lambdaFunctions, name)) {
    throw new UnreadableDeadLetterError(`its target ${deployedName} is not one of Stoke's functions (stoke-<name>, infra/wiring/functions.ts)`);
  }
  return { function: name as FunctionName, functionArn: match[1]! };
}

function parsedBody(message: DeadLetterMessage): unknown {
  try {
    return JSON.parse(message.body);
  } catch {
    throw new UnreadableDeadLetterError('its body is not JSON');
  }
}

function parse<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UnreadableDeadLetterError(`not ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function described(code: string, message: string | undefined): string {
  return message ? `${code}: ${message}` : code;
}
