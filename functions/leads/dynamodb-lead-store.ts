import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  paginateQuery,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import { backoff } from '../platform/backoff.ts';
import { DependencyUnavailableError } from '../platform/errors.ts';
import { indexNames, keys, type OwnedState } from '../storage/table.ts';
import type { HistoryEntry } from './history.ts';
import type { EmailSignal, Lead } from './lead.ts';
import type { LeadStore, SpamSubmission } from './lead-store.ts';
import { ownerIndexOf } from './owner-index.ts';

const toItem = (value: object) => marshall(value, { removeUndefinedValues: true });

/** LeadStore on Stoke's single DynamoDB table; key design in storage/table.ts. */
export function dynamoDbLeadStore(client: DynamoDBClient, tableName: string): LeadStore {
  const leadItem = (lead: Lead) =>
    toItem({
      ...keys.lead(lead.leadId),
      ...keys.capturedOn(lead.leadId, lead.capturedAt),
      ...ownerIndexOf(lead),
      entity: 'lead',
      temperature: lead.score.temperature,
      ...lead,
    });

  const fromItem = (item: Record<string, unknown>): Lead => {
    // GSI2 keys: leads stored before leads by day moved to GSI3; dropped here, they leave GSI2 on the next save.
    const { PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK, entity, temperature, ...lead } = unmarshall(item as never);
    return lead as Lead;
  };

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
    return Item ? fromItem(Item) : undefined;
  }

  return {
    get: getLead,

    async save(lead, expectedVersion, entries, rotation) {
      try {
        await transact([
          { Put: { TableName: tableName, Item: leadItem(lead), ConditionExpression: 'version = :expected', ExpressionAttributeValues: toItem({ ':expected': expectedVersion }) } },
          ...entries.map((entry) => historyPut(lead.leadId, entry)),
          ...(rotation
            ? [
                {
                  Update: {
                    TableName: tableName,
                    Key: toItem(keys.rep(rotation.repId)),
                    ConditionExpression: 'assignedCount = :seen',
                    UpdateExpression: 'SET assignedCount = :next',
                    ExpressionAttributeValues: toItem({ ':seen': rotation.seenCount, ':next': rotation.seenCount + 1 }),
                  },
                },
              ]
            : []),
        ]);
        return 'saved';
      } catch (error) {
        if (error instanceof TransactionCanceledException && reasonCodes(error).some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict')) {
          return 'stale';
        }
        throw error;
      }
    },

    async record(leadId, entry) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: historyPut(leadId, entry).Put.Item }));
    },

    async putSignal(leadId, signal) {
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: toItem({ ...keys.signal(leadId, signal.at, signal.eventId), entity: 'signal', leadId, ...signal }),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return 'new';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'duplicate';
        throw error;
      }
    },

    async reviseSignal(leadId, signal) {
      try {
        await client.send(
          new PutItemCommand({
            TableName: tableName,
            Item: toItem({ ...keys.signal(leadId, signal.at, signal.eventId), entity: 'signal', leadId, ...signal }),
            ConditionExpression: 'attribute_exists(PK)',
          }),
        );
      } catch (error) {
        // Erased meanwhile: there is nothing to revise.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    async signalsOf(leadId) {
      const signals: EmailSignal[] = [];
      const pages = paginateQuery(
        { client },
        {
          TableName: tableName,
          KeyConditionExpression: 'PK = :lead AND begins_with(SK, :signal)',
          ExpressionAttributeValues: toItem({ ':lead': keys.lead(leadId).PK, ':signal': keys.signalPrefix }),
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        signals.push(...(page.Items ?? []).map((item) => {
          const { PK, SK, entity, leadId: _lead, ...signal } = unmarshall(item);
          return signal as EmailSignal;
        }));
      }
      return signals;
    },

    async historyOf(leadId) {
      const entries: HistoryEntry[] = [];
      const pages = paginateQuery(
        { client },
        {
          TableName: tableName,
          KeyConditionExpression: 'PK = :lead AND begins_with(SK, :history)',
          ExpressionAttributeValues: toItem({ ':lead': keys.lead(leadId).PK, ':history': keys.historyPrefix }),
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        entries.push(...(page.Items ?? []).map((item) => {
          const { PK, SK, entity, leadId: _lead, ...entry } = unmarshall(item);
          return entry as HistoryEntry;
        }));
      }
      return entries;
    },

    async timelineOf(leadId) {
      const history: HistoryEntry[] = [];
      const signals: EmailSignal[] = [];
      // HISTORY# < PROFILE < SIGNAL#: one range holds both, and the lead's own item, which is dropped (it costs its size, not a request).
      const pages = paginateQuery(
        { client },
        {
          TableName: tableName,
          KeyConditionExpression: 'PK = :lead AND SK BETWEEN :first AND :last',
          ExpressionAttributeValues: toItem({ ':lead': keys.lead(leadId).PK, ':first': keys.historyPrefix, ':last': `${keys.signalPrefix}~` }),
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const { PK, SK, entity, leadId: _lead, ...rest } = unmarshall(item);
          if (entity === 'history') history.push(rest as HistoryEntry);
          else if (entity === 'signal') signals.push(rest as EmailSignal);
        }
      }
      return { history, signals };
    },

    async redirectEmail(email, leadId) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: toItem({ ...keys.email(email), entity: 'email', leadId }) }));
    },

    async capturedBetween(from, to) {
      const days = (await Promise.all(utcDays(from, to).map(capturedOn))).flat();
      return days.filter((lead) => lead.capturedAt >= from && lead.capturedAt < to);
    },

    ownedBy: (ownerId) => ownedLeads(ownerId, ''),
    openLeadsOf: (ownerId) => ownedLeads(ownerId, keys.ownedPrefix('open')),
    dueBy: async (ownerId, until) => (await Promise.all([dueLeads(ownerId, 'open', until), dueLeads(ownerId, 'check-in', until)])).flat(),

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

    async markAnnounced(leadId, at, hotEpisode) {
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: toItem(keys.lead(leadId)),
            // Never backwards: a writer that read an older lead must not undo a later episode's announcement.
            ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(hotAnnounced) OR hotAnnounced <= :episode)',
            // A version step, so that a whole-lead save read before this write cannot drop it.
            UpdateExpression: 'SET announcedAt = if_not_exists(announcedAt, :at), hotAnnounced = :episode, version = version + :one',
            ExpressionAttributeValues: toItem({ ':at': at, ':episode': hotEpisode, ':one': 1 }),
          }),
        );
      } catch (error) {
        // A later episode was announced meanwhile, or the lead was erased: nothing left to note.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
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

  // The sort key is `<state>#<dueAt>#<leadId>`: `~` sorts after every character of an id, so the bound takes all of `until`.
  async function dueLeads(ownerId: string, state: OwnedState, until: string): Promise<Lead[]> {
    const leads: Lead[] = [];
    const pages = paginateQuery(
      { client },
      {
        TableName: tableName,
        IndexName: indexNames.byOwner,
        KeyConditionExpression: 'GSI1PK = :owner AND GSI1SK BETWEEN :from AND :until',
        ExpressionAttributeValues: toItem({ ':owner': keys.ownerPartition(ownerId), ':from': keys.ownedPrefix(state), ':until': `${keys.ownedPrefix(state)}${until}~` }),
      },
    );
    for await (const page of pages) leads.push(...(page.Items ?? []).map(fromItem));
    return leads;
  }

  async function ownedLeads(ownerId: string, prefix: string): Promise<Lead[]> {
    const leads: Lead[] = [];
    const pages = paginateQuery(
      { client },
      {
        TableName: tableName,
        IndexName: indexNames.byOwner,
        KeyConditionExpression: prefix ? 'GSI1PK = :owner AND begins_with(GSI1SK, :prefix)' : 'GSI1PK = :owner',
        ExpressionAttributeValues: toItem({ ':owner': keys.ownerPartition(ownerId), ...(prefix ? { ':prefix': prefix } : {}) }),
      },
    );
    for await (const page of pages) leads.push(...(page.Items ?? []).map(fromItem));
    return leads;
  }

  /** The leads captured on one UTC day (yyyy-mm-dd), one partition of GSI3, in capture order. */
  async function capturedOn(day: string): Promise<Lead[]> {
    const found: Array<Record<string, AttributeValue>> = [];
    const pages = paginateQuery(
      { client },
      {
        TableName: tableName,
        IndexName: indexNames.byCaptureDay,
        KeyConditionExpression: 'GSI3PK = :day',
        ExpressionAttributeValues: toItem({ ':day': keys.capturedOn('', `${day}T00:00:00.000Z`).GSI3PK }),
      },
    );
    for await (const page of pages) found.push(...(page.Items ?? []).map(({ PK, SK }) => ({ PK: PK!, SK: SK! })));
    const items = await batchGet(found);
    // BatchGetItem answers in no particular order; the index's order (by capture time) is kept.
    const byKey = new Map(items.map((item) => [item.PK?.S, item]));
    return found.flatMap((key) => {
      const item = byKey.get(key.PK!.S);
      return item ? [fromItem(item)] : [];
    });
  }

  /** Reads items by key, 100 per request, asking again for what DynamoDB left unprocessed. */
  async function batchGet(itemKeys: Array<Record<string, AttributeValue>>): Promise<Array<Record<string, AttributeValue>>> {
    const items: Array<Record<string, AttributeValue>> = [];
    for (let start = 0; start < itemKeys.length; start += 100) {
      let pending: Array<Record<string, AttributeValue>> = itemKeys.slice(start, start + 100);
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt === 8) throw new DependencyUnavailableError('DynamoDB', new Error(`${pending.length} keys left unprocessed by BatchGetItem`));
        if (attempt > 0) await backoff(attempt);
        const { Responses, UnprocessedKeys } = await client.send(new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
        items.push(...(Responses?.[tableName] ?? []));
        pending = UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
    }
    return items;
  }

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
        await backoff(attempt);
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

// GSI3 partitions leads by the UTC day they were captured: a range reads every day it touches (a local week spans parts of eight).
function utcDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(from.slice(0, 10)); at < Date.parse(to); at += 86_400_000) days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}
