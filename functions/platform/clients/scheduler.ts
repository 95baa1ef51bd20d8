import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { awsClient } from './aws-client.ts';

// Once per process; AWS_ENDPOINT_URL_SCHEDULER points it at the local scheduler.
export const scheduler = awsClient(new SchedulerClient({}));
