import type { NextStep, StepRecord } from '../leads/lead.ts';
import type { BusinessHours } from '../routing/business-time.ts';
import type { Rep } from '../routing/rep.ts';

/**
 * What the weekly lead review is built from: plain data read by queries (by
 * owner, by day captured), never a scan. Times are ISO 8601 strings.
 */
export type ReviewInput = {
  /** ISO week, such as 2026-W48, and its bounds in the review's time zone. */
  week: { id: string; start: string; end: string };
  reps: Array<Rep & { assignedCount: number }>;
  /** Every lead any rep owned during or before the week that is still theirs (open or closed). */
  ownedLeads: ReviewLead[];
  /** Leads captured during the week (the marketing funnel's cohort), owned or not. */
  capturedLeads: ReviewLead[];
  /** Coaching focus items for the week under review, set by managers the week before. */
  focus: Array<{ repId: string; week: string; items: string[]; setBy: string }>;
  /**
   * The routing policy's business hours (`firstContact.businessHours`): speed
   * to lead counts only them, in each rep's time zone, as the deadlines do.
   * Absent: plain minutes.
   */
  businessHours?: BusinessHours;
  /** Last week's report, for week-over-week change; absent the first time. */
  previous?: { week: string; perRep: Array<{ repId: string; received: number; purchased: number; notInterested: number; inProgress: number; contacts: number }> };
};

export type ReviewLead = {
  leadId: string;
  name: string;
  company?: string;
  email: string;
  capturedAt: string;
  status: 'new' | 'assigned' | 'in-progress' | 'purchased' | 'not-interested';
  temperature: 'hot' | 'warm' | 'cold';
  /** The temperature the lead had when captured (from its `captured` history entry). */
  capturedTemperature: 'hot' | 'warm' | 'cold';
  ownerRepId?: string;
  /** Owner is a fallback queue rather than a rep. */
  ownerQueue?: string;
  /** Who watches that queue: for a parked lead, its manager. */
  ownerNotifyEmail?: string;
  assignedAt?: string;
  deadlineAt?: string;
  /** First-contact deadlines missed earlier in this hot episode by previous owners (`ownerId`: a repId or `queue:<name>`). */
  missedDeadlines?: Array<{ ownerId: string; name: string; deadlineAt: string }>;
  /** Left in the manager's queue after too many missed deadlines. */
  parked?: boolean;
  /** The first logged contact of the current assignment. Closing a lead as not interested is not one. */
  firstContactAt?: string;
  lastProgressAt?: string;
  /** Last activity of any kind (email, engagement, sales), for hygiene. */
  updatedAt: string;
  contactCount: number;
  /** Contacts logged during the review week, with when. */
  contactsInWeek: string[];
  holdBack?: string;
  notInterestedReason?: string;
  purchaseValue?: number;
  closedAt?: string;
  hotEpisode: number;
  /** The nurture tips sent before the lead turned hot, in order (template ids). */
  tipsBeforeHot: string[];
  nurtured: boolean;
  source: { formId?: string; utmSource?: string; utmCampaign?: string };
  country?: string;
  region?: string;
  /** The contact plan the lead follows with sales (its latest hot episode's), absent for leads handed off before plans. */
  plan?: ReviewPlan;
};

/** What the review reads of a lead's contact plan: every step recorded, and the one step due next. */
export type ReviewPlan = {
  planId: string;
  name: string;
  /** How many touches the plan has. */
  length: number;
  startedAt: string;
  steps: StepRecord[];
  /** Absent on a lead closed as not interested; a check-in after a purchase. */
  next?: Pick<NextStep, 'kind' | 'touch' | 'dueAt'>;
};
