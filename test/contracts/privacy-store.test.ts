import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { dynamoDbLeadStore } from '../../functions/leads/dynamodb-lead-store.ts';
import { memoryLeadStore, memoryLeadTable } from '../../functions/leads/memory-lead-store.ts';
import { dynamoDbPrivacyStore } from '../../functions/privacy/dynamodb-privacy-store.ts';
import { memoryPrivacyStore, memoryPrivacyTable } from '../../functions/privacy/memory-privacy-store.ts';
import { createTable } from '../../infra/local/dynamodb-local.ts';
import { readTable } from '../support/table-reader.ts';
import { privacyStoreContract } from './privacy-store.contract.ts';

let client: DynamoDBClient;

beforeAll(() => {
  client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
});
afterAll(() => client?.destroy());

privacyStoreContract('in memory', () => {
  const table = memoryLeadTable();
  const privacy = memoryPrivacyTable();
  return {
    leads: memoryLeadStore({ table }),
    privacy: memoryPrivacyStore(table, privacy),
    // Every value both tables hold, tagged as the DynamoDB items are.
    async everything() {
      return JSON.parse(
        JSON.stringify([
          ...[...table.leads.values()].map((lead) => ({ entity: 'lead', ...lead })),
          ...[...table.emails].map(([email, leadId]) => ({ entity: 'email', email, leadId })),
          ...[...table.histories].flatMap(([leadId, entries]) => entries.map((entry) => ({ entity: 'history', leadId, ...entry }))),
          ...[...table.signals].flatMap(([leadId, signals]) => [...signals.values()].map((signal) => ({ entity: 'signal', leadId, ...signal }))),
          ...[...table.spam.values()].map((submission) => ({ entity: 'spam', ...submission })),
          ...[...privacy.suppressed].map(([emailHash, entry]) => ({ entity: 'suppressed', emailHash, ...entry })),
          ...[...privacy.erasures].map(([leadId, record]) => ({ entity: 'erasure', leadId, ...record })),
          ...[...privacy.audit.values()].map((entry) => ({ entity: 'privacy-audit', ...entry })),
        ]),
      ) as Record<string, unknown>[];
    },
  };
});

privacyStoreContract('DynamoDB Local', async () => {
  const tableName = `privacy-${randomUUID()}`;
  await createTable(client, tableName);
  return {
    leads: dynamoDbLeadStore(client, tableName),
    privacy: dynamoDbPrivacyStore(client, tableName),
    everything: () => readTable(inject('dynamodbEndpoint'), tableName),
  };
});
