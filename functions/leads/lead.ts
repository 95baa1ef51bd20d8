import type { Score } from '../scoring/score.ts';
import type { LeadForm } from '../capture/lead-form.ts';

export const profileFields = [
  'firstName', 'lastName', 'company', 'jobTitle', 'phone', 'country', 'region', 'timezone',
  'budget', 'authority', 'need', 'interest', 'timeline',
] as const;
export type LeadProfile = Partial<Pick<LeadForm, (typeof profileFields)[number]>>;

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
  score: Score;
  status: 'new';
  capturedAt: string;
  updatedAt: string;
  /** When lead.captured was published; absent until it was. */
  announcedAt?: string;
  /** Optimistic lock: every update must name the version it read. */
  version: number;
};

/** What the request adds to the form: when, and from where. */
export type Submission = { form: LeadForm; at: string; ip?: string; consentTextVersion: string };

export function profileOf(form: LeadForm): LeadProfile {
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

/** Drops undefined members so that stored items carry no empty attributes. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
