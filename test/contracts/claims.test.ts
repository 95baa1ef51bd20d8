import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { dynamoDbClaims } from '../../functions/storage/dynamodb-claims.ts';
import { memoryClaims } from '../../functions/storage/memory-claims.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { claimsContract } from './claims.contract.ts';

const at = new Date('2026-11-24T09:00:00.000Z');
let client: DynamoDBClient;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => client?.destroy());

claimsContract('in memory', () => memoryClaims());

claimsContract('DynamoDB Local', async () => {
  const tableName = `claims-${randomUUID()}`;
  await createTable(client, tableName);
  return dynamoDbClaims(client, tableName, () => at);
});
