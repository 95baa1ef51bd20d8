import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DependencyUnavailableError } from '../platform/errors.ts';
import type { EventPublisher } from './event-publisher.ts';

export function eventBridgePublisher(client: EventBridgeClient, eventBusName: string): EventPublisher {
  return {
    async publish(definition, detail) {
      const checked = definition.schema.parse(detail);
      const entry = {
        EventBusName: eventBusName,
        Source: definition.source,
        DetailType: definition.detailType,
        Detail: JSON.stringify(checked),
      };
      let failed: string | undefined;
      try {
        const result = await client.send(new PutEventsCommand({ Entries: [entry] }));
        // PutEvents answers 200 even when an entry was refused; the entry says so.
        if (result.FailedEntryCount) failed = result.Entries?.[0]?.ErrorCode ?? 'unknown';
      } catch (error) {
        throw new DependencyUnavailableError('EventBridge', error);
      }
      if (failed) throw new DependencyUnavailableError('EventBridge', new Error(`PutEvents entry failed: ${failed}`));
    },
  };
}
