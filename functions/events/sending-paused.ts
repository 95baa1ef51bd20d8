import * as z from '../platform/zod.ts';
import { defineEvent, stokeSource } from './event-definition.ts';

const Rate = z.object({ count: z.number(), rate: z.number(), threshold: z.number() });

/** Marketing's bounces or complaints crossed the brake's threshold: its sends wait until a manager resumes them. */
export const sendingPaused = defineEvent({
  detailType: 'sending.paused',
  source: stokeSource,
  version: 1,
  schema: z.object({
    version: z.literal(1),
    stream: z.literal('marketing'),
    because: z.enum(['bounces', 'complaints']),
    sends: z.number(),
    bounces: Rate,
    complaints: Rate,
    windowDays: z.number(),
    at: z.iso.datetime(),
  }),
});

export type SendingPaused = z.infer<typeof sendingPaused.schema>;
