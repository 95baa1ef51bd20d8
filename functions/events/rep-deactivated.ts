import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

/** A rep stopped taking leads: every open lead they own must find a new owner. */
export const repDeactivated = defineEvent({
  detailType: 'rep.deactivated',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    repId: z.string(),
    at: z.iso.datetime(),
  }),
});

export type RepDeactivated = z.infer<typeof repDeactivated.schema>;
