import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { dynamoDbReviewSnapshots } from '../../functions/review/dynamodb-review-store.ts';
import { memoryReviewSnapshots } from '../../functions/review/memory-review-snapshots.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { reviewSnapshotsContract } from './review-snapshots.contract.ts';

let client: DynamoDBClient;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => client?.destroy());

reviewSnapshotsContract('in memory', () => memoryReviewSnapshots());

reviewSnapshotsContract('DynamoDB Local', async () => {
  const tableName = `reviews-${randomUUID()}`;
  await createTable(client, tableName);
  return dynamoDbReviewSnapshots(client, tableName);
});
