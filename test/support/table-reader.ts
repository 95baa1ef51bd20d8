import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** Reads a whole (small, per-test) table back, to check what a handler really stored. */
export async function readTable(endpoint: string, tableName: string): Promise<Record<string, any>[]> {
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const items: Record<string, any>[] = [];
  for await (const page of paginateScan({ client }, { TableName: tableName, ConsistentRead: true })) {
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
  }
  return items;
}

/** Every lead is whole: its email claim, its profile and at least one history entry, and nothing orphaned. */
export function partialLeads(items: Record<string, any>[]): string[] {
  const problems: string[] = [];
  const leads = items.filter((i) => i.entity === 'lead');
  const emails = items.filter((i) => i.entity === 'email');
  const history = items.filter((i) => i.entity === 'history');
  for (const lead of leads) {
    if (!emails.some((e) => e.leadId === lead.leadId)) problems.push(`lead ${lead.leadId} has no email claim`);
    if (!history.some((h) => h.leadId === lead.leadId)) problems.push(`lead ${lead.leadId} has no history`);
  }
  for (const email of emails) if (!leads.some((l) => l.leadId === email.leadId)) problems.push(`email claim for missing lead ${email.leadId}`);
  for (const entry of history) if (!leads.some((l) => l.leadId === entry.leadId)) problems.push(`history for missing lead ${entry.leadId}`);
  return problems;
}
