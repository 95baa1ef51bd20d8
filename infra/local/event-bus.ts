import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import type { Clock } from '../../functions/platform/clock.ts';
import type { EventRule, RuleTarget } from '../wiring/rules.ts';
import { AwsServiceError, type LocalEndpoint, serveAwsJson } from './aws-json-server.ts';
import type { DeadLetters } from './dead-letters.ts';
import { matchesPattern, validatePattern } from './event-pattern.ts';
import { type InFlight, track } from './in-flight.ts';

export type BusEvent = EventBridgeEvent<string, unknown> & { 'event-bus-name': string };
/** Hands an event to a rule's target: a function invocation, or a line in a log. */
export type Deliver = (target: RuleTarget, event: unknown) => Promise<unknown>;

export type LocalEventBus = LocalEndpoint & {
  /** Every event accepted, in order. */
  readonly events: BusEvent[];
  /** Puts events as AWS services do on the default bus (no SDK call involved). */
  put(event: Omit<BusEvent, 'id' | 'version' | 'account' | 'region' | 'time'> & { time?: string }): void;
};

const account = '000000000000';
const region = 'us-east-1';
const attemptsPerTarget = 3;

/**
 * Stoke's local EventBridge: accepts the SDK's PutEvents, matches each event
 * against the rules the CDK stack declares and delivers it to the rule's
 * target asynchronously, retrying and dead-lettering as Lambda's async invocation does.
 */
export async function startLocalEventBus(options: {
  port: number;
  rules: readonly EventRule[];
  deliver: Deliver;
  clock: Clock;
  inFlight: InFlight;
  deadLetters: DeadLetters;
}): Promise<LocalEventBus> {
  const events: BusEvent[] = [];
  const rules = options.rules.map((rule) => ({ ...rule, matcher: validatePattern(renderPattern(rule.pattern)) }));

  function accept(event: BusEvent): void {
    events.push(event);
    for (const rule of rules) {
      if (rule.bus !== event['event-bus-name'] || !matchesPattern(rule.matcher, event)) continue;
      track(options.inFlight, deliver(rule.name, rule.target, event));
    }
  }

  async function deliver(ruleName: string, target: RuleTarget, event: BusEvent): Promise<void> {
    const { 'event-bus-name': _bus, ...delivered } = event;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attemptsPerTarget; attempt++) {
      try {
        await options.deliver(target, delivered);
        return;
      } catch (error) {
        lastError = error;
      }
    }
    options.deadLetters.add({
      kind: 'event',
      source: ruleName,
      target: `${target.type}:${target.name}`,
      at: options.clock.now().toISOString(),
      attempts: attemptsPerTarget,
      error: lastError instanceof Error ? `${lastError.name}: ${lastError.message}` : String(lastError),
      payload: delivered,
    });
  }

  const envelope = (fields: { source: string; detailType: string; detail: unknown; bus: string; time?: string; resources?: string[] }): BusEvent => ({
    version: '0',
    id: randomUUID(),
    'detail-type': fields.detailType,
    source: fields.source,
    account,
    time: fields.time ?? options.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: fields.resources ?? [],
    detail: fields.detail,
    'event-bus-name': fields.bus,
  });

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
      const event = envelope({
        source: String(entry.Source),
        detailType: String(entry.DetailType),
        detail,
        bus: busName(entry.EventBusName),
        resources: Array.isArray(entry.Resources) ? entry.Resources : [],
      });
      accept(event);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  return {
    ...endpoint,
    events,
    put: (event) =>
      accept(envelope({ source: event.source, detailType: event['detail-type'], detail: event.detail, bus: event['event-bus-name'], time: event.time, resources: event.resources })),
  };
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
