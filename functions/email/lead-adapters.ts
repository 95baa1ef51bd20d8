import type { FunctionName, trackSettings } from '../../infra/wiring/functions.ts';
import type * as z from '../platform/zod.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamoDbFigureStore } from '../marketing/dynamodb-figure-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { scheduler } from '../platform/clients/scheduler.ts';
import { clock } from '../platform/clock.ts';
import { eventBridgeSchedules } from '../schedules/eventbridge-schedules.ts';
import { dynamoDbClaims } from '../storage/dynamodb-claims.ts';
import { dynamoDbBrakeStore } from '../sending/dynamodb-brake-store.ts';
import { adapter } from '../platform/adapter-seam.ts';

/**
 * The lead store, claims, schedules and figures of outboundAdapters without the mailer:
 * a function that changes a lead's track but never emails (engagement, email
 * preferences) bundles neither the SES client nor the templates.
 */
export function leadAdapters(config: Omit<z.infer<typeof trackSettings>, 'NURTURE_STEP_FUNCTION_ARN'>, targets: Partial<Record<FunctionName, string>>) {
  return {
    leads: adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME)),
    claims: adapter('claims', () => dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now())),
    schedules: adapter('schedules', () => eventBridgeSchedules(scheduler, {
      group: config.SCHEDULE_GROUP,
      create: { roleArn: config.SCHEDULER_ROLE_ARN, deadLetterArn: config.SCHEDULER_DEAD_LETTER_ARN, targets },
    })),
    figures: adapter('figures', () => dynamoDbFigureStore(dynamodb, config.TABLE_NAME, () => clock.now())),
    brake: adapter('brake', () => dynamoDbBrakeStore(dynamodb, config.TABLE_NAME)),
    now: () => clock.now(),
  };
}
