import { ConditionalCheckFailedException, DeleteItemCommand, type DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { keys } from '../storage/table.ts';
import type { BrakeState, BrakeStore, Held } from './brake-store.ts';

/**
 * The brake as one item per stream and one per waiting lead, in the stream's
 * own partition. Pausing and resuming are conditional writes on the state
 * item, so of two callers exactly one wins.
 */
export function dynamoDbBrakeStore(client: DynamoDBClient, tableName: string): BrakeStore {
  async function conditionalPut(item: Record<string, unknown>, condition: string, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#status': 'status' },
          ...(values ? { ExpressionAttributeValues: marshall(values) } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
  return {
    async state(stream) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.brake(stream)), ConsistentRead: true }));
      return Item ? (unmarshall(Item).state as BrakeState) : { status: 'running' };
    },
    async pause(stream, paused) {
      const state: BrakeState = { status: 'paused', paused };
      const won = await conditionalPut({ ...keys.brake(stream), entity: 'brake', status: state.status, state }, 'attribute_not_exists(PK) OR #status = :running', { ':running': 'running' });
      return won ? 'paused' : 'already paused';
    },
    async resume(stream, by, at) {
      const current = await this.state(stream);
      if (current.status !== 'paused') return 'not paused';
      const state: BrakeState = { status: 'running', resumed: { by, at, paused: current.paused } };
      const won = await conditionalPut({ ...keys.brake(stream), entity: 'brake', status: state.status, state }, '#status = :paused', { ':paused': 'paused' });
      return won ? 'resumed' : 'not paused';
    },
    async hold(stream, held) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...keys.held(stream, held.leadId), entity: 'held', held }) }));
    },
    async held(stream) {
      const held: Held[] = [];
      let from: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'PK = :pk AND begins_with(SK, :held)',
            ExpressionAttributeValues: marshall({ ':pk': keys.brakePartition(stream), ':held': keys.heldPrefix }),
            ConsistentRead: true,
            ...(from ? { ExclusiveStartKey: marshall(from) } : {}),
          }),
        );
        held.push(...(page.Items ?? []).map((item) => unmarshall(item).held as Held));
        from = page.LastEvaluatedKey && unmarshall(page.LastEvaluatedKey);
      } while (from);
      return held.sort((a, b) => a.at.localeCompare(b.at) || a.leadId.localeCompare(b.leadId));
    },
    async release(stream, leadId) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshall(keys.held(stream, leadId)) }));
    },
  };
}
