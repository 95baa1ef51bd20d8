import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { sesEmailSender } from '../../email/email-sender.ts';
import { createTemplateRenderer } from '../../email/render-email.ts';
import { reviewTemplates } from '../../email/templates/review.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { sesv2 } from '../../platform/clients/sesv2.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { dynamoDbClaims, once } from '../../storage/claims.ts';
import { reviewSummary } from '../build-review.ts';
import { lastCompleteWeek } from '../iso-week.ts';
import { loadWeeklyReview } from '../load-review.ts';
import { reviewEmailVariables } from '../review-email.ts';
import { reviewDeps as deps } from '../review-wiring.ts';

const config = readConfig(lambdaFunctions['weekly-review'].settings);
const mailer = sesEmailSender(sesv2, { from: config.SENDER_ADDRESS, configurationSet: config.SES_CONFIGURATION_SET });
const claims = dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now());
const templates = createTemplateRenderer(reviewTemplates);

/**
 * Monday morning: the review of the week that just ended, kept for next
 * week's comparison, and one email per manager with their team (once each,
 * however often the schedule is delivered).
 */
export async function weeklyReviewHandler(): Promise<void> {
  const week = lastCompleteWeek(deps.now(), deps.timeZone);
  const review = await loadWeeklyReview(week, deps);
  await deps.snapshots.put(reviewSummary(review));
  const reps = await deps.reps.list();
  const managers = [...new Set(reps.filter((rep) => rep.active).map((rep) => rep.managerEmail.toLowerCase()))];
  const reportUrl = `${config.PUBLIC_API_URL.replace(/\/$/, '')}/reports/weekly?week=${week}`;
  for (const manager of managers) {
    await once(claims, 'weekly-review', `${week}:${manager}`, async () => {
      const email = templates.render('review/weekly-review', reviewEmailVariables(review, { email: manager }, reps, { reportUrl }, { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS }));
      await mailer.send({ to: manager, ...email, tags: { template: 'weekly-review', week } });
    });
  }
  logger.info('weekly review sent', { week, managers: managers.length, reps: review.reps.length });
}

export const handler = eventHandler(weeklyReviewHandler);
