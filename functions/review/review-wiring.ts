import { reviewSettings } from '../../infra/wiring/functions.ts';
import { dynamoDbLeadStore } from '../leads/dynamodb-lead-store.ts';
import { dynamodb } from '../platform/clients/dynamodb.ts';
import { clock } from '../platform/clock.ts';
import { readConfig } from '../platform/config.ts';
import { dynamoDbRepStore } from '../reps/dynamodb-rep-store.ts';
import { defaultRoutingPolicy } from '../routing/default-policy.ts';
import { defaultSalesPolicy } from '../sales/default-policy.ts';
import type { ReviewDeps } from './load-review.ts';
import { dynamoDbReviewSnapshots } from './dynamodb-review-store.ts';
import { adapter } from '../platform/adapter-seam.ts';

// Part of the settings of every function that imports this (review-report, weekly-review).
const config = readConfig(reviewSettings);

export const reviewDeps: ReviewDeps = {
  leads: adapter('leads', () => dynamoDbLeadStore(dynamodb, config.TABLE_NAME)),
  reps: adapter('reps', () => dynamoDbRepStore(dynamodb, config.TABLE_NAME)),
  snapshots: adapter('snapshots', () => dynamoDbReviewSnapshots(dynamodb, config.TABLE_NAME)),
  policy: defaultSalesPolicy,
  businessHours: defaultRoutingPolicy.firstContact.businessHours,
  timeZone: config.REVIEW_TIME_ZONE,
  now: () => clock.now(),
};
