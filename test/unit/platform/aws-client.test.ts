import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { awsClient } from '../../../functions/platform/clients/aws-client.ts';

const loggers = (client: DynamoDBClient) => client.middlewareStack.identify().filter((name) => name.startsWith('loggerMiddleware'));

describe('awsClient', () => {
  it('takes the SDK logger middleware out of the client (an SDK that renamed it would fail here, not quietly cost CPU again)', () => {
    expect(loggers(new DynamoDBClient({ region: 'us-east-1' }))).toHaveLength(1);
    expect(loggers(awsClient(new DynamoDBClient({ region: 'us-east-1' })))).toEqual([]);
  });
});
