import type { EventDefinition, EventDetail } from './event-definition.ts';

export type EventPublisher = {
  /** Publishes one event of the catalog after checking its detail against the schema. */
  publish<Definition extends EventDefinition>(definition: Definition, detail: EventDetail<Definition>): Promise<void>;
};
