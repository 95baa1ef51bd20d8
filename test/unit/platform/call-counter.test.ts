import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { callCounts, countCalls, resetCallCounts } from '../../../functions/platform/call-counter.ts';
import { dynamoDbRepStore } from '../../../functions/reps/dynamodb-rep-store.ts';
import { createTable } from '../../../infra/local/dynamodb-local.ts';

const tableName = `call-counter-${crypto.randomUUID()}`;
const options = () => ({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
let counted: DynamoDBClient;
let plain: DynamoDBClient;

beforeAll(async () => {
  plain = new DynamoDBClient(options());
  await createTable(plain, tableName);
  counted = countCalls(new DynamoDBClient(options()), { STOKE_COUNT_AWS_CALLS: '1' });
});
afterAll(() => {
  counted?.destroy();
  plain?.destroy();
});
beforeEach(() => resetCallCounts());

const rep = (repId: string) => ({
  repId,
  name: 'Ada Byrne',
  email: `${repId}@stoke.example`,
  managerEmail: 'boss@stoke.example',
  team: 'field',
  territories: [{ country: 'IE' }],
  active: true,
  capacity: 10,
  weight: 1,
  timezone: 'Europe/Dublin',
});

describe('the AWS call counter', () => {
  it('counts each call of the rep store by service and operation, with the capacity units DynamoDB reports', async () => {
    const store = dynamoDbRepStore(counted, tableName);
    // Known calls: 2 PutItem (one refused by its condition), 3 GetItem (strongly consistent), 1 Query.
    expect(await store.create(rep('ada'), 0)).toBe('created');
    expect(await store.create(rep('ada'), 0)).toBe('exists');
    await store.get('ada');
    await store.get('ada');
    await store.get('nobody');
    await store.list();

    const counts = callCounts();
    expect(counts.map(({ service, operation, count }) => ({ service, operation, count }))).toEqual([
      { service: 'DynamoDB', operation: 'GetItem', count: 3 },
      { service: 'DynamoDB', operation: 'PutItem', count: 2 },
      { service: 'DynamoDB', operation: 'Query', count: 1 },
    ]);
    const get = counts.find((c) => c.operation === 'GetItem')!;
    // A strongly consistent read of a small item is one read unit, a miss too.
    expect(get.readUnits).toBe(3);
    expect(get.writeUnits).toBe(0);
    const put = counts.find((c) => c.operation === 'PutItem')!;
    // The successful write consumed one unit; the refused one is counted as a call, its units unreported.
    expect(put.writeUnits).toBeGreaterThanOrEqual(1);
    expect(put.readUnits).toBe(0);
    expect(counts.find((c) => c.operation === 'Query')!.readUnits).toBeGreaterThan(0);
  });

  it('adds nothing to a client when counting is off, and leaves the request as it was', async () => {
    const untouched = countCalls(new DynamoDBClient(options()), {});
    await dynamoDbRepStore(untouched, tableName).get('ada');
    untouched.destroy();
    expect(callCounts()).toEqual([]);
  });
});
