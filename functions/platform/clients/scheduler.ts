import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { countCalls } from '../call-counter.ts';

// Once per process; AWS_ENDPOINT_URL_SCHEDULER points it at the local scheduler.
export const scheduler = countCalls(new SchedulerClient({}));
