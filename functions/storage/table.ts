/**
 * The one place that knows Stoke's DynamoDB key design. The CDK stack, the
 * local runtime and every adapter read it, so a key can change in one file.
 *
 * Access patterns:
 * - lead by id:            GetItem  PK=LEAD#<id>        SK=PROFILE
 * - lead by email:         GetItem  PK=EMAIL#<email>    SK=EMAIL      -> leadId (also enforces one lead per person)
 * - lead history:          Query    PK=LEAD#<id>        SK begins_with HISTORY#
 * - lead's email signals:  Query    PK=LEAD#<id>        SK begins_with SIGNAL#  (opens, clicks, deliveries; one per SES event)
 * - leads by owner:        Query    GSI1 OWNER#<repId>  GSI1SK begins_with open# | closed#   (open ones by due time)
 * - rep by id:             GetItem  PK=REP#<id>         SK=PROFILE
 * - every rep:             Query    GSI2 REPS                                      (the roster is small)
 * - claims (once-only work, e.g. one email per handoff): PK=CLAIM#<purpose>#<id>, expire through TTL
 * - leads by day captured: Query    GSI3 DAY#<yyyy-mm-dd>  GSI3SK <iso time>#<id>, then BatchGetItem
 *                          (reports: cost grows with the days covered). GSI3 holds keys only: its
 *                          keys never change, so a lead's many later saves write nothing to it.
 * - spam submissions:      PK=SPAM#<id> SK=SUBMISSION, expire through the TTL attribute
 * - weekly review summary: GetItem  PK=REVIEW#<yyyy-Www> SK=SUMMARY    (the next review shows the change)
 * - marketing figures:     Query    PK=FIGURES#<yyyy-mm-dd>  (one partition per UTC day; one item per track step,
 *                          source, filter or consent counter, and the day's samples of filtered signals: reading a
 *                          period costs one query per day, whatever the number of leads or emails)
 * - counted happenings:    PK=COUNTED#<key> SK=COUNTED, written with the counters in one transaction, expire through TTL
 */
export const indexNames = { byOwner: 'GSI1', roster: 'GSI2', byCaptureDay: 'GSI3' } as const;

export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  timeToLiveAttribute: 'expiresAt',
  indexes: [
    { indexName: indexNames.byOwner, partitionKey: 'GSI1PK', sortKey: 'GSI1SK', projection: 'ALL' },
    { indexName: indexNames.roster, partitionKey: 'GSI2PK', sortKey: 'GSI2SK', projection: 'ALL' },
    { indexName: indexNames.byCaptureDay, partitionKey: 'GSI3PK', sortKey: 'GSI3SK', projection: 'KEYS_ONLY' },
  ],
} as const;

export type ItemKey = { PK: string; SK: string };

/** Where an owner's lead is filed: open, closed, or closed as purchased with a check-in to come. */
export type OwnedState = 'open' | 'closed' | 'check-in';

/** Begins the GSI1 sort key of an owner's leads in one state. */
const ownedPrefix = (state: OwnedState) => `${state}#`;

export const keys = {
  lead: (leadId: string): ItemKey => ({ PK: `LEAD#${leadId}`, SK: 'PROFILE' }),
  email: (email: string): ItemKey => ({ PK: `EMAIL#${email}`, SK: 'EMAIL' }),
  history: (leadId: string, at: string, entryId: string): ItemKey => ({
    PK: `LEAD#${leadId}`,
    SK: `HISTORY#${at}#${entryId}`,
  }),
  historyPrefix: 'HISTORY#',
  signal: (leadId: string, at: string, eventId: string): ItemKey => ({ PK: `LEAD#${leadId}`, SK: `SIGNAL#${at}#${eventId}` }),
  signalPrefix: 'SIGNAL#',
  spam: (submissionId: string): ItemKey => ({ PK: `SPAM#${submissionId}`, SK: 'SUBMISSION' }),
  rep: (repId: string): ItemKey => ({ PK: `REP#${repId}`, SK: 'PROFILE' }),
  roster: (repId: string) => ({ GSI2PK: 'REPS', GSI2SK: repId }),
  rosterPartition: 'REPS',
  /** Open leads, and customers awaiting a check-in, sort by when their next step is due; closed ones by when they closed. */
  ownedBy: (ownerId: string, state: OwnedState, sortAt: string, leadId: string) => ({
    GSI1PK: `OWNER#${ownerId}`,
    GSI1SK: `${ownedPrefix(state)}${sortAt}#${leadId}`,
  }),
  ownerPartition: (ownerId: string) => `OWNER#${ownerId}`,
  ownedPrefix,
  claim: (purpose: string, id: string): ItemKey => ({ PK: `CLAIM#${purpose}#${id}`, SK: 'CLAIM' }),
  /** An erased person's salted email hash: never emailed again. */
  suppressed: (emailHash: string): ItemKey => ({ PK: `SUPPRESSED#${emailHash}`, SK: 'SUPPRESSED' }),
  /** That an erasure happened, without the data. */
  erasure: (leadId: string): ItemKey => ({ PK: `ERASURE#${leadId}`, SK: 'ERASURE' }),
  focus: (repId: string, week: string): ItemKey => ({ PK: `REP#${repId}`, SK: `FOCUS#${week}` }),
  /**
   * One line of the privacy audit trail. The whole trail is one partition sorted
   * by time: privacy requests come a few a month, and any period is one Query.
   */
  privacyAudit: (at: string, entryId: string): ItemKey => ({ PK: 'PRIVACY#AUDIT', SK: `${at}#${entryId}` }),
  privacyAuditPartition: 'PRIVACY#AUDIT',
  capturedOn: (leadId: string, capturedAt: string) => ({
    GSI3PK: `DAY#${capturedAt.slice(0, 10)}`,
    GSI3SK: `${capturedAt}#${leadId}`,
  }),
  reviewSummary: (week: string): ItemKey => ({ PK: `REVIEW#${week}`, SK: 'SUMMARY' }),
  figures: (day: string, item: string): ItemKey => ({ PK: `FIGURES#${day}`, SK: item }),
  figuresPartition: (day: string) => `FIGURES#${day}`,
  counted: (key: string): ItemKey => ({ PK: `COUNTED#${key}`, SK: 'COUNTED' }),
  /** A stream's brake, and the sends that wait on it: one small partition, read whole on resume. */
  brake: (stream: string): ItemKey => ({ PK: `BRAKE#${stream}`, SK: 'STATE' }),
  held: (stream: string, leadId: string): ItemKey => ({ PK: `BRAKE#${stream}`, SK: `HELD#${leadId}` }),
  brakePartition: (stream: string) => `BRAKE#${stream}`,
  heldPrefix: 'HELD#',
} as const;
