import { ConditionalCheckFailedException, DeleteItemCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Claims } from './claims.ts';
import { keys } from './table.ts';

// Long enough to outlive every redelivery AWS makes (EventBridge retries for 24 h, Scheduler for up to 24 h).
const claimDays = 30;

export function dynamoDbClaims(client: DynamoDBClient, tableName: string, now: () => Date): Claims {
  return {
    async claim(purpose, id) {
      const at = now();
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall({ ...keys.claim(purpose, id), entity: 'claim', at: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + claimDays * 86_400 }),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async release(purpose, id) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshall(keys.claim(purpose, id)) }));
    },
  };
}
