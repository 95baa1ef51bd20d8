import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters } from '../../infra/local/dead-letters.ts';
import { type LocalEventBus, startLocalEventBus } from '../../infra/local/event-bus.ts';
import { type InFlight, settle } from '../../infra/local/in-flight.ts';
import { VirtualClock } from '../../infra/local/virtual-clock.ts';
import type { EventRule, RuleTarget } from '../../infra/wiring/rules.ts';

const rules: EventRule[] = [
  { name: 'hot-leads', description: '', bus: 'stoke', pattern: { source: ['stoke.leads'], detailType: ['lead.captured'], detail: { temperature: ['hot'] } }, target: { type: 'function', name: 'capture' } },
  { name: 'everything', description: '', bus: 'stoke', pattern: { source: [{ prefix: 'stoke.' }] as unknown as string[] }, target: { type: 'log', name: 'event-log' } },
];

let bus: LocalEventBus;
let client: EventBridgeClient;
const delivered: Array<{ target: RuleTarget; event: any }> = [];
const inFlight: InFlight = new Set();
const deadLetters = new DeadLetters();
let failing = false;

beforeAll(async () => {
  bus = await startLocalEventBus({
    port: 0,
    rules,
    clock: new VirtualClock(1, new Date('2026-11-23T09:00:00Z')),
    inFlight,
    deadLetters,
    deliver: async (target, event) => {
      if (failing && target.type === 'function') throw new Error('handler failed');
      delivered.push({ target, event });
    },
  });
  client = new EventBridgeClient({ endpoint: bus.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => bus?.stop());

const put = (detail: unknown, detailType = 'lead.captured', EventBusName = 'stoke') =>
  client.send(new PutEventsCommand({ Entries: [{ EventBusName, Source: 'stoke.leads', DetailType: detailType, Detail: JSON.stringify(detail) }] }));

describe('the local bus', () => {
  it('delivers an event to every matching rule, shaped as EventBridge delivers it', async () => {
    delivered.length = 0;

    const result = await put({ leadId: 'l1', temperature: 'hot' });
    await settle(inFlight);

    expect(result.FailedEntryCount).toBe(0);
    expect(delivered.map((d) => d.target.type).sort()).toEqual(['function', 'log']);
    const event = delivered[0]!.event;
    expect(event).toEqual({
      version: '0',
      id: result.Entries?.[0]?.EventId,
      'detail-type': 'lead.captured',
      source: 'stoke.leads',
      account: '000000000000',
      time: '2026-11-23T09:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: { leadId: 'l1', temperature: 'hot' },
    });
  });

  it('leaves out rules whose pattern or bus does not match', async () => {
    delivered.length = 0;

    await put({ leadId: 'l2', temperature: 'warm' });
    await put({ leadId: 'l3', temperature: 'hot' }, 'lead.captured', 'default');
    await settle(inFlight);

    expect(delivered.map((d) => `${d.target.type}:${d.event.detail.leadId}`)).toEqual(['log:l2']);
  });

  it('retries a failing target, then keeps the event as a dead letter', async () => {
    failing = true;
    await put({ leadId: 'l4', temperature: 'hot' });
    await settle(inFlight);
    failing = false;

    expect(deadLetters.entries).toHaveLength(1);
    expect(deadLetters.entries[0]).toMatchObject({ kind: 'event', source: 'hot-leads', target: 'function:capture', attempts: 3, error: 'Error: handler failed', payload: { detail: { leadId: 'l4' } } });
  });

  it('refuses an entry whose detail is not JSON, as EventBridge does', async () => {
    const result = await client.send(new PutEventsCommand({ Entries: [{ EventBusName: 'stoke', Source: 'stoke.leads', DetailType: 'x', Detail: '{nope' }] }));

    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.ErrorCode).toBe('MalformedDetail');
  });
});
