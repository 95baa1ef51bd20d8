import { defaultContactPlans } from '../plans/default-plans.ts';
import type { PlanSettings } from '../plans/next-step.ts';
import { defaultRoutingPolicy } from '../routing/default-policy.ts';
import { defaultSalesPolicy } from './default-policy.ts';

/** The shipped contact plans, placed in the routing policy's business hours; a queue's steps on the managers' clock, as its deadlines. */
export const defaultPlanSettings: PlanSettings = {
  plans: defaultContactPlans,
  businessHours: defaultRoutingPolicy.firstContact.businessHours,
  managerTimeZone: defaultSalesPolicy.review.timeZone,
};
