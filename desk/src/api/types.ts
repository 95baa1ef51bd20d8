import type { HistoryEntry } from '../../../functions/leads/history.ts';
import type { Lead, LeadStatus } from '../../../functions/leads/lead.ts';
import type { Channel } from '../../../functions/leads/vocabulary.ts';
// The shapes of Stoke's answers the desk reads. The lead, its history and the vocabulary are
// the functions' own types (imported as types: nothing of the functions is bundled but the
// vocabulary's lists); the answers the sales desk shapes itself are written out here.

export { type Channel, channels } from '../../../functions/leads/vocabulary.ts';

/** A lead's one next step as the inbox lists it (`nextStep` of `GET /me/leads`). */
export type InboxStep = {
  kind: 'touch' | 'after-plan' | 'check-in';
  touch?: number;
  ofTouches: number;
  plan: string;
  channel: Channel;
  dueAt: string;
  instruction: string;
  setBy?: string;
  overdue: boolean;
};

/** One lead of `GET /me/leads`. */
export type InboxLead = {
  leadId: string;
  name: string;
  company?: string;
  status: LeadStatus;
  temperature: 'hot' | 'warm' | 'cold';
  score: number;
  /** The first-contact deadline, while nobody has contacted the lead. */
  dueAt?: string;
  firstContactAt?: string;
  lastProgressAt?: string;
  contactCount: number;
  holdBack?: string;
  nextStep?: InboxStep;
  /** The owner's time zone, which the lead's times read in. */
  timeZone?: string;
};

export type { Lead, LeadStatus, NextStep, Owner, Touch } from '../../../functions/leads/lead.ts';
export type { HistoryEntry };
export type ScoreLine = { rule: string; points: number; reason: string };


/** An email engagement signal, when `GET /leads/{leadId}` gives them. */
export type EngagementSignal = {
  type: string;
  at: string;
  link?: string;
  human?: boolean;
  filteredBecause?: string;
  points?: number;
  reason?: string;
};

/** `GET /leads/{leadId}`: `signals` is coming; rendered when present. */
export type LeadDetail = {
  lead: Lead;
  history: HistoryEntry[];
  signals?: EngagementSignal[];
  /** The sales policy's lists the forms offer, sent along so that the page is one request. */
  choices: { holdBackCategories: Array<{ id: string; label: string }>; notInterestedReasons: Array<{ id: string; label: string }> };
};

/** A 400 answer: one message per field. */
export type FieldError = { field: string; message: string };

/** What a lead on the team board is late on (`late` of `GET /team`). */
export type LateOn = { firstContact: boolean; withoutProgress: boolean; behind: boolean; nextStep: boolean };

export type BoardLead = InboxLead & { late: LateOn };

/** One rep's row of `GET /team`, as functions/sales/team-board.ts gives it. */
export type RepOnBoard = {
  repId: string;
  name: string;
  email: string;
  team: string;
  active: boolean;
  capacity: number;
  openLeads: number;
  overdueFirstContacts: number;
  withoutProgress: number;
  behind: number;
  inFollowUpDebt: boolean;
  nextStepsOverdue: number;
  leads: BoardLead[];
};

/** `GET /team`: the manager's reps and the fallback queues' leads waiting for them. */
export type TeamBoard = { managerEmail: string; at: string; reps: RepOnBoard[]; queues: Array<{ queue: string; leads: BoardLead[] }> };

/** A rep of the roster (`GET /reps`, `POST /reps`, `PUT /reps/{repId}`), as functions/routing/rep.ts parses it. */
export type Rep = {
  repId: string;
  name: string;
  email: string;
  managerEmail: string;
  team: string;
  territories: Array<{ country: string; region?: string }>;
  active: boolean;
  capacity: number;
  weight: number;
  timezone: string;
  assignedCount?: number;
};

// `GET /reports/weekly`, as functions/review/weekly-review.ts gives it: only what the review page shows.

export type CategoryCount = { id: string; label: string; count: number };
export type Reconciliation = { total: number; purchased: number; notInterested: number; inProgress: number; inProgressBy: CategoryCount[] };
export type PlanTouches = { due: number; onTime: number; late: number; skipped: number; notDone: number };
export type SpeedToLead = { firstContacts: number; medianMinutes: number | null; p90Minutes: number | null; deadlinesDue: number; deadlinesMet: number; withinDeadline: number | null };
export type ScorePart = { id: string; label: string; weight: number; value: number; points: number; detail: string };
export type LeadRef = { leadId: string; name: string; company?: string };

export type RepReview = {
  repId: string;
  name: string;
  email: string;
  team: string;
  active: boolean;
  received: Reconciliation;
  owned: Reconciliation;
  deadlines: { due: number; met: number; missed: Array<LeadRef & { deadlineAt: string; firstContactAt: string | null; closedWithoutContact: boolean; nowWith: { owner: string; parked: boolean } | null }> };
  speedToLead: SpeedToLead;
  stale: Array<LeadRef & { days: number; since: string }>;
  done: { contacts: number; firstContacts: number; purchased: LeadRef[]; notInterested: LeadRef[] };
  touches: PlanTouches;
  overdueSteps: Array<LeadRef & { plan: string; kind: string; touch: number | null; dueAt: string; daysOverdue: number }>;
  givingUp: { averageContacts: number | null; early: Array<LeadRef & { contacts: number; touchesDone: number | null; beforeTouch: number | null; reason: string | null; reasonLabel: string | null }> };
  focus: { items: string[]; setBy: string[] };
  followUpScore: number | null;
  followUpScoreParts: ScorePart[];
  change: { received: number; purchased: number; notInterested: number; inProgress: number; contacts: number } | null;
};

export type FunnelStage = { id: string; label: string; count: number; ofCaptured: number | null; fromPrevious: number | null };

export type WeeklyReview = {
  week: { id: string; start: string; end: string; timeZone: string };
  generatedAt: string;
  categories: Array<{ id: string; label: string }>;
  previousWeek: string | null;
  reps: RepReview[];
  ranking: Array<{ repId: string; name: string; score: number; givenUpEarly: number }>;
  followUpDebt: Array<{ repId: string; name: string; staleLeads: number; oldestDays: number }>;
  team: { received: Reconciliation; owned: Reconciliation; contacts: number; touches: PlanTouches; overdueSteps: number };
  speedToLead: { clock: 'business' | 'calendar'; teams: Array<SpeedToLead & { team: string; reps: number }>; total: SpeedToLead };
  parked: Array<LeadRef & { managerEmail: string; queue: string; since: string; days: number }>;
  funnel: { stages: FunnelStage[] };
};
