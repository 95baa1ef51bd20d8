import { EventBridgeClient } from '@aws-sdk/client-eventbridge';

// Once per process; AWS_ENDPOINT_URL_EVENTBRIDGE points it at the local bus.
export const eventbridge = new EventBridgeClient({});
