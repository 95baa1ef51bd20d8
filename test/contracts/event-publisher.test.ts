import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterEach } from 'vitest';
import { eventBridgePublisher } from '../../functions/events/eventbridge-publisher.ts';
import { memoryPublisher } from '../../functions/events/memory-publisher.ts';
import { DeadLetters } from '../../infra/local/dead-letters.ts';
import { startLocalEventBus } from '../../infra/local/event-bus.ts';
import { type InFlight, settle } from '../../infra/local/in-flight.ts';
import { VirtualClock } from '../../infra/local/virtual-clock.ts';
import { eventPublisherContract } from './event-publisher.contract.ts';

const stops: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

eventPublisherContract('in memory', () => {
  const publisher = memoryPublisher();
  return { publisher, published: async () => publisher.published() };
});

eventPublisherContract('EventBridge on the local bus', async () => {
  const inFlight: InFlight = new Set();
  // No rules: the contract is about what the bus accepts, which it keeps whether or not a rule matches.
  const bus = await startLocalEventBus({ port: 0, rules: [], clock: new VirtualClock(1, new Date('2026-11-24T09:00:00Z')), inFlight, deadLetters: new DeadLetters(), deliver: async () => undefined });
  const client = new EventBridgeClient({ endpoint: bus.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  stops.push(() => client.destroy(), () => bus.stop());
  return {
    publisher: eventBridgePublisher(client, 'stoke'),
    async published() {
      await settle(inFlight);
      return bus.events.map((event) => ({ source: event.source, detailType: event['detail-type'], detail: event.detail }));
    },
  };
});
