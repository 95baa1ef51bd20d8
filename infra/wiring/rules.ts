import type { EventPattern } from 'aws-cdk-lib/aws-events';
import type { FunctionName } from './functions.ts';

export type EventRule = {
  name: string;
  description: string;
  /** `stoke` is Stoke's own bus; `default` receives what AWS services publish (SES events). */
  bus: 'stoke' | 'default';
  pattern: EventPattern;
  target: FunctionName;
};

/** Which events reach which function: the CDK stack declares these, the local bus matches the same. */
export const eventRules: readonly EventRule[] = [];
