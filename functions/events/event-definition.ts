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
