import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { awsClient } from './aws-client.ts';

// Once per process. The endpoint comes from AWS_ENDPOINT_URL_DYNAMODB when set,
// which is how the local runtime and the tests point it at DynamoDB Local.
export const dynamodb = awsClient(new DynamoDBClient({}));
