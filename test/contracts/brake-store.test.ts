import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { dynamoDbBrakeStore } from '../../functions/sending/dynamodb-brake-store.ts';
import { memoryBrakeStore } from '../../functions/sending/memory-brake-store.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { brakeStoreContract } from './brake-store.contract.ts';

let client: DynamoDBClient;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => client?.destroy());

brakeStoreContract('in memory', () => memoryBrakeStore());

brakeStoreContract('DynamoDB Local', async () => {
  const tableName = `brake-${randomUUID()}`;
  await createTable(client, tableName);
  return dynamoDbBrakeStore(client, tableName);
});
