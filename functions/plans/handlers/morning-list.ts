import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { createTemplateRenderer } from '../../email/render-email.ts';
import { sesEmailSender } from '../../email/ses-email-sender.ts';
import { plansTemplates } from '../../email/templates/plans.ts';
import { actionUrls } from '../../handoff/action-links.ts';
import { dynamoDbLeadStore } from '../../leads/dynamodb-lead-store.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { sesv2 } from '../../platform/clients/sesv2.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { StokeError } from '../../platform/errors.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { signingKey } from '../../platform/secrets.ts';
import { dynamoDbRepStore } from '../../reps/dynamodb-rep-store.ts';
import { defaultRoutingPolicy } from '../../routing/default-policy.ts';
import { dynamoDbClaims } from '../../storage/dynamodb-claims.ts';
import { defaultContactPlans } from '../default-plans.ts';
import { type MorningListDeps, sendMorningLists } from '../send-morning-lists.ts';

const config = readConfig(lambdaFunctions['morning-list'].settings);
// Built here rather than by outboundAdapters: the morning list schedules nothing, so it has no scheduler settings.
const deps: MorningListDeps = {
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  leads: adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME)),
  claims: adapter('claims', () => dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now())),
  mailer: adapter('mailer', () => sesEmailSender(sesv2, { from: config.SENDER_ADDRESS, configurationSet: config.SES_CONFIGURATION_SET })),
  render: createTemplateRenderer(plansTemplates).render,
  actionUrls: async (subject, now) => actionUrls(config.PUBLIC_API_URL, await signingKey(), subject, now),
  plans: defaultContactPlans,
  businessHours: defaultRoutingPolicy.firstContact.businessHours,
  company: { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS },
  now: () => clock.now(),
};

export class MorningListsFailedError extends StokeError {
  constructor(repIds: string[]) {
    super('morning-lists-failed', `The morning list of ${repIds.join(', ')} could not be sent; the others were`);
  }
}

/** Hourly at half past: the morning list of each rep whose working morning it is, once a day (see sendMorningLists). */
export async function morningListHandler(): Promise<void> {
  const sweep = await sendMorningLists(deps);
  if (sweep.sent.length || sweep.failed.length) logger.info('morning lists sent', { ...sweep });
  // Thrown, so Scheduler retries: the reps served hold their claims and are not emailed again.
  if (sweep.failed.length) throw new MorningListsFailedError(sweep.failed.map(({ repId }) => repId));
}

export const handler = eventHandler(morningListHandler);
