import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { outboundAdapters } from '../../email/outbound-adapters.ts';
import { createTemplateRenderer } from '../../email/render-email.ts';
import { plansTemplates } from '../../email/templates/plans.ts';
import { actionUrls } from '../../handoff/action-links.ts';
import { adapter } from '../../platform/adapter-seam.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { readConfig } from '../../platform/config.ts';
import { StokeError } from '../../platform/errors.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { signingKey } from '../../platform/secrets.ts';
import * as z from '../../platform/zod.ts';
import { dynamoDbRepStore } from '../../reps/dynamodb-rep-store.ts';
import { defaultRoutingPolicy } from '../../routing/default-policy.ts';
import { defaultContactPlans } from '../default-plans.ts';
import { MorningListCall, type MorningListDeps, planMornings, sendMorningList } from '../send-morning-lists.ts';

const config = readConfig(lambdaFunctions['morning-list'].settings);
const deps: MorningListDeps = {
  // Each list schedules the rep's next one: the function is its own schedule target.
  ...outboundAdapters(config, { 'morning-list': config.MORNING_LIST_FUNCTION_ARN }),
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  render: createTemplateRenderer(plansTemplates).render,
  actionUrls: async (subject, now) => actionUrls(config.PUBLIC_API_URL, await signingKey(), subject, now),
  plans: defaultContactPlans,
  businessHours: defaultRoutingPolicy.firstContact.businessHours,
};

/** The daily planning schedule gives nothing; a rep's one-time schedule gives their id and local date. */
const MorningListInput = z.union([
  z.pipe(MorningListCall, z.transform((call) => ({ type: 'send' as const, call }))),
  z.pipe(z.strictObject({}), z.transform(() => ({ type: 'plan' as const }))),
]);

export class MorningPlanningFailedError extends StokeError {
  constructor(repIds: string[]) {
    super('morning-planning-failed', `The next morning list of ${repIds.join(', ')} could not be scheduled; the others were`);
  }
}

/** Daily, the planning of every active rep's next morning list; at a rep's morning, their list (see planMornings, sendMorningList). */
export async function morningListHandler(input: unknown): Promise<void> {
  const run = MorningListInput.parse(input);
  if (run.type === 'send') {
    logger.info('morning list', { ...(await sendMorningList(run.call, deps)) });
    return;
  }
  const { planned, failed } = await planMornings(deps);
  logger.info('morning lists planned', { reps: planned.length, created: planned.filter(({ schedule }) => schedule === 'created').map(({ repId }) => repId), failed });
  // Thrown, so Scheduler retries: the reps planned find their schedules there.
  if (failed.length) throw new MorningPlanningFailedError(failed.map(({ repId }) => repId));
}

export const handler = eventHandler(morningListHandler);
