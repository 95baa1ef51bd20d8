/**
 * Stoke's business metrics: what happens to leads, published by the functions
 * in CloudWatch's embedded metric format (observability.ts) and read by the
 * dashboard and the alarms (infra/constructs/operations.ts). One catalog, so a
 * name the functions publish is the name the dashboard graphs.
 *
 * Every function publishes under the same namespace and the same one
 * dimension, `service: stoke`, not the function's own name: a count that two
 * functions make (a first contact logged at the desk or from an email link)
 * is then one series, and CloudWatch needs no search expression to add it up.
 */
export const businessMetricSpace = {
  namespace: 'Stoke',
  dimensions: { service: 'stoke' },
} as const;

type MetricDefinition = {
  /** The CloudWatch metric name. */
  name: string;
  /** CloudWatch has no minutes: durations in minutes go without a unit, their name says it. */
  unit: 'Count' | 'None';
  /** What a graph calls it. */
  label: string;
};

export const businessMetrics = {
  leadsCaptured: { name: 'LeadsCaptured', unit: 'Count', label: 'Leads captured' },
  /** Form posts the honeypot caught: kept apart as spam, never leads. */
  spamCaught: { name: 'SpamCaught', unit: 'Count', label: 'Spam posts caught' },
  /** A form's retry of a post already taken (same submission or Idempotency-Key): answered, counted nowhere. */
  captureRetried: { name: 'CaptureRetried', unit: 'Count', label: 'Form posts retried' },
  /** Once per lead: hot at capture, or later for the first time. */
  leadsTurnedHot: { name: 'LeadsTurnedHot', unit: 'Count', label: 'Leads turned hot' },
  /** Once per lead: its first handoff to sales. */
  leadsHandedOff: { name: 'LeadsHandedOff', unit: 'Count', label: 'Leads handed off' },
  /** One value per assignment contacted: minutes from the handoff to the first contact its owner logged. */
  minutesToFirstContact: { name: 'MinutesToFirstContact', unit: 'None', label: 'Minutes to first contact' },
  /** One value per run of the first-contact watch: 0 when no lead is overdue. */
  oldestOverdueFirstContactMinutes: { name: 'OldestOverdueFirstContactMinutes', unit: 'None', label: 'Oldest overdue first contact (business minutes)' },
  tipsSent: { name: 'TipsSent', unit: 'Count', label: 'Tips sent' },
  tipBounces: { name: 'TipBounces', unit: 'Count', label: 'Tips bounced (permanently)' },
  tipComplaints: { name: 'TipComplaints', unit: 'Count', label: 'Tips marked as spam' },
  unsubscribes: { name: 'Unsubscribes', unit: 'Count', label: 'Unsubscribes' },
  humanOpens: { name: 'HumanOpens', unit: 'Count', label: 'Opens by people' },
  humanClicks: { name: 'HumanClicks', unit: 'Count', label: 'Clicks by people' },
  filteredOpens: { name: 'FilteredOpens', unit: 'Count', label: 'Opens filtered as machine-made' },
  filteredClicks: { name: 'FilteredClicks', unit: 'Count', label: 'Clicks filtered as machine-made' },
} as const satisfies Record<string, MetricDefinition>;

export type BusinessMetric = keyof typeof businessMetrics;

/** Publishes one value of a business metric. */
export type PublishBusinessMetric = (metric: BusinessMetric, value: number) => void;
