import {
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  paginateQuery,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { indexNames, keys } from '../storage/table.ts';
import type { RepFocus, RepStore, StoredRep } from './rep-store.ts';

export function dynamoDbRepStore(client: DynamoDBClient, tableName: string): RepStore {
  const fromItem = (item: Record<string, unknown>): StoredRep => {
    const { PK, SK, GSI2PK, GSI2SK, entity, ...rep } = unmarshall(item as never);
    return rep as StoredRep;
  };

  return {
    async get(repId) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.rep(repId)), ConsistentRead: true }));
      return Item ? fromItem(Item) : undefined;
    },

    async list() {
      const reps: StoredRep[] = [];
      const pages = paginateQuery(
        { client },
        {
          TableName: tableName,
          IndexName: indexNames.roster,
          KeyConditionExpression: 'GSI2PK = :roster',
          ExpressionAttributeValues: marshall({ ':roster': keys.rosterPartition }),
        },
      );
      for await (const page of pages) reps.push(...(page.Items ?? []).map(fromItem));
      return reps;
    },

    async create(rep, assignedCount) {
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: marshall({ ...keys.rep(rep.repId), ...keys.roster(rep.repId), entity: 'rep', ...rep, assignedCount, version: 1 }, { removeUndefinedValues: true }),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return 'created';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'exists';
        throw error;
      }
    },

    async setFocus(focus) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...keys.focus(focus.repId, focus.week), entity: 'focus', ...focus }) }));
    },

    async focusOf(repId, week) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.focus(repId, week)), ConsistentRead: true }));
      if (!Item) return undefined;
      const { PK, SK, entity, ...focus } = unmarshall(Item);
      return focus as RepFocus;
    },

    async update(rep, expectedVersion) {
      // The roster fields only: assignedCount moves with assignments, in their own transactions.
      const fields = Object.entries(rep).filter(([name, value]) => name !== 'repId' && value !== undefined);
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: marshall(keys.rep(rep.repId)),
            ConditionExpression: 'version = :expected',
            UpdateExpression: `SET ${fields.map(([name]) => `#${name} = :${name}`).join(', ')}, version = :next`,
            ExpressionAttributeNames: Object.fromEntries(fields.map(([name]) => [`#${name}`, name])),
            ExpressionAttributeValues: marshall(
              { ...Object.fromEntries(fields.map(([name, value]) => [`:${name}`, value])), ':expected': expectedVersion, ':next': expectedVersion + 1 },
              { removeUndefinedValues: true },
            ),
          }),
        );
        return 'updated';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'stale';
        throw error;
      }
    },
  };
}
