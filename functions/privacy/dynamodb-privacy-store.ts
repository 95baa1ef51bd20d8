import { randomUUID } from 'node:crypto';
import { BatchWriteItemCommand, DeleteItemCommand, type DynamoDBClient, GetItemCommand, paginateQuery, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { keys } from '../storage/table.ts';
import type { PrivacyAuditEntry } from './privacy-audit.ts';
import type { PrivacyStore } from './privacy-store.ts';

export function dynamoDbPrivacyStore(client: DynamoDBClient, tableName: string): PrivacyStore {
  async function itemKeys(leadId: string) {
    const found: Array<Record<string, unknown>> = [];
    const pages = paginateQuery(
      { client },
      { TableName: tableName, KeyConditionExpression: 'PK = :lead', ExpressionAttributeValues: marshall({ ':lead': keys.lead(leadId).PK }), ConsistentRead: true },
    );
    for await (const page of pages) found.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    return found;
  }

  return {
    async itemsOf(leadId) {
      return (await itemKeys(leadId)).map(({ PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK, ...item }) => item);
    },

    async erase(leadId, email, suppression, record) {
      // Suppression first: if anything below fails, the person is at least never emailed again.
      await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...keys.suppressed(suppression.emailHash), entity: 'suppressed', reason: 'erased', at: record.at }) }));
      const items = await itemKeys(leadId);
      for (let i = 0; i < items.length; i += 25) {
        let requests = items.slice(i, i + 25).map((item) => ({ DeleteRequest: { Key: marshall({ PK: item.PK, SK: item.SK }) } }));
        // BatchWriteItem may leave some requests unprocessed under load: they are sent again.
        while (requests.length) {
          const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
          requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
        }
      }
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: marshall(keys.email(email)) }));
      await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...keys.erasure(leadId), entity: 'erasure', leadId, ...record }) }));
    },

    async isSuppressed(emailHash) {
      const { Item } = await client.send(new GetItemCommand({ TableName: tableName, Key: marshall(keys.suppressed(emailHash)), ConsistentRead: true }));
      return Item !== undefined;
    },

    async recordAudit(entry) {
      await client.send(new PutItemCommand({ TableName: tableName, Item: marshall({ ...keys.privacyAudit(entry.at, randomUUID()), entity: 'privacy-audit', ...entry }) }));
    },

    async auditTrail({ from, to }, limit) {
      const entries: PrivacyAuditEntry[] = [];
      // Sort keys are `<at>#<id>`: `to#…` sorts after `to`, so BETWEEN leaves the end out.
      const pages = paginateQuery(
        { client },
        {
          TableName: tableName,
          KeyConditionExpression: 'PK = :trail AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: marshall({ ':trail': keys.privacyAuditPartition, ':from': from, ':to': to }),
          ConsistentRead: true,
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          const { at, operation, leadId, by, bySub, outcome } = unmarshall(item) as PrivacyAuditEntry;
          entries.push({ at, operation, leadId, by, bySub, outcome });
        }
        if (entries.length > limit) break;
      }
      return { entries: entries.slice(0, limit), truncated: entries.length > limit };
    },
  };
}
