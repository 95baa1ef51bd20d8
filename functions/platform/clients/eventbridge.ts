import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { countCalls } from '../call-counter.ts';

// Once per process; AWS_ENDPOINT_URL_EVENTBRIDGE points it at the local bus.
export const eventbridge = countCalls(new EventBridgeClient({}));
