import { BatchGetItemCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { DependencyUnavailableError } from '../../functions/platform/errors.ts';
import { keys } from '../../functions/storage/table.ts';

// BatchGetItem leaving keys unprocessed (throttling, the 16 MB answer limit) cannot be provoked on DynamoDB Local.
const dynamodb = mockClient(DynamoDBClient);
afterEach(() => dynamodb.reset());

const ids = ['a', 'b', 'c'];
const item = (leadId: string) => marshall({ ...keys.lead(leadId), entity: 'lead', leadId, email: `${leadId}@example.com`, capturedAt: '2026-12-01T09:00:00.000Z', version: 1 });
const indexKeys = ids.map((leadId) => marshall(keys.lead(leadId)));

describe('reading the leads of a day', () => {
  it('asks again for the keys BatchGetItem left unprocessed, keeping the index order', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: indexKeys });
    dynamodb
      .on(BatchGetItemCommand)
      .resolvesOnce({ Responses: { leads: [item('c'), item('a')] }, UnprocessedKeys: { leads: { Keys: [indexKeys[1]!] } } })
      .resolvesOnce({ Responses: { leads: [item('b')] } });

    const leads = await dynamoDbLeadStore(new DynamoDBClient({}), 'leads').capturedBetween('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z');

    expect(leads.map((lead) => lead.leadId)).toEqual(['a', 'b', 'c']);
    expect(dynamodb.commandCalls(BatchGetItemCommand)[1]!.args[0].input.RequestItems).toEqual({ leads: { Keys: [indexKeys[1]] } });
  });

  it('fails as unavailable, to be retried, when keys stay unprocessed', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: indexKeys });
    dynamodb.on(BatchGetItemCommand).resolves({ Responses: { leads: [] }, UnprocessedKeys: { leads: { Keys: indexKeys } } });

    await expect(dynamoDbLeadStore(new DynamoDBClient({}), 'leads').capturedBetween('2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(dynamodb.commandCalls(BatchGetItemCommand)).toHaveLength(8);
  }, 30_000);
});
