import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { memoryLeadStore } from '../../functions/leads/memory-lead-store.ts';
import { dynamoDbRepStore } from '../../functions/reps/dynamodb-rep-store.ts';
import { type MemoryRoster, memoryRepStore } from '../../functions/reps/memory-rep-store.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { leadStoreContract } from './lead-store.contract.ts';

let client: DynamoDBClient;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => client?.destroy());

leadStoreContract('in memory', () => {
  const roster: MemoryRoster = new Map();
  return { leads: memoryLeadStore({ roster }), reps: memoryRepStore(roster) };
});

leadStoreContract('DynamoDB Local', async () => {
  const tableName = `leads-${randomUUID()}`;
  await createTable(client, tableName);
  return { leads: dynamoDbLeadStore(client, tableName), reps: dynamoDbRepStore(client, tableName) };
});
