import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/** A manager resumed marketing's sends: the tips that waited go out again, each in its lead's send window. */
export const sendingResumed = defineEvent({
  detailType: 'sending.resumed',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    stream: z.literal('marketing'),
    by: z.string(),
    at: z.iso.datetime(),
  }),
});

export type SendingResumed = z.infer<typeof sendingResumed.schema>;
