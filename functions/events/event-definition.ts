import type * as z from '../platform/zod.ts';

/** Source of every event Stoke publishes on its own bus. */
export const stokeSource = 'stoke.leads';

/**
 * One event of the catalog: the `detail-type`, its version and the schema of
 * its `detail`. Producers, consumers, CDK rules and the local runtime import
 * the same object, so they cannot disagree on a name or a shape.
 */
export type EventDefinition<Schema extends z.ZodMiniType = z.ZodMiniType> = {
  readonly detailType: string;
  readonly source: string;
  readonly version: number;
  readonly schema: Schema;
};

export type EventDetail<Definition extends EventDefinition> = z.infer<Definition['schema']>;

export function defineEvent<Schema extends z.ZodMiniType>(
  definition: EventDefinition<Schema>,
): EventDefinition<Schema> {
  return definition;
}

/**
 * The detail of an event that is one of `definitions`, parsed by that event's
 * own schema: a consumer of several events names them, and any other
 * detail-type is an error (EventBridge retries, then dead-letters it).
 */
export function parseDetail<const Definitions extends readonly EventDefinition[]>(
  event: { 'detail-type': string; detail: unknown },
  ...definitions: Definitions
): EventDetail<Definitions[number]> {
  const definition = definitions.find((candidate) => candidate.detailType === event['detail-type']);
  if (!definition) throw new Error(`Expected an event of ${definitions.map((d) => d.detailType).join(' or ')}, got ${event['detail-type']}`);
  return definition.schema.parse(event.detail) as EventDetail<Definitions[number]>;
}
