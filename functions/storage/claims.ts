import { ConditionalCheckFailedException, DeleteItemCommand, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { keys } from './table.ts';

/**
 * Once-only work under at-least-once delivery: whoever claims an id first
 * does the work (sends the email); a redelivery finds the claim and skips it.
 */
export type Claims = {
  claim(purpose: string, id: string): Promise<boolean>;
  /** Gives the claim back when the work failed, so a retry can do it. */
  release(purpose: string, id: string): Promise<void>;
};

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

/** Does `work` unless it was already done under this claim; a failed attempt gives the claim back for the retry. */
export async function once(claims: Claims, purpose: string, id: string, work: () => Promise<void>): Promise<void> {
  if (!(await claims.claim(purpose, id))) return;
  try {
    await work();
  } catch (error) {
    await claims.release(purpose, id);
    throw error;
  }
}
