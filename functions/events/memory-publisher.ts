import type { EventPublisher } from './event-publisher.ts';

/** An event as the bus received it: what a rule matches on, and the checked detail. */
export type PublishedEvent = { source: string; detailType: string; detail: unknown };

export type MemoryPublisher = EventPublisher & {
  /** Every event published so far, oldest first. */
  published(): PublishedEvent[];
};

/** Keeps published events in memory, checked against their schema exactly as the EventBridge publisher checks them. */
export function memoryPublisher(): MemoryPublisher {
  const published: PublishedEvent[] = [];
  return {
    async publish(definition, detail) {
      const checked = definition.schema.parse(detail);
      // Through JSON, as the bus carries it: a consumer never shares an object with the producer.
      published.push({ source: definition.source, detailType: definition.detailType, detail: JSON.parse(JSON.stringify(checked)) });
    },
    published: () => [...published],
  };
}
