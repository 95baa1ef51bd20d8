import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from './aws-client.ts';

// Once per process. The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when set,
// which is how the local runtime and the tests point it at DynamoDB Local.
// A DynamoDB call answers in milliseconds; one that hangs must fail fast enough
// for the SDK's retries to end in a 503 well inside a function's
// 10-second timeout, not in the API's 502 for a timed-out Lambda.
export const dynamodb = awsClient(new DynamoDBClient({ requestHandler: { connectionTimeout: 1_000, requestTimeout: 1_500, throwOnRequestTimeout: true } }));
