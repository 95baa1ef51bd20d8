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
  team: { received: Reconciliation; owned: Reconciliation; contacts: number };
  /** Every owned lead, once: the rep lists plus the leads no rep of the roster holds. */
  accounting: { ownedLeads: number; ofReps: number; ofQueues: number; ofUnknownOwners: number };
  territories: TerritoryReview[];
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
};

export type StaleLead = LeadRef & { days: number; since: string };

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
  /** First-contact deadlines that fell due during the week. */
  deadlines: { due: number; met: number; missed: Array<LeadRef & { deadlineAt: string; firstContactAt: string | null }> };
  /** Of leads first contacted during the week, from assignment to first contact. */
  medianMinutesToFirstContact: number | null;
  /** Open leads without logged progress for the policy's staleAfterDays, oldest first. */
  stale: StaleLead[];
  /** What the rep did during the week, to set beside the focus items. */
  done: { contacts: number; firstContacts: number; purchased: LeadRef[]; notInterested: LeadRef[] };
  /** Leads closed as not interested during the week: how hard the rep tried first. */
  givingUp: {
    averageContacts: number | null;
    early: Array<LeadRef & { contacts: number; reason: string | null; reasonLabel: string | null }>;
  };
  /** What the manager asked the rep to work on this week. */
  focus: { items: string[]; setBy: string[] };
  /** 0 to 100, see follow-up-score.ts; null for a rep who had nothing to follow up (a week without leads is not a perfect week). */
  followUpScore: number | null;
  /** This week minus the previous report's, for the leads received that week; null without a previous report of the rep. */
  change: { received: number; purchased: number; notInterested: number; inProgress: number; contacts: number } | null;
  leads: ReviewedLead[];
};

export type RankedRep = { repId: string; name: string; score: number; deadlinesDue: number; deadlinesMet: number; contacts: number; openLeads: number };

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
