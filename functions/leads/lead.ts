import type { Score } from '../scoring/score.ts';
import type { Temperature } from '../scoring/temperatures.ts';
import type { Authority, Budget, Channel, Timeline } from './vocabulary.ts';

export const profileFields = [
  'firstName', 'lastName', 'company', 'jobTitle', 'phone', 'country', 'region', 'timezone',
  'budget', 'authority', 'need', 'interest', 'timeline',
] as const;

/** What the person told about themself and their purchase; `country` is an ISO 3166-1 code, `timezone` an IANA zone. */
export type LeadProfile = {
  firstName?: string;
  lastName?: string;
  company?: string;
  jobTitle?: string;
  phone?: string;
  country?: string;
  region?: string;
  timezone?: string;
  budget?: Budget;
  authority?: Authority;
  need?: string;
  interest?: string;
  timeline?: Timeline;
};

/** What a submitted form gives the lead, once the capture edge has validated it. */
export type SubmittedForm = LeadProfile & {
  email: string;
  consent: boolean;
  consentVersion?: string;
  formId?: string;
  pageUrl?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
};

/** Where a submission came from: the first one is kept, the latest is recorded. */
export type Touch = {
  at: string;
  formId?: string;
  pageUrl?: string;
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
};

/** Proof of an explicit marketing opt-in, kept so it can be shown later. */
export type ConsentEvidence = {
  at: string;
  textVersion: string;
  formId?: string;
  pageUrl?: string;
  ip?: string;
};

export type Signal = { type: 're-inquiry'; at: string };

/** One SES event about an email Stoke sent to the lead, kept for scoring and for auditing the machine filter. */
export type EmailSignal = {
  eventId: string;
  type: 'delivery' | 'open' | 'click' | 'bounce' | 'complaint';
  at: string;
  messageId: string;
  link?: string;
  userAgent?: string;
  ip?: string;
  /** Opens and clicks only: whether a person made it, and if not, why not. */
  human?: boolean;
  filteredBecause?: string;
  rule?: string;
  points?: number;
  reason?: string;
};

/** Where a lead stands with sales: the three outcomes the weekly review counts, and the steps before. */
export type LeadStatus = 'new' | 'assigned' | 'in-progress' | 'purchased' | 'not-interested';

/** Whether sales holds the lead and has not closed it: assigned, or in progress. */
export function isOpen(lead: Pick<Lead, 'status'>): boolean {
  return lead.status === 'assigned' || lead.status === 'in-progress';
}

/** Whether sales closed the lead: purchased, or not interested. */
export function isClosed(lead: Pick<Lead, 'status'>): boolean {
  return lead.status === 'purchased' || lead.status === 'not-interested';
}

/** Who is accountable for the lead: a named rep, or a fallback queue somebody watches. */
export type Owner =
  | { type: 'rep'; repId: string; name: string; email: string; managerEmail: string; team: string; timezone: string }
  | { type: 'queue'; queue: string; notifyEmail: string };

/** What the person allowed and what stopped marketing email to them. */
export type Marketing = {
  /** When a double opt-in was confirmed. */
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** A permanent bounce or a complaint: no marketing email ever again. */
  suppressed?: { reason: 'bounce' | 'complaint'; at: string };
  /** Every marketing email sent lately, for the frequency cap. */
  recentSends: string[];
};

/** Where the lead is in its nurture sequence. */
export type Nurture = {
  track: string;
  status: 'awaiting-confirmation' | 'active' | 'exited';
  enrolledAt: string;
  /** Index in the track of the step to send next. */
  nextStep: number;
  /** Counts the schedules made for this lead: the pending one is named by it, older ones are stale. */
  seq: number;
  /** When the pending schedule fires. */
  nextAt?: string;
  /** Since when the step waits for marketing's brake to be released (no schedule is pending meanwhile). */
  heldAt?: string;
  exitReason?: string;
  sent: Array<{
    templateId: string;
    track: string;
    step: number;
    subject: string;
    at: string;
    messageId?: string;
    /** A person's first open and the links they clicked, from honest signals only. */
    openedAt?: string;
    clickedLinks?: string[];
  }>;
};

/** A first-contact deadline that passed without a logged contact, and whose it was. */
export type MissedDeadline = { ownerId: string; name: string; deadlineAt: string };

/** The current assignment: when, why, and the first-contact deadlines that follow from it. */
export type Assignment = {
  at: string;
  /**
   * Counts the lead's assignments, 1 for its first. Deadline schedules and
   * once-only notices are keyed by it: a lead that comes back to a rep who
   * held it before is a new handoff, not a duplicate of the old one.
   */
  number: number;
  /** Which hot episode this assignment serves: a lead that cools down and heats up again is handed off again. */
  episode: number;
  rule: string;
  reason: string;
  /** First contact is due; the owner is reminded. */
  deadlineAt: string;
  /** The owner's manager hears of the miss. */
  escalateAt: string;
  /** The lead goes to someone else. */
  reassignAt: string;
  /** Deadlines missed earlier in this hot episode, oldest first. */
  missedDeadlines?: MissedDeadline[];
  /** Left with a manager after too many missed deadlines: not offered to reps again in this episode. */
  parked?: boolean;
  /** Who held the lead just before, in this hot episode, and why it was taken from them: they are told. */
  previous?: {
    owner: Owner;
    why: 'deadline-missed' | 'rep-deactivated' | 'manager-reassigned';
    /** The manager who chose the new owner, and what they said, on a manager's reassignment. */
    by?: string;
    note?: string;
  };
};

/** What the owner does next on a lead, and by when. */
export type NextStep = {
  /** A touch of the contact plan, the step once the plan's touches are done, or a customer's check-in after a purchase. */
  kind: 'touch' | 'after-plan' | 'check-in';
  /** Which touch of the plan (1 for the first); on touches only. */
  touch?: number;
  channel: Channel;
  dueAt: string;
  /** What to do: the plan's instruction, or the rep's own note when they set the step. */
  instruction: string;
  /** Who set the step in place of the plan's, when a rep did. */
  setBy?: string;
  setAt: string;
};

/** A step of the plan that was done (a contact logged) or skipped, with when it was due. */
export type StepRecord = {
  kind: NextStep['kind'];
  touch?: number;
  outcome: 'done' | 'skipped';
  dueAt: string;
  at: string;
  /** Done by the end of the day it was due, in the owner's time zone. */
  onTime: boolean;
  by: string;
  reason?: string;
};

/** The contact plan the lead follows with sales in this hot episode, and its one next step. */
export type LeadPlan = {
  planId: string;
  name: string;
  /** How many touches the plan has. */
  length: number;
  episode: number;
  startedAt: string;
  steps: StepRecord[];
  /** Always set on an open lead; after a purchase, the check-in; none once the lead is closed otherwise. */
  next?: NextStep;
};

// Enough to explain a score; older signals no longer move it.
const maxSignals = 100;

export type Lead = {
  leadId: string;
  email: string;
  profile: LeadProfile;
  firstTouch: Touch;
  lastTouch: Touch;
  consent?: ConsentEvidence;
  signals: Signal[];
  /** Email engagement as last scored (decayed, capped): part of the score's breakdown. */
  emailEngagement?: Array<{ rule: string; points: number; reason: string }>;
  score: Score;
  status: LeadStatus;
  /** How many times the lead has turned hot; each turn is one handoff. */
  hotEpisode: number;
  owner?: Owner;
  assignment?: Assignment;
  firstContactAt?: string;
  lastProgressAt?: string;
  plan?: LeadPlan;
  marketing?: Marketing;
  nurture?: Nurture;
  /** Contacts logged by sales (calls, emails, meetings): most sales need five or more. */
  contactCount?: number;
  /** When the latest contacts were logged (the weekly review counts them per week). */
  contactTimes?: string[];
  /** The temperature at capture, for the marketing funnel. */
  capturedTemperature?: 'hot' | 'warm' | 'cold';
  /** What holds an in-progress lead back (a category of the sales policy). */
  holdBack?: { category: string; note?: string; at: string };
  purchase?: { value?: number; note?: string; at: string };
  notInterested?: { reason: string; returnToNurture: boolean; note?: string; at: string };
  closedAt?: string;
  /** Set on a duplicate merged into another lead. */
  mergedInto?: string;
  capturedAt: string;
  updatedAt: string;
  /** The submissions of the last minutes (or, with an Idempotency-Key, hours): a retry of one is answered as it was, and changes nothing. */
  recentSubmissions?: RememberedSubmission[];
  /** When lead.captured was published; absent until it was. */
  announcedAt?: string;
  /** The last hot episode announced (by lead.captured or lead.became-hot). */
  hotAnnounced?: number;
  /** Optimistic lock: every update must name the version it read. */
  version: number;
};

/** What the request adds to the form: when, and from where. */
export type Submission<Form extends SubmittedForm = SubmittedForm> = { form: Form; at: string; ip?: string; consentTextVersion: string };

/** Enough to answer a retry as the first request was answered, for as long as it is recognised. */
export type RememberedSubmission = { key: string; status: 201 | 200; temperature: Temperature; until: string };

export function profileOf(form: LeadProfile): LeadProfile {
  const profile: LeadProfile = {};
  for (const field of profileFields) {
    const value = form[field];
    if (value !== undefined) Object.assign(profile, { [field]: value });
  }
  return profile;
}

export function touchOf({ form, at }: Submission): Touch {
  return compact({
    at,
    formId: form.formId,
    pageUrl: form.pageUrl,
    utmSource: form.utm_source,
    utmMedium: form.utm_medium,
    utmCampaign: form.utm_campaign,
  });
}

/** Consent evidence for a submission that opted in; none otherwise. */
export function consentOf({ form, at, ip, consentTextVersion }: Submission): ConsentEvidence | undefined {
  if (!form.consent) return undefined;
  return compact({
    at,
    textVersion: form.consentVersion ?? consentTextVersion,
    formId: form.formId,
    pageUrl: form.pageUrl,
    ip,
  });
}

/**
 * A repeat submission: new non-empty fields win, the first touch stays, the
 * new touch becomes the last, and the visit counts as a re-inquiry. Consent,
 * once given, is not withdrawn by a form that lacks the box.
 */
export function mergeSubmission(lead: Lead, submission: Submission): Omit<Lead, 'score'> {
  return {
    ...lead,
    profile: { ...lead.profile, ...profileOf(submission.form) },
    lastTouch: touchOf(submission),
    consent: consentOf(submission) ?? lead.consent,
    signals: [...lead.signals, { type: 're-inquiry' as const, at: submission.at }].slice(-maxSignals),
    updatedAt: submission.at,
    version: lead.version + 1,
  };
}

/** The person's name as forms gave it; absent when they gave none. */
export function leadName(lead: Pick<Lead, 'profile'>): string | undefined {
  return [lead.profile.firstName, lead.profile.lastName].filter(Boolean).join(' ') || undefined;
}

/** Whether `text` has the shape of a lead id (a random UUID, as capture gives them). */
export function isLeadId(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text);
}

/** The id leads are filed under for their owner: a rep's id, or `queue:<name>`. */
export function ownerIdOf(owner: Owner | undefined): string | undefined {
  if (!owner) return undefined;
  return owner.type === 'rep' ? owner.repId : `queue:${owner.queue}`;
}

/** How people call an owner: the rep's name, or the queue's. */
export function ownerName(owner: Owner): string {
  return owner.type === 'rep' ? owner.name : `the ${owner.queue} queue`;
}

/** Where an owner is told about the lead: the rep, or the person who watches the queue. */
export function ownerEmail(owner: Owner): string {
  return owner.type === 'rep' ? owner.email : owner.notifyEmail;
}

/** Drops undefined members so that stored items carry no empty attributes. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
