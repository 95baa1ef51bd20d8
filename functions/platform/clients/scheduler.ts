import { SchedulerClient } from '@aws-sdk/client-scheduler';

// Once per process; AWS_ENDPOINT_URL_SCHEDULER points it at the local scheduler.
export const scheduler = new SchedulerClient({});
