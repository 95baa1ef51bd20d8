/**
 * Every Lambda function of Stoke, by name: the CDK stack bundles these
 * entries and the local runtime imports the same modules.
 */
export const lambdaFunctions = {
  capture: {
    entry: 'functions/capture/handler.ts',
    description: 'Validates, de-duplicates, scores and stores a lead posted by a web form',
    memorySize: 256,
    timeoutSeconds: 10,
  },
  handoff: {
    entry: 'functions/handoff/handler.ts',
    description: 'Gives a hot lead one accountable rep, emails them and sets the first-contact deadline',
    memorySize: 256,
    timeoutSeconds: 30,
  },
  'first-contact-deadline': {
    entry: 'functions/handoff/deadline-handler.ts',
    description: 'Reminds, escalates and finally reassigns a lead nobody contacted in time',
    memorySize: 256,
    timeoutSeconds: 30,
  },
  'lead-actions': {
    entry: 'functions/lead-actions/handler.ts',
    description: 'Serves the one-click links of handoff emails: a confirmation page, then the recorded action',
    memorySize: 256,
    timeoutSeconds: 10,
  },
  'handoff-webhook': {
    entry: 'functions/webhook/handler.ts',
    description: "Posts each handoff, signed, to the team's chat or CRM when a webhook is configured",
    memorySize: 256,
    timeoutSeconds: 15,
  },
  'nurture-enrolment': {
    entry: 'functions/nurture/enrolment-handler.ts',
    description: 'Puts a consenting warm or cold lead on its nurture track, or asks it to confirm first',
    memorySize: 256,
    timeoutSeconds: 15,
  },
  'nurture-step': {
    entry: 'functions/nurture/step-handler.ts',
    description: 'Sends the next tip of a lead\'s nurture track, once, in its send window, and schedules the one after',
    memorySize: 256,
    timeoutSeconds: 30,
  },
  engagement: {
    entry: 'functions/engagement/handler.ts',
    description: 'Turns SES opens, clicks, bounces and complaints into honest engagement score, suppression and hot handoffs',
    memorySize: 256,
    timeoutSeconds: 30,
  },
  'email-preferences': {
    entry: 'functions/email-preferences/handler.ts',
    description: 'One-click unsubscribe and subscription confirmation links of marketing email',
    memorySize: 256,
    timeoutSeconds: 10,
  },
  'sales-desk': {
    entry: 'functions/sales/handler.ts',
    description: 'The sales desk: reps log contacts and outcomes, managers see their team, export and erase',
    memorySize: 256,
    timeoutSeconds: 15,
  },
  'review-report': {
    entry: 'functions/review/report-handler.ts',
    description: 'The weekly lead review of a manager\'s team as JSON or CSV',
    memorySize: 512,
    timeoutSeconds: 30,
  },
  'weekly-review': {
    entry: 'functions/review/weekly-review-handler.ts',
    description: "Builds the weekly lead review and emails each manager their team's",
    memorySize: 512,
    timeoutSeconds: 120,
  },
  reps: {
    entry: 'functions/reps/handler.ts',
    description: 'The reps roster for managers: list, add, change and deactivate reps',
    memorySize: 256,
    timeoutSeconds: 10,
  },
} as const;

export type FunctionName = keyof typeof lambdaFunctions;
