import * as z from '../platform/zod.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { clock } from '../platform/clock.ts';
import { readConfig } from '../platform/config.ts';
import { isTimeZone } from '../platform/time-zones.ts';
import { dynamoDbRepStore } from '../reps/dynamodb-rep-store.ts';
import { defaultRoutingPolicy } from '../routing/default-policy.ts';
import { defaultSalesPolicy } from '../sales/default-policy.ts';
import type { ReviewDeps } from './load-review.ts';
import { dynamoDbReviewSnapshots } from './review-store.ts';

const config = readConfig(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(1)),
    /** Where "Monday morning" and the week's bounds are. */
    REVIEW_TIME_ZONE: z._default(z.string().check(z.refine(isTimeZone, 'must be an IANA time zone')), 'Europe/Berlin'),
  }),
);

export const reviewDeps: ReviewDeps = {
  leads: dynamoDbLeadStore(dynamodb, config.TABLE_NAME),
  reps: dynamoDbRepStore(dynamodb, config.TABLE_NAME),
  snapshots: dynamoDbReviewSnapshots(dynamodb, config.TABLE_NAME),
  policy: defaultSalesPolicy,
  businessHours: defaultRoutingPolicy.firstContact.businessHours,
  timeZone: config.REVIEW_TIME_ZONE,
  now: () => clock.now(),
};
