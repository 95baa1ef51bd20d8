/**
 * The one place that knows Stoke's DynamoDB key design. The CDK stack, the
 * local runtime and every adapter read it, so a key can change in one file.
 *
 * Access patterns:
 * - lead by id:            GetItem  PK=LEAD#<id>        SK=PROFILE
 * - lead by email:         GetItem  PK=EMAIL#<email>    SK=EMAIL      -> leadId (also enforces one lead per person)
 * - lead history:          Query    PK=LEAD#<id>        SK begins_with HISTORY#
 * - leads by owner/status: Query    GSI1 OWNER#<repId>  GSI1SK begins_with <status>#   (sorted by due time)
 * - leads by day captured: Query    GSI2 DAY#<yyyy-mm-dd>  GSI2SK <iso time>#<id>     (reports: cost grows with the days covered)
 * - spam submissions:      PK=SPAM#<id> SK=SUBMISSION, expire through the TTL attribute
 */
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
} as const;

export type ItemKey = { PK: string; SK: string };

export const keys = {
  lead: (leadId: string): ItemKey => ({ PK: `LEAD#${leadId}`, SK: 'PROFILE' }),
  email: (email: string): ItemKey => ({ PK: `EMAIL#${email}`, SK: 'EMAIL' }),
  history: (leadId: string, at: string, entryId: string): ItemKey => ({
    PK: `LEAD#${leadId}`,
    SK: `HISTORY#${at}#${entryId}`,
  }),
  historyPrefix: 'HISTORY#',
  spam: (submissionId: string): ItemKey => ({ PK: `SPAM#${submissionId}`, SK: 'SUBMISSION' }),
  capturedOn: (leadId: string, capturedAt: string) => ({
    GSI2PK: `DAY#${capturedAt.slice(0, 10)}`,
    GSI2SK: `${capturedAt}#${leadId}`,
  }),
} as const;
