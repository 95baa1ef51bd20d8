import type { EventPublisher } from './event-publisher.ts';

/** An event as the bus received it: what a rule matches on, and the checked detail. */
export type PublishedEvent = { source: string; detailType: string; detail: unknown };

export type MemoryPublisher = EventPublisher & {
  /** Every event published so far, oldest first. */
  published(): PublishedEvent[];
};

/**
 * Keeps published events in memory, checked against their schema exactly as
 * the EventBridge publisher checks them, and hands each to `deliver` when
 * given: the simulator's bus, which matches it against the stack's rules.
 */
export function memoryPublisher(deliver?: (event: PublishedEvent) => void): MemoryPublisher {
  const published: PublishedEvent[] = [];
  return {
    async publish(definition, detail) {
      const checked = definition.schema.parse(detail);
      // Through JSON, as the bus carries it: a consumer never shares an object with the producer.
      const event = { source: definition.source, detailType: definition.detailType, detail: JSON.parse(JSON.stringify(checked)) };
      published.push(event);
      deliver?.(event);
    },
    published: () => [...published],
  };
}
