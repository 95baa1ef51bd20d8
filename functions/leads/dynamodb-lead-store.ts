import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import { DependencyUnavailableError } from '../platform/errors.ts';
import { keys } from '../storage/table.ts';
import type { HistoryEntry } from './history.ts';
import type { Lead } from './lead.ts';
import type { LeadStore, SpamSubmission } from './lead-store.ts';

const toItem = (value: object) => marshall(value, { removeUndefinedValues: true });

/** LeadStore on Stoke's single DynamoDB table; key design in storage/table.ts. */
export function dynamoDbLeadStore(client: DynamoDBClient, tableName: string): LeadStore {
  const leadItem = (lead: Lead) =>
    toItem({ ...keys.lead(lead.leadId), ...keys.capturedOn(lead.leadId, lead.capturedAt), entity: 'lead', temperature: lead.score.temperature, ...lead });

  const historyPut = (leadId: string, entry: HistoryEntry) => ({
    Put: {
      TableName: tableName,
      Item: toItem({ ...keys.history(leadId, entry.at, randomUUID().slice(0, 8)), entity: 'history', leadId, ...entry }),
    },
  });

  async function getLead(leadId: string): Promise<Lead | undefined> {
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tableName, Key: toItem(keys.lead(leadId)), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { PK, SK, GSI2PK, GSI2SK, entity, temperature, ...lead } = unmarshall(Item);
    return lead as Lead;
  }

  return {
    async insert(lead, entry) {
      try {
        await transact([
          {
            Put: {
              TableName: tableName,
              Item: toItem({ ...keys.email(lead.email), entity: 'email', leadId: lead.leadId }),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          { Put: { TableName: tableName, Item: leadItem(lead), ConditionExpression: 'attribute_not_exists(PK)' } },
          historyPut(lead.leadId, entry),
        ]);
        return 'inserted';
      } catch (error) {
        if (conditionFailed(error, 0)) return 'exists';
        throw error;
      }
    },

    async findByEmail(email) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: toItem(keys.email(email)), ConsistentRead: true }),
      );
      return Item ? getLead(String(unmarshall(Item).leadId)) : undefined;
    },

    async update(lead, expectedVersion, entry) {
      try {
        await transact([
          {
            Update: {
              TableName: tableName,
              Key: toItem(keys.lead(lead.leadId)),
              ConditionExpression: 'version = :expected',
              UpdateExpression:
                'SET profile = :profile, lastTouch = :lastTouch, signals = :signals, score = :score, ' +
                'temperature = :temperature, updatedAt = :updatedAt, version = :version' +
                (lead.consent ? ', consent = :consent' : ''),
              ExpressionAttributeValues: toItem({
                ':expected': expectedVersion,
                ':profile': lead.profile,
                ':lastTouch': lead.lastTouch,
                ':signals': lead.signals,
                ':score': lead.score,
                ':temperature': lead.score.temperature,
                ':updatedAt': lead.updatedAt,
                ':version': lead.version,
                ...(lead.consent ? { ':consent': lead.consent } : {}),
              }),
            },
          },
          historyPut(lead.leadId, entry),
        ]);
        return 'updated';
      } catch (error) {
        if (conditionFailed(error, 0) || conflicted(error)) return 'stale';
        throw error;
      }
    },

    async markAnnounced(leadId, at) {
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: toItem(keys.lead(leadId)),
          ConditionExpression: 'attribute_exists(PK)',
          UpdateExpression: 'SET announcedAt = :at',
          ExpressionAttributeValues: toItem({ ':at': at }),
        }),
      );
    },

    async putSpam(submission: SpamSubmission) {
      await client.send(
        new PutItemCommand({
          TableName: tableName,
          Item: toItem({ ...keys.spam(submission.submissionId), entity: 'spam', ...submission }),
        }),
      );
    },
  };

  async function transact(items: NonNullable<TransactWriteItemsCommand['input']['TransactItems']>) {
    // Two identical submissions racing each other cancel with TransactionConflict; a short retry
    // lets the loser see the winner's write and take the "exists" path instead of failing.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return;
      } catch (error) {
        if (error instanceof TransactionCanceledException && reasonCodes(error).includes('ThrottlingError')) {
          throw new DependencyUnavailableError('DynamoDB', error);
        }
        if (!conflicted(error) || attempt === 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
    }
  }
}

function reasonCodes(error: TransactionCanceledException): string[] {
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}

function conditionFailed(error: unknown, index: number): boolean {
  return error instanceof TransactionCanceledException && reasonCodes(error)[index] === 'ConditionalCheckFailed';
}

function conflicted(error: unknown): boolean {
  return error instanceof TransactionCanceledException && reasonCodes(error).includes('TransactionConflict');
}
