import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { dynamoDbRepStore } from '../../functions/reps/dynamodb-rep-store.ts';
import { memoryRepStore } from '../../functions/reps/memory-rep-store.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { repStoreContract } from './rep-store.contract.ts';

let client: DynamoDBClient;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => client?.destroy());

repStoreContract('in memory', () => memoryRepStore());

repStoreContract('DynamoDB Local', async () => {
  const tableName = `reps-${randomUUID()}`;
  await createTable(client, tableName);
  return dynamoDbRepStore(client, tableName);
});
