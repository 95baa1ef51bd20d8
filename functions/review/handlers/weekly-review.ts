import { lambdaFunctions } from '../../../infra/wiring/functions.ts';
import { sesEmailSender } from '../../email/ses-email-sender.ts';
import { createTemplateRenderer } from '../../email/render-email.ts';
import { reviewTemplates } from '../../email/templates/review.ts';
import { dynamodb } from '../../platform/clients/dynamodb.ts';
import { sesv2 } from '../../platform/clients/sesv2.ts';
import { clock } from '../../platform/clock.ts';
import { readConfig } from '../../platform/config.ts';
import { eventHandler } from '../../platform/lambda-handler.ts';
import { logger } from '../../platform/observability.ts';
import { dynamoDbClaims } from '../../storage/dynamodb-claims.ts';
import { reviewDeps } from '../review-wiring.ts';
import { sendWeeklyReview, type WeeklyReviewDeps } from '../send-weekly-review.ts';
import { adapter } from '../../platform/adapter-seam.ts';

const config = readConfig(lambdaFunctions['weekly-review'].settings);
const deps: WeeklyReviewDeps = {
  ...reviewDeps,
  claims: adapter('claims', () => dynamoDbClaims(dynamodb, config.TABLE_NAME, () => clock.now())),
  mailer: adapter('mailer', () => sesEmailSender(sesv2, { from: config.SENDER_ADDRESS })),
  templates: createTemplateRenderer(reviewTemplates),
  settings: { deskUrl: config.DESK_URL, company: { name: config.COMPANY_NAME, postalAddress: config.COMPANY_POSTAL_ADDRESS } },
};

/** Monday morning: last week's review, kept, and one email per manager (see sendWeeklyReview). */
export async function weeklyReviewHandler(): Promise<void> {
  logger.info('weekly review sent', await sendWeeklyReview(deps));
}

export const handler = eventHandler(weeklyReviewHandler);
