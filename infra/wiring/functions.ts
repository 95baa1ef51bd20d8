import { settingNames, settingsOf, type SettingName, functionArnSetting } from './settings.ts';
import type { EmailStream } from '../../functions/email/email-streams.ts';
import * as z from '../../functions/platform/zod.ts';

// Handlers import this module for their settings: it must stay free of aws-cdk-lib.

/** What a function may do with the table; each grants the DynamoDB actions its name says (infra/constructs/lead-data.ts). */
export type TableAccess = 'read-item' | 'write-item' | 'put-item' | 'delete-item' | 'batch-delete' | 'batch-read' | 'query-partition' | 'query-indexes';

/** The resources a function reaches; the stack grants these and nothing else. */
export type Reach = {
  table?: readonly TableAccess[];
  /** Puts events on the stoke bus. */
  publishes?: true;
  /** Deletes schedules of the stoke group (`cancel`), or also creates them to invoke the named functions. */
  schedules?: 'cancel' | { readonly create: readonly string[] };
  /** Sends email from the sending identity through the configuration set of this stream only (functions/email/email-streams.ts). */
  sendsEmail?: EmailStream;
  /** Reads the key that signs the links in emails. */
  signingKey?: true;
  /** Reads the key that signs the handoff webhook's requests. */
  webhookKey?: true;
  /** Writes links to the API in emails. */
  writesLinks?: true;
  /** Invoked asynchronously: what fails every retry is kept in the dead-letter queue. */
  deadLetters?: true;
  /** Invites reps to the sales desk's user pool and disables and enables their sign-ins (Cognito admin actions on that pool only). */
  signIns?: true;
};

/** One function's contract: what is bundled, how it runs, the settings it reads and what it reaches. */
export type FunctionDeclaration = {
  entry: string;
  description: string;
  memorySize: number;
  timeoutSeconds: number;
  /** The settings the handler parses at cold start: the stack and the local runtime give exactly these. */
  settings: z.ZodMiniObject;
  reaches: Reach;
};

// Settings several functions share, because they share their wiring module.
/** functions/handoff/handoff-config.ts: handing off, reminding and reassigning. */
export const handoffSettings = settingsOf(
  'TABLE_NAME', 'EVENT_BUS_NAME', 'SENDER_ADDRESS', 'SIGNING_SECRET_ARN', 'PUBLIC_API_URL',
  'SCHEDULE_GROUP', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_DEAD_LETTER_ARN', 'FIRST_CONTACT_DEADLINE_FUNCTION_ARN', 'COMPANY_NAME', 'COMPANY_POSTAL_ADDRESS', 'DESK_URL',
);
/** functions/nurture/track-wiring.ts: moving a lead on or off its track, without emailing it. */
export const trackSettings = settingsOf('TABLE_NAME', 'SCHEDULE_GROUP', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_DEAD_LETTER_ARN', 'NURTURE_STEP_FUNCTION_ARN');
/** functions/nurture/nurture-config.ts: enrolling and sending the tips. */
export const nurtureSettings = z.extend(trackSettings, settingsOf(
  'SENDER_ADDRESS', 'SIGNING_SECRET_ARN', 'PUBLIC_API_URL', 'COMPANY_NAME', 'COMPANY_POSTAL_ADDRESS', 'UNSUBSCRIBE_MAILTO',
).def.shape);
/** functions/review/review-wiring.ts: loading a week's review. */
export const reviewSettings = settingsOf('TABLE_NAME', 'REVIEW_TIME_ZONE');

const handingOff: Reach = {
  table: ['write-item', 'delete-item', 'query-indexes'],
  publishes: true,
  signingKey: true,
  writesLinks: true,
  // One schedule group: the handoff's DeleteSchedule also stops the nurture tips of a lead sales takes over.
  schedules: { create: ['first-contact-deadline'] },
  sendsEmail: 'team',
  deadLetters: true,
};
const nurturing: Reach = {
  // Claims on once-only sends are released by deleting them.
  table: ['write-item', 'delete-item'],
  signingKey: true,
  writesLinks: true,
  schedules: { create: ['nurture-step'] },
  sendsEmail: 'marketing',
  deadLetters: true,
};

/**
 * Every Lambda function of Stoke, by name: the CDK stack bundles these
 * entries, gives each its settings and grants it what it reaches; the local
 * runtime imports the same modules; each handler parses its settings with
 * the schema declared here.
 */
export const lambdaFunctions = {
  capture: {
    entry: 'functions/capture/handlers/capture.ts',
    description: 'Validates, de-duplicates, scores and stores a lead posted by a web form',
    memorySize: 256,
    timeoutSeconds: 10,
    settings: settingsOf('TABLE_NAME', 'EVENT_BUS_NAME', 'ALLOWED_ORIGINS', 'REDIRECT_HOSTS', 'CONSENT_TEXT_VERSION', 'SPAM_RETENTION_DAYS'),
    reaches: { table: ['write-item'], publishes: true },
  },
  handoff: {
    entry: 'functions/handoff/handlers/handoff.ts',
    description: 'Gives a hot lead one accountable rep, emails them and sets the first-contact deadline',
    memorySize: 256,
    timeoutSeconds: 30,
    settings: handoffSettings,
    reaches: handingOff,
  },
  'first-contact-deadline': {
    entry: 'functions/handoff/handlers/first-contact-deadline.ts',
    description: 'Reminds, escalates and finally reassigns a lead nobody contacted in time',
    memorySize: 256,
    timeoutSeconds: 30,
    settings: handoffSettings,
    reaches: handingOff,
  },
  'lead-actions': {
    entry: 'functions/lead-actions/handlers/lead-actions.ts',
    description: 'Serves the one-click links of handoff emails: a confirmation page, then the recorded action',
    memorySize: 256,
    timeoutSeconds: 10,
    settings: settingsOf('TABLE_NAME', 'EVENT_BUS_NAME', 'SCHEDULE_GROUP', 'SIGNING_SECRET_ARN'),
    // A link that closes a lead for a reason that returns it to nurture announces lead.recycled, as the sales desk does.
    reaches: { table: ['write-item', 'delete-item'], publishes: true, signingKey: true, schedules: 'cancel' },
  },
  'handoff-webhook': {
    entry: 'functions/webhook/handlers/handoff-webhook.ts',
    description: "Posts each handoff, signed, to the team's chat or CRM when a webhook is configured",
    memorySize: 256,
    timeoutSeconds: 15,
    settings: settingsOf('TABLE_NAME', 'HANDOFF_WEBHOOK_URL', 'WEBHOOK_SECRET_ARN'),
    reaches: { table: ['read-item'], webhookKey: true, deadLetters: true },
  },
  'nurture-enrolment': {
    entry: 'functions/nurture/handlers/nurture-enrolment.ts',
    description: 'Puts a consenting warm or cold lead on its nurture track, or asks it to confirm first; sends again what waited on marketing\'s brake',
    memorySize: 256,
    // Releasing what waited on the brake takes about five calls a lead: a couple of thousand leads per attempt.
    timeoutSeconds: 120,
    settings: nurtureSettings,
    // The sends that wait on marketing's brake are one partition, read whole on resume.
    reaches: { ...nurturing, table: [...(nurturing.table ?? []), 'query-partition'] },
  },
  'nurture-step': {
    entry: 'functions/nurture/handlers/nurture-step.ts',
    description: 'Sends the next tip of a lead\'s nurture track, once, in its send window, and schedules the one after',
    memorySize: 256,
    timeoutSeconds: 30,
    settings: nurtureSettings,
    reaches: nurturing,
  },
  engagement: {
    entry: 'functions/engagement/handlers/engagement.ts',
    description: 'Turns SES opens, clicks, bounces and complaints into honest engagement score, suppression and hot handoffs',
    memorySize: 256,
    timeoutSeconds: 30,
    settings: z.extend(trackSettings, settingsOf('EVENT_BUS_NAME').def.shape),
    // Suppressing cancels the pending tip, a transient bounce schedules it again; it reads a lead's signals (its own partition) and announces hot leads. It emails nobody.
    reaches: { table: ['write-item', 'delete-item', 'query-partition'], publishes: true, schedules: { create: ['nurture-step'] }, deadLetters: true },
  },
  'email-preferences': {
    entry: 'functions/email-preferences/handlers/email-preferences.ts',
    description: 'One-click unsubscribe and subscription confirmation links of marketing email',
    memorySize: 256,
    timeoutSeconds: 10,
    settings: z.extend(trackSettings, settingsOf('SIGNING_SECRET_ARN').def.shape),
    // Confirming a subscription schedules the first tip; unsubscribing cancels the next one. It emails nobody; API Gateway invokes it synchronously.
    reaches: { table: ['write-item', 'delete-item'], signingKey: true, schedules: { create: ['nurture-step'] } },
  },
  'sales-desk': {
    entry: 'functions/sales/handlers/sales-desk.ts',
    description: 'The sales desk: reps log contacts and outcomes, managers see their team, export and erase',
    memorySize: 256,
    timeoutSeconds: 15,
    settings: settingsOf('TABLE_NAME', 'EVENT_BUS_NAME', 'SCHEDULE_GROUP', 'SIGNING_SECRET_ARN'),
    // A lead closed, recycled or erased keeps no pending schedule; erasure keeps a keyed hash of the address, so the person is never emailed again.
    reaches: { table: ['write-item', 'delete-item', 'batch-delete', 'query-partition', 'query-indexes'], publishes: true, schedules: 'cancel', signingKey: true },
  },
  'review-report': {
    entry: 'functions/review/handlers/review-report.ts',
    description: 'The weekly lead review of a manager\'s team as JSON or CSV',
    memorySize: 512,
    timeoutSeconds: 30,
    settings: reviewSettings,
    reaches: { table: ['read-item', 'query-partition', 'query-indexes', 'batch-read'] },
  },
  'weekly-review': {
    entry: 'functions/review/handlers/weekly-review.ts',
    description: "Builds the weekly lead review and emails each manager their team's",
    memorySize: 512,
    timeoutSeconds: 120,
    settings: z.extend(reviewSettings, settingsOf('SENDER_ADDRESS', 'DESK_URL', 'COMPANY_NAME', 'COMPANY_POSTAL_ADDRESS').def.shape),
    // The week's report snapshot, and one claim per manager so a redelivered schedule emails nobody twice.
    reaches: { table: ['read-item', 'put-item', 'delete-item', 'query-partition', 'query-indexes', 'batch-read'], sendsEmail: 'team', deadLetters: true },
  },
  'morning-list': {
    entry: 'functions/plans/handlers/morning-list.ts',
    description: "Emails each rep, on their working mornings, the day's due and overdue touches of their contact plans, and schedules the next",
    memorySize: 256,
    timeoutSeconds: 60,
    settings: settingsOf(
      'TABLE_NAME', 'SENDER_ADDRESS', 'SIGNING_SECRET_ARN', 'PUBLIC_API_URL', 'COMPANY_NAME', 'COMPANY_POSTAL_ADDRESS',
      'SCHEDULE_GROUP', 'SCHEDULER_ROLE_ARN', 'SCHEDULER_DEAD_LETTER_ARN', 'MORNING_LIST_FUNCTION_ARN',
    ),
    // The rep (an item) and the roster and due leads (index queries), one claim per rep and day so a redelivery emails nobody twice,
    // and each rep's next morning as a one-time schedule invoking this function.
    reaches: { table: ['read-item', 'put-item', 'delete-item', 'query-indexes'], schedules: { create: ['morning-list'] }, sendsEmail: 'team', signingKey: true, writesLinks: true, deadLetters: true },
  },
  'sending-alerts': {
    entry: 'functions/alerts/handlers/sending-alerts.ts',
    description: 'Emails the managers when marketing email is paused by its brake, and when an email to a rep or manager bounces or draws a complaint',
    memorySize: 256,
    timeoutSeconds: 30,
    settings: settingsOf('TABLE_NAME', 'SENDER_ADDRESS', 'DESK_URL', 'COMPANY_NAME', 'COMPANY_POSTAL_ADDRESS'),
    // The brake and the leads behind it (items), the roster (an index), and one claim per manager and alert so a redelivery emails nobody twice.
    reaches: { table: ['read-item', 'put-item', 'delete-item', 'query-indexes'], sendsEmail: 'team', deadLetters: true },
  },
  marketing: {
    entry: 'functions/marketing/handlers/marketing.ts',
    description: "Marketing's figures for the desk: the nurture journeys, the machine filter's audit, the funnel by source, consent, each track's tips rendered, and the sending brake a manager resumes",
    memorySize: 512,
    timeoutSeconds: 30,
    settings: settingsOf('TABLE_NAME', 'EVENT_BUS_NAME', 'COMPANY_NAME', 'COMPANY_POSTAL_ADDRESS'),
    // One query per day of the period on that day's figures partition; the brake's state, which a manager resumes
    // with a conditional put, announcing it so the waiting sends go out; and for the score lab, the leads captured in
    // the period (the capture-day index, then the leads in batches) with each one's timeline (its own partition).
    reaches: { table: ['query-partition', 'query-indexes', 'batch-read', 'read-item', 'put-item'], publishes: true },
  },
  'first-contact-watch': {
    entry: 'functions/handoff/handlers/first-contact-watch.ts',
    description: 'Measures every 15 minutes how long the most overdue hot lead has waited past its first-contact deadline',
    memorySize: 256,
    timeoutSeconds: 60,
    settings: settingsOf('TABLE_NAME'),
    // The roster and each owner's leads due by now: queries of the indexes, and nothing else.
    reaches: { table: ['query-indexes'] },
  },
  reps: {
    entry: 'functions/reps/handlers/reps.ts',
    description: 'The reps roster for managers: list, add, change and deactivate reps',
    memorySize: 256,
    timeoutSeconds: 10,
    settings: settingsOf('TABLE_NAME', 'EVENT_BUS_NAME', 'USER_POOL_ID'),
    // Adding a rep invites them to sign in; deactivating one stops their sign-in.
    reaches: { table: ['write-item', 'query-indexes'], publishes: true, signIns: true },
  },
} as const satisfies Record<string, FunctionDeclaration>;

export type FunctionName = keyof typeof lambdaFunctions;

/** The settings that locate a resource: a function reads them exactly when it reaches that resource. */
export function settingsReached(reach: Reach): SettingName[] {
  return [
    ...(reach.table ? (['TABLE_NAME'] as const) : []),
    ...(reach.publishes ? (['EVENT_BUS_NAME'] as const) : []),
    ...(reach.schedules ? (['SCHEDULE_GROUP'] as const) : []),
    ...(typeof reach.schedules === 'object'
      ? (['SCHEDULER_ROLE_ARN', 'SCHEDULER_DEAD_LETTER_ARN', ...reach.schedules.create.map(functionArnSetting)] as const)
      : []),
    ...(reach.sendsEmail ? (['SENDER_ADDRESS'] as const) : []),
    ...(reach.signingKey ? (['SIGNING_SECRET_ARN'] as const) : []),
    ...(reach.webhookKey ? (['WEBHOOK_SECRET_ARN'] as const) : []),
    ...(reach.writesLinks ? (['PUBLIC_API_URL'] as const) : []),
    ...(reach.signIns ? (['USER_POOL_ID'] as const) : []),
  ];
}


/** The names of the settings a function reads. */
export const settingsRead = (name: FunctionName): SettingName[] => settingNames(lambdaFunctions[name].settings);
