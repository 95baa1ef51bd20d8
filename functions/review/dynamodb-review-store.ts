import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { keys } from '../storage/table.ts';
import type { ReviewSnapshots, WeekSummary } from './review-store.ts';

export function dynamoDbReviewSnapshots(client: DynamoDBClient, tableName: string): ReviewSnapshots {
  return {
    async get(week) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.reviewSummary(week)) }));
      if (!Item) return undefined;
      const { PK, SK, entity, ...summary } = unmarshall(Item);
      return summary as WeekSummary;
    },
    async put(summary) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...keys.reviewSummary(summary.week), entity: 'review', ...summary }, { removeUndefinedValues: true }) }));
    },
  };
}
