import { randomUUID } from 'node:crypto';
import { DynamoDBClient, TransactionCanceledException, type TransactWriteItemsCommandInput } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { dynamoDbFigureStore } from '../../functions/marketing/dynamodb-figure-store.ts';
import { memoryFigureStore } from '../../functions/marketing/memory-figure-store.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { figureStoreContract } from './figure-store.contract.ts';

const at = new Date('2026-11-24T09:00:00.000Z');
let client: DynamoDBClient;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // DynamoDB cancels transactions that overlap on an item, or that it throttles; DynamoDB Local runs them one
  // after the other and never does. Every third transaction is cancelled here as DynamoDB would, so the
  // contract's concurrent tallies prove the adapter tries again.
  let transactions = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand' || ++transactions % 3 !== 0) return next(args);
      const { TransactItems = [] } = args.input as TransactWriteItemsCommandInput;
      const reason = transactions % 2 === 0 ? 'TransactionConflict' : 'ThrottlingError';
      throw new TransactionCanceledException({ message: `Transaction cancelled [${reason}]`, $metadata: {}, CancellationReasons: TransactItems.map((_, index) => ({ Code: index === 1 ? reason : 'None' })) });
    },
    { step: 'initialize' },
  );
});
afterAll(() => client?.destroy());

figureStoreContract('in memory', () => memoryFigureStore());

figureStoreContract('DynamoDB Local', async () => {
  const tableName = `figures-${randomUUID()}`;
  await createTable(client, tableName);
  return dynamoDbFigureStore(client, tableName, () => at);
});
