import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger, publishBusinessMetric } from '../../platform/observability.ts';
import { dynamoDbRepStore } from '../../reps/dynamodb-rep-store.ts';
import { defaultRoutingPolicy } from '../../routing/default-policy.ts';
import { defaultSalesPolicy } from '../../sales/default-policy.ts';
import { type FirstContactWatchDeps, type OverdueFirstContacts, watchFirstContacts } from '../overdue-first-contacts.ts';

const config = readConfig(lambdaFunctions['first-contact-watch'].settings);
const deps: FirstContactWatchDeps = {
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  leads: adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME)),
  fallbackQueue: defaultRoutingPolicy.fallback.queue,
  clock: { businessHours: defaultRoutingPolicy.firstContact.businessHours, managerTimeZone: defaultSalesPolicy.review.timeZone },
  now: () => clock.now(),
};

/**
 * Every 15 minutes: how long the most overdue hot lead has waited for its
 * first contact, published as OldestOverdueFirstContactMinutes (0 when none
 * waits), which the stoke-first-contact-overdue alarm watches.
 */
export async function firstContactWatchHandler(): Promise<OverdueFirstContacts> {
  const overdue = await watchFirstContacts(deps);
  publishBusinessMetric('oldestOverdueFirstContactMinutes', overdue.minutes);
  if (overdue.overdueLeads > 0) logger.info('hot leads overdue for first contact', { ...overdue });
  return overdue;
}

export const handler = eventHandler(firstContactWatchHandler);
