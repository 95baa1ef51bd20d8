import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { awsClient } from './aws-client.ts';

// Once per process; AWS_ENDPOINT_URL_EVENTBRIDGE points it at the local bus.
export const eventbridge = awsClient(new EventBridgeClient({}));
