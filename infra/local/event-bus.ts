import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { Clock } from '../../functions/platform/clock.ts';
import type { EventRule, RuleTarget } from '../wiring/rules.ts';
import { AwsServiceError, type LocalEndpoint, serveAwsJson } from './aws-json-server.ts';
import { type DeadLetters, withAttempts } from './dead-letters.ts';
import { matchesPattern, validatePattern } from './event-pattern.ts';
import { type InFlight, track } from './in-flight.ts';

export type BusEvent = EventBridgeEvent<string, unknown> & { 'event-bus-name': string };
/** Hands an event to a rule's target: a function invocation, or a line in a log. */
export type Deliver = (target: RuleTarget, event: unknown) => Promise<unknown>;

export type EventRouter = {
  /** Every event accepted, in order (none when the router was told not to keep them). */
  readonly events: BusEvent[];
  /** Puts an event on a bus as AWS services and the SDK's PutEvents do: matched against the rules and delivered. */
  put(event: Omit<BusEvent, 'id' | 'version' | 'account' | 'region' | 'time'> & { time?: string }): BusEvent;
};

export type LocalEventBus = LocalEndpoint & EventRouter;

export type EventRouterOptions = {
  rules: readonly EventRule[];
  deliver: Deliver;
  clock: Clock;
  inFlight: InFlight;
  deadLetters: DeadLetters;
  /** Whether `events` keeps what was accepted; a long simulation does not. */
  keepEvents?: boolean;
};

const account = '000000000000';
const region = 'us-east-1';
const attemptsPerTarget = 3;

/**
 * What EventBridge does with an event put on a bus: matches it against the
 * rules the CDK stack declares and delivers it to each matching rule's target
 * asynchronously, retrying and dead-lettering as Lambda's async invocation does.
 */
export function eventRouter(options: EventRouterOptions): EventRouter {
  const events: BusEvent[] = [];
  const rules = options.rules.map((rule) => ({ ...rule, matcher: validatePattern(renderPattern(rule.pattern)) }));

  async function deliver(ruleName: string, target: RuleTarget, event: BusEvent): Promise<void> {
    const { 'event-bus-name': _bus, ...delivered } = event;
    const failure = await withAttempts(attemptsPerTarget, () => options.deliver(target, delivered));
    if (failure) options.deadLetters.add({ kind: 'event', source: ruleName, target: `${target.type}:${target.name}`, at: options.clock.now().toISOString(), ...failure, payload: delivered });
  }

  return {
    events,
    put(fields) {
      const event: BusEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': fields['detail-type'],
        source: fields.source,
        account,
        time: fields.time ?? options.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region,
        resources: fields.resources ?? [],
        detail: fields.detail,
        'event-bus-name': fields['event-bus-name'],
      };
      if (options.keepEvents ?? true) events.push(event);
      for (const rule of rules) {
        if (rule.bus !== event['event-bus-name'] || !matchesPattern(rule.matcher, event)) continue;
        track(options.inFlight, deliver(rule.name, rule.target, event));
      }
      return event;
    },
  };
}

/** Stoke's local EventBridge: the router behind the SDK's PutEvents. */
export async function startLocalEventBus(options: EventRouterOptions & { port: number }): Promise<LocalEventBus> {
  const router = eventRouter(options);
  const endpoint = await serveAwsJson(options.port, (request) =>
    request.headers['x-amz-target'] === 'AWSEvents.PutEvents' ? putEvents : undefined,
  );

  async function putEvents(input: Record<string, unknown>) {
    const entries = (input.Entries as Array<Record<string, string | string[] | undefined>> | undefined) ?? [];
    if (entries.length === 0 || entries.length > 10) {
      throw new AwsServiceError('ValidationException', 'PutEvents takes between 1 and 10 entries');
    }
    const results = entries.map((entry) => {
      let detail: unknown;
      try {
        detail = JSON.parse(String(entry.Detail ?? ''));
      } catch {
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
      }
      if (!entry.Source || !entry.DetailType) {
        return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter(s) Source or DetailType is not valid.' };
      }
      const event = router.put({
        source: String(entry.Source),
        'detail-type': String(entry.DetailType),
        detail,
        'event-bus-name': busName(entry.EventBusName),
        resources: Array.isArray(entry.Resources) ? entry.Resources : [],
      });
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  return { ...endpoint, ...router };
}

// Callers may name a bus by name or by ARN.
function busName(nameOrArn: unknown): string {
  const name = typeof nameOrArn === 'string' && nameOrArn ? nameOrArn : 'default';
  return name.startsWith('arn:') ? name.slice(name.lastIndexOf('/') + 1) : name;
}

/** CDK writes `detailType`; CloudFormation, and so EventBridge, sees `detail-type`. */
export function renderPattern(pattern: EventRule['pattern']): Record<string, unknown> {
  const { detailType, ...rest } = pattern as Record<string, unknown>;
  return detailType === undefined ? rest : { ...rest, 'detail-type': detailType };
}
