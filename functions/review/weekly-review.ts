import type { NextStep } from '../leads/lead.ts';
import type { BusinessHours } from '../routing/business-time.ts';
import type { ReviewLead } from './review-input.ts';

/**
 * The weekly lead review as built by buildWeeklyReview: plain JSON, stored as
 * it is and read by the CSV and the managers' email. Absent figures are null
 * (a median of nothing), so that a stored report shows them as absent too.
 */
export type WeeklyReview = {
  week: { id: string; start: string; end: string; timeZone: string };
  generatedAt: string;
  /** The in-progress categories in display order: awaiting first contact, the policy's hold-backs, not categorised. */
  categories: Array<{ id: string; label: string }>;
  /** The week compared with, when last week's report was given. */
  previousWeek: string | null;
  /** Every rep of the roster, active or not, by name. */
  reps: RepReview[];
  /** Active reps without stale leads who had leads to follow up, best follow-up first. */
  ranking: RankedRep[];
  /** Active reps with stale leads, most first: coach them one-on-one. */
  followUpDebt: RepInDebt[];
  /** The whole roster's figures, each the sum of the reps'. */
  team: { received: Reconciliation; owned: Reconciliation; contacts: number; touches: PlanTouches; overdueSteps: number };
  /** Every owned lead, once: the rep lists plus the leads no rep of the roster holds. */
  accounting: { ownedLeads: number; ofReps: number; ofQueues: number; ofUnknownOwners: number };
  /** How fast handed-off leads were first contacted, per team (reps grouped by `team`) and for the whole roster. */
  speedToLead: {
    /** `business`: counted in the routing policy's business hours, in each rep's time zone; `calendar`: plain minutes (the policy sets no business hours). */
    clock: 'business' | 'calendar';
    businessHours: BusinessHours | null;
    teams: Array<SpeedToLead & { team: string; reps: number }>;
    total: SpeedToLead;
  };
  /** Open leads left in a manager's queue after too many missed first-contact deadlines, longest waiting first. */
  parked: ParkedLead[];
  territories: TerritoryReview[];
  /** Every contact plan the review's leads follow: how far its leads got and which touch preceded each purchase (plan-review.ts). */
  plans: PlanReview[];
  funnel: MarketingFunnel;
  hygiene: Hygiene;
};

export type LeadRef = Pick<ReviewLead, 'leadId' | 'name' | 'company'>;

export type CategoryCount = { id: string; label: string; count: number };

/** received (or owned) = purchased + notInterested + inProgress, and inProgress = the sum of inProgressBy. */
export type Reconciliation = {
  total: number;
  purchased: number;
  notInterested: number;
  inProgress: number;
  /** Every category of `WeeklyReview.categories`, in that order, zeros included. */
  inProgressBy: CategoryCount[];
};

export type Outcome = 'purchased' | 'not-interested' | 'in-progress';

/** One owned lead as the review files it: every lead of a rep is in exactly one outcome, and one category when in progress. */
export type ReviewedLead = LeadRef & {
  status: ReviewLead['status'];
  outcome: Outcome;
  /** The in-progress category; null for purchased and not-interested leads. */
  category: string | null;
  receivedInWeek: boolean;
  assignedAt: string | null;
  contacts: number;
  contactsInWeek: number;
  /** Days since the last logged progress, for open leads. */
  daysWithoutProgress: number | null;
  notInterestedReason: string | null;
  purchaseValue: number | null;
  /** The contact plan's name, its touches done, and when its next step is due; null for a lead without a plan (or without a next step). */
  plan: string | null;
  touchesDone: number | null;
  nextStepDueAt: string | null;
};

export type StaleLead = LeadRef & { days: number; since: string };

/** Plan touches due in a week, by what became of them: due = onTime + late + skipped + notDone. */
export type PlanTouches = { due: number; onTime: number; late: number; skipped: number; notDone: number };

/** An open lead whose next step was due before the end of the week and is still waiting. */
export type OverdueStep = LeadRef & {
  /** The plan's name. */
  plan: string;
  kind: NextStep['kind'];
  /** Which touch of the plan; null for the step after the plan. */
  touch: number | null;
  dueAt: string;
  /** Whole days from dueAt to when the review was made. */
  daysOverdue: number;
};

/** One contact plan, over every lead of the review whose plan started (at any time). */
export type PlanReview = {
  planId: string;
  name: string;
  /** Touches in the plan. */
  length: number;
  leads: number;
  /** For touch 1 to length: leads that did that touch or a later one (skipped touches not counted). */
  reached: Array<{ touch: number; leads: number }>;
  purchased: number;
  /** For touch 0 to length: purchased leads whose last touch done before the purchase was that one (0: none done). Adds up to `purchased`. */
  purchasedAfter: Array<{ touch: number; leads: number }>;
};

export type RepReview = {
  repId: string;
  name: string;
  email: string;
  team: string;
  active: boolean;
  /** Leads assigned to the rep during the week, where they stand now. */
  received: Reconciliation;
  /** Every lead the rep owns, open or closed. */
  owned: Reconciliation;
  /**
   * First-contact deadlines of the rep's that fell due during the week: those
   * of the leads they own, and those they missed on leads since taken from them.
   */
  deadlines: { due: number; met: number; missed: MissedDeadline[] };
  /** From handoff to first logged contact, over the first contacts logged during the week. */
  speedToLead: SpeedToLead;
  /** Open leads without logged progress for the policy's staleAfterDays, oldest first. */
  stale: StaleLead[];
  /** What the rep did during the week, to set beside the focus items. */
  done: { contacts: number; firstContacts: number; purchased: LeadRef[]; notInterested: LeadRef[] };
  /** Plan touches of the rep's leads due during the week: due = onTime + late + skipped + notDone (plan-review.ts). */
  touches: PlanTouches;
  /** Open leads whose plan's next step was due before the week ended and still waits, oldest first. */
  overdueSteps: OverdueStep[];
  /**
   * Leads closed as not interested during the week: how hard the rep tried
   * first. Given up early: closed before touch `beforeTouch` of the lead's
   * plan (the fifth, or the last of a shorter plan), or, for a lead without
   * a plan, after at most the policy's givenUpAfterContacts contacts.
   */
  givingUp: {
    averageContacts: number | null;
    early: Array<LeadRef & {
      contacts: number;
      /** Plan touches done when it was closed, and the touch it was closed before; null for a lead without a plan (judged by contacts). */
      touchesDone: number | null;
      beforeTouch: number | null;
      reason: string | null;
      reasonLabel: string | null;
    }>;
  };
  /** What the manager asked the rep to work on this week. */
  focus: { items: string[]; setBy: string[] };
  /** 0 to 100, see follow-up-score.ts; null for a rep who had nothing to follow up (a week without leads is not a perfect week). */
  followUpScore: number | null;
  /** How the score was made: the parts that applied to the rep's week, their points adding up to the score. Empty when the score is null. */
  followUpScoreParts: ScorePart[];
  /** This week minus the previous report's, for the leads received that week; null without a previous report of the rep. */
  change: { received: number; purchased: number; notInterested: number; inProgress: number; contacts: number } | null;
  leads: ReviewedLead[];
};

/** A missed first-contact deadline of the rep's. */
export type MissedDeadline = LeadRef & {
  deadlineAt: string;
  /** The rep's own late first contact; null when they made none. */
  firstContactAt: string | null;
  /** Closed without a single logged contact: closing is not contacting. */
  closedWithoutContact: boolean;
  /**
   * Set when the lead was taken from the rep for the miss: who holds it now,
   * a rep's name or `queue:<name>`, or the manager's email when it is parked.
   */
  nowWith: { owner: string; parked: boolean } | null;
};

/**
 * Speed to lead: time from handoff (`assignedAt`) to the first logged contact,
 * in business minutes when the review has business hours. `p90Minutes` is the
 * nearest-rank 90th percentile: the ⌈0.9 × n⌉-th smallest time, a time that
 * was actually measured, which 90% of first contacts did not exceed.
 */
export type SpeedToLead = {
  /** First contacts logged during the week that the times are taken from. */
  firstContacts: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** First-contact deadlines due during the week, and those met. */
  deadlinesDue: number;
  deadlinesMet: number;
  /** deadlinesMet / deadlinesDue, 0 to 1; null with none due. */
  withinDeadline: number | null;
};

export type ScorePartId = 'speed' | 'persistence' | 'outcomes';

/** One part of a follow-up score, as a manager explains it to the rep. */
export type ScorePart = {
  id: ScorePartId;
  label: string;
  /** The points this part was worth in this rep's score: the weights of the parts that applied, scaled to add up to 100. */
  weight: number;
  /** How much of it the rep earned, 0 to 1. */
  value: number;
  /** weight × value, rounded so that the parts add up to the score. */
  points: number;
  /** "1 of 2 first-contact deadlines met". */
  detail: string;
};

export type RankedRep = {
  repId: string;
  name: string;
  score: number;
  parts: ScorePart[];
  deadlinesDue: number;
  deadlinesMet: number;
  contacts: number;
  openLeads: number;
  /** Leads closed as not interested during the week after at most givenUpAfterContacts contacts. */
  givenUpEarly: number;
};

/** A lead waiting for a manager's decision: nobody contacted it in time, however often it moved. */
export type ParkedLead = LeadRef & {
  /** The manager it waits for: the queue owner's `notifyEmail`. */
  managerEmail: string;
  queue: string;
  /** When it was parked. */
  since: string;
  days: number;
  /** The deadlines missed in this hot episode, oldest first. */
  missed: Array<{ ownerId: string; name: string; deadlineAt: string }>;
};

export type RepInDebt = { repId: string; name: string; staleLeads: number; oldestDays: number };

export type TerritoryVerdict = 'under-served' | 'on-target' | 'over-delivering' | 'uncovered';

export type TerritoryReview = {
  /** Null for the leads no territory rep covers: they go to the reps without a territory. */
  country: string | null;
  region: string | null;
  label: string;
  /** Active reps covering it, by name. */
  reps: Array<{ repId: string; name: string }>;
  /** Leads captured during the week. */
  inquiries: number;
  inquiriesNeeded: number;
  /** Of those, the ones that turned hot. */
  qualified: number;
  qualifiedNeeded: number;
  verdict: TerritoryVerdict;
};

export type FunnelStageId = 'captured' | 'warm' | 'nurtured' | 'hot' | 'handed-off' | 'purchased';

export type FunnelStage = {
  id: FunnelStageId;
  label: string;
  count: number;
  /** Share of the captured leads, 0 to 1. */
  ofCaptured: number | null;
  /** Count over the previous stage's. Can pass 1: leads captured hot skip nurture. */
  fromPrevious: number | null;
};

export type MarketingFunnel = {
  stages: FunnelStage[];
  /** By utm source, else form, else "direct"; most captured first. */
  bySource: Array<{ key: string; stages: FunnelStage[] }>;
  byCampaign: Array<{ key: string; stages: FunnelStage[] }>;
  /** Leads handed off during the week after nurture tips: which tip they read last. */
  tipsBeforeHot: { leads: number; averageTips: number | null; lastTips: Array<{ templateId: string; count: number }> };
};

export type OrphanReason = 'inactive-rep' | 'queue' | 'unknown-rep';
export type DuplicateReason = 'same-name-and-company' | 'same-address';

/** Who holds a lead, as a manager reads it: the rep's name, `queue:<name>`, an unknown rep's id, or nobody. */
export type OwnerOf = { owner: string | null; ownerRepId: string | null };

export type Hygiene = {
  /** Open leads with no activity of any kind for the policy's hygiene.staleAfterDays, oldest first. */
  stale: Array<StaleLead & OwnerOf>;
  /** Open leads nobody active is accountable for. */
  orphaned: Array<LeadRef & OwnerOf & { reason: OrphanReason }>;
  duplicates: Array<{ reasons: DuplicateReason[]; leads: Array<LeadRef & OwnerOf & { email: string }> }>;
};
