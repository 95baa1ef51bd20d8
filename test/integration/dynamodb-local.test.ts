import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { expect, inject, test } from 'vitest';
import { createTable, startDynamoDbLocal } from '../../infra/local/dynamodb-local.ts';
import { tableDefinition } from '../../functions/storage/table.ts';

const localClient = (endpoint: string) =>
  new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

const keySchema = (partitionKey: string, sortKey: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  { AttributeName: sortKey, KeyType: 'RANGE' },
];

test('createTable builds the key design of tableDefinition, with TTL on', async () => {
  const client = localClient(inject('dynamodbEndpoint'));
  const tableName = `stoke-${randomUUID()}`;

  await createTable(client, tableName);
  await createTable(client, tableName); // a second call on an existing table is a no-op

  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  expect(Table?.KeySchema).toEqual(keySchema(tableDefinition.partitionKey, tableDefinition.sortKey));
  expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  const indexes = Table?.GlobalSecondaryIndexes?.map(({ IndexName, KeySchema, Projection }) => ({
    IndexName,
    KeySchema,
    Projection,
  }));
  expect(indexes?.sort((a, b) => a.IndexName!.localeCompare(b.IndexName!))).toEqual(
    tableDefinition.indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: index.projection },
    })),
  );

  const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  expect(TimeToLiveDescription).toEqual({
    TimeToLiveStatus: 'ENABLED',
    AttributeName: tableDefinition.timeToLiveAttribute,
  });
});

test('startDynamoDbLocal with dbPath keeps items across a restart', { timeout: 60_000 }, async () => {
  const dbPath = await mkdtemp(join(tmpdir(), 'stoke-dynamodb-'));
  const item = { PK: { S: 'LEAD#1' }, SK: { S: 'PROFILE' }, name: { S: 'Ada' } };
  try {
    const first = await startDynamoDbLocal({ dbPath });
    try {
      const client = localClient(first.endpoint);
      await createTable(client, 'stoke');
      await client.send(new PutItemCommand({ TableName: 'stoke', Item: item }));
    } finally {
      await first.stop();
    }

    const second = await startDynamoDbLocal({ dbPath });
    try {
      const { Item } = await localClient(second.endpoint).send(
        new GetItemCommand({ TableName: 'stoke', Key: { PK: item.PK, SK: item.SK } }),
      );
      expect(Item).toEqual(item);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dbPath, { recursive: true, force: true });
  }
});
