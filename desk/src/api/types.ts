// The shapes of Stoke's answers the desk reads, as functions/sales/handlers/sales-desk.ts
// and functions/leads/lead.ts give them. Only what the desk shows is named here.

export type Channel = 'call' | 'email' | 'meeting';
export const channels: readonly Channel[] = ['call', 'email', 'meeting'];

export type LeadStatus = 'new' | 'assigned' | 'in-progress' | 'purchased' | 'not-interested';

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
};

export type ScoreLine = { rule: string; points: number; reason: string };

export type NextStep = {
  kind: 'touch' | 'after-plan' | 'check-in';
  touch?: number;
  channel: Channel;
  dueAt: string;
  instruction: string;
  setBy?: string;
  setAt: string;
};

export type Touch = { at: string; formId?: string; pageUrl?: string; utmSource?: string; utmMedium?: string; utmCampaign?: string };

export type Owner =
  | { type: 'rep'; repId: string; name: string; email: string; managerEmail: string; team: string; timezone: string }
  | { type: 'queue'; queue: string; notifyEmail: string };

export type Lead = {
  leadId: string;
  email: string;
  profile: {
    firstName?: string;
    lastName?: string;
    company?: string;
    jobTitle?: string;
    phone?: string;
    country?: string;
    region?: string;
    timezone?: string;
    budget?: string;
    authority?: string;
    need?: string;
    interest?: string;
    timeline?: string;
  };
  firstTouch: Touch;
  lastTouch: Touch;
  emailEngagement?: ScoreLine[];
  score: { total: number; fit: number; engagement: number; temperature: 'hot' | 'warm' | 'cold'; breakdown: ScoreLine[] };
  status: LeadStatus;
  owner?: Owner;
  assignment?: { at: string; deadlineAt: string; rule: string; reason: string };
  firstContactAt?: string;
  plan?: { planId: string; name: string; length: number; steps: Array<{ touch?: number; outcome: 'done' | 'skipped'; dueAt: string; at: string; onTime: boolean; by: string; reason?: string }>; next?: NextStep };
  contactCount?: number;
  holdBack?: { category: string; note?: string; at: string };
  purchase?: { value?: number; note?: string; at: string };
  notInterested?: { reason: string; returnToNurture: boolean; note?: string; at: string };
  closedAt?: string;
  capturedAt: string;
  updatedAt: string;
};

/** One line of a lead's history: what happened, when, and by whom. */
export type HistoryEntry = { type: string; at: string; by: string; details: Record<string, unknown> };

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
export type LeadDetail = { lead: Lead; history: HistoryEntry[]; signals?: EngagementSignal[] };

/** A 400 answer: one message per field. */
export type FieldError = { field: string; message: string };
