/**
 * What each kind of email template may print and which front matter it takes.
 * A template's kind is the folder it lives in (`templates/handoff/…`). The build
 * refuses any variable not listed here, so a typo fails `npm run templates:check`
 * instead of sending an email with a blank where a name should be.
 * templates/README.md lists the same sets for the people who write templates.
 */

/** How a value prints. A list is a one-element array holding the shape of its items. */
export type Field = 'text' | 'number' | 'url' | 'date-time';
export type Shape = Field | { readonly [name: string]: Shape } | readonly [Shape];

export type FrontMatterField = 'subject' | 'preheader' | 'delay' | 'conditions';

export type TemplateKind = {
  frontMatter: Partial<Record<FrontMatterField, 'required' | 'optional'>>;
  variables: { readonly [name: string]: Shape };
  /**
   * The templates are the steps of sequences: each lives in a track folder,
   * `<kind>/<track>/<NN>-<slug>.mjml`, and a track's steps go out in file-name order.
   */
  sequences?: true;
};

const touch = {
  formId: 'text',
  pageUrl: 'url',
  utmSource: 'text',
  utmMedium: 'text',
  utmCampaign: 'text',
  at: 'date-time',
} as const;

// The sender, printable by every kind: CAN-SPAM wants a postal address in every message.
const company = { name: 'text', postalAddress: 'text' } as const;

// The weekly review's charts: counts with the share of a bar each fills, ready to print.
const outcomeBar = {
  total: 'number',
  purchased: 'number',
  inProgress: 'number',
  notInterested: 'number',
  purchasedPercent: 'number',
  inProgressPercent: 'number',
  notInterestedPercent: 'number',
} as const;
// Change since last week: `delta` is never negative, `direction` is up, down or same.
const trend = { delta: 'number', direction: 'text' } as const;
const namedLead = { name: 'text', company: 'text' } as const;
const funnelRow = { key: 'text', captured: 'number', hot: 'number', handedOff: 'number', purchased: 'number' } as const;
const planTouches = { due: 'number', onTime: 'number', late: 'number', skipped: 'number', notDone: 'number' } as const;

// One next step of a lead in the morning list; `dueLocal` is in the rep's time zone, `setByRep` true when the rep set the step, `actions` empty on a customer's check-in.
const dueStep = {
  lead: { leadId: 'text', name: 'text', company: 'text', email: 'text', phone: 'text' },
  kind: 'text',
  channel: 'text',
  instruction: 'text',
  dueLocal: 'text',
  setByRep: 'text',
  step: 'text',
  actions: { contactedUrl: 'url', notInterestedUrl: 'url', purchasedUrl: 'url' },
} as const;

export const templateKinds = {
  /** The emails about a hot lead's owner: the handoff, the deadline's reminder and escalation, and the notices when it moves. */
  handoff: {
    frontMatter: { subject: 'required', preheader: 'required' },
    variables: {
      lead: {
        name: 'text',
        firstName: 'text',
        lastName: 'text',
        email: 'text',
        phone: 'text',
        company: 'text',
        jobTitle: 'text',
        country: 'text',
        need: 'text',
        score: 'number',
        temperature: 'text',
        breakdown: [{ rule: 'text', points: 'number', reason: 'text' }],
        firstTouch: touch,
        lastTouch: touch,
      },
      rep: { name: 'text', email: 'text' },
      handoff: {
        deadline: 'date-time',
        deadlineLocal: 'text',
        escalateLocal: 'text',
        reassignLocal: 'text',
        reason: 'text',
        rule: 'text',
        missed: [{ name: 'text', deadlineLocal: 'text' }],
        parked: 'text',
        parksNext: 'text',
        ownedByQueue: 'text',
        previous: { name: 'text', why: 'text' },
      },
      nurture: { history: [{ subject: 'text', sentAt: 'date-time', openedAt: 'date-time', clickedLinks: ['url'] }] },
      actions: { contactedUrl: 'url', notInterestedUrl: 'url', purchasedUrl: 'url', leadUrl: 'url' },
      company,
    },
  },
  /** A tip of a nurture sequence, sent to a lead who confirmed they want them. */
  nurture: {
    frontMatter: { subject: 'required', preheader: 'required', delay: 'required', conditions: 'optional' },
    sequences: true,
    variables: {
      lead: {
        name: 'text',
        firstName: 'text',
        lastName: 'text',
        email: 'text',
        company: 'text',
        jobTitle: 'text',
        country: 'text',
        interest: 'text',
        temperature: 'text',
      },
      links: { unsubscribeUrl: 'url' },
      // Where the step sits: `step` counts from 1 within the track, `steps` is the track's length.
      sequence: { track: 'text', step: 'number', steps: 'number' },
      company,
    },
  },
  /** The double opt-in email: nothing else is sent to a lead before they click its link. */
  subscription: {
    frontMatter: { subject: 'required', preheader: 'required' },
    variables: {
      lead: { name: 'text', firstName: 'text' },
      links: { confirmUrl: 'url', unsubscribeUrl: 'url' },
      company,
    },
  },
  /** The weekly lead review, one per manager, built by functions/review/review-email.ts. */
  review: {
    frontMatter: { subject: 'required', preheader: 'required' },
    variables: {
      manager: { email: 'text', name: 'text' },
      // `label` is the week on the review's calendar ("23–29 Nov 2026"); start and end print in UTC.
      week: { id: 'text', start: 'date-time', end: 'date-time', label: 'text', previous: 'text' },
      // `touches`: plan touches due this week, due = onTime + late + skipped + notDone; `overdueSteps`: open leads whose next step is overdue.
      team: { reps: 'number', received: outcomeBar, owned: outcomeBar, contacts: 'number', deadlinesDue: 'number', deadlinesMet: 'number', staleLeads: 'number', touches: planTouches, overdueSteps: 'number' },
      // Leads waiting in this manager's queue after repeated missed first-contact deadlines.
      parked: [{ ...namedLead, missedBy: 'text', missedDeadlines: 'number', since: 'text', days: 'number' }],
      parkedLeads: 'number',
      parkedMore: 'number',
      // `kind` is team, total or rep; durations are text such as "3 h 10 min", empty without first contacts.
      speedToLead: { clock: 'text', rows: [{ kind: 'text', label: 'text', median: 'text', p90: 'text', withinDeadline: 'text', summary: 'text', counts: 'text' }] },
      recognition: [{ name: 'text', score: 'number', reason: 'text' }],
      ranking: [{ place: 'number', name: 'text', score: 'number' }],
      reps: [
        {
          name: 'text',
          email: 'text',
          status: 'text',
          score: 'number',
          scoreParts: [{ label: 'text', weight: 'number', points: 'number', detail: 'text' }],
          received: outcomeBar,
          owned: outcomeBar,
          inProgressBy: [{ label: 'text', count: 'number', percent: 'number' }],
          change: { received: trend, purchased: trend, notInterested: trend, inProgress: trend, contacts: trend },
          deadlines: { due: 'number', met: 'number', missed: [{ ...namedLead, deadline: 'text', contacted: 'text' }], more: 'number' },
          stale: [{ ...namedLead, days: 'number' }],
          staleLeads: 'number',
          staleMore: 'number',
          touches: planTouches,
          // `step` such as "touch 3 of Field: 8 touches over 3 weeks", `due` in the review's time zone, `days` overdue.
          overdue: [{ ...namedLead, step: 'text', due: 'text', days: 'number' }],
          overdueSteps: 'number',
          overdueMore: 'number',
          // `after`: "after 2 of 5 plan touches", or "after 1 contact" for a lead without a plan.
          givingUp: { averageContacts: 'text', early: [{ ...namedLead, contacts: 'number', after: 'text', reason: 'text' }], more: 'number' },
          focus: { items: ['text'], setBy: 'text' },
          done: { contacts: 'number', firstContacts: 'number', purchased: [namedLead], notInterested: [namedLead] },
        },
      ],
      followUpDebt: [{ name: 'text', staleLeads: 'number', oldestDays: 'number' }],
      territories: [
        {
          label: 'text',
          reps: 'text',
          inquiries: 'number',
          inquiriesNeeded: 'number',
          inquiriesPercent: 'number',
          qualified: 'number',
          qualifiedNeeded: 'number',
          qualifiedPercent: 'number',
          verdict: 'text',
          verdictLabel: 'text',
        },
      ],
      // Every contact plan: leads that reached each touch (`percent` of the plan's leads) and the touch before each purchase ("touch 3", "before touch 1").
      plans: [{ name: 'text', leads: 'number', reached: [{ touch: 'number', leads: 'number', percent: 'number' }], purchased: 'number', purchasedAfter: [{ label: 'text', leads: 'number' }] }],
      funnel: {
        stages: [{ label: 'text', count: 'number', percent: 'number', fromPrevious: 'text' }],
        sources: [funnelRow],
        campaigns: [funnelRow],
        tipsBeforeHot: { leads: 'number', averageTips: 'text', lastTips: [{ templateId: 'text', count: 'number' }] },
      },
      hygiene: {
        stale: [{ ...namedLead, owner: 'text', days: 'number' }],
        staleLeads: 'number',
        staleMore: 'number',
        orphaned: [{ ...namedLead, owner: 'text', reason: 'text' }],
        orphanedLeads: 'number',
        orphanedMore: 'number',
        duplicates: [{ leads: 'text', reason: 'text' }],
        duplicateGroups: 'number',
        duplicatesMore: 'number',
      },
      links: { reportUrl: 'url' },
      company,
    },
  },
  /** The morning list, one per rep and working day, built by functions/plans/morning-list.ts. */
  plans: {
    frontMatter: { subject: 'required', preheader: 'required' },
    variables: {
      rep: { name: 'text', firstName: 'text', email: 'text' },
      // `date` is the rep's day as their calendar shows it ("Monday 7 Dec"); the counts are of the steps listed.
      list: { date: 'text', due: 'number', overdue: 'number', total: 'number' },
      overdue: [dueStep],
      today: [dueStep],
      company,
    },
  },
  /**
   * The alerts about sending, to every manager, built by functions/alerts/:
   * marketing's brake was pulled (`pause`), or an email to a colleague bounced
   * or drew a complaint (`failure`). Each template uses its own half.
   */
  alerts: {
    frontMatter: { subject: 'required', preheader: 'required' },
    variables: {
      manager: { email: 'text' },
      // Rates and thresholds are percentages ready to print ("3.4%"); `over` is true for the rate that reached its threshold.
      pause: {
        because: 'text',
        sends: 'number',
        windowDays: 'number',
        bounces: { count: 'number', rate: 'text', threshold: 'text', over: 'text' },
        complaints: { count: 'number', rate: 'text', threshold: 'text', over: 'text' },
        at: 'date-time',
        // `event` is bounced or complained; `leadCount` counts them all, `leadsMore` those not listed.
        leads: [{ name: 'text', company: 'text', event: 'text' }],
        leadCount: 'number',
        leadsMore: 'number',
      },
      // `type` is bounce or complaint; `email` says which email in words ("a first-contact reminder"); `role` who the person is to the team.
      failure: {
        type: 'text',
        person: { name: 'text', email: 'text', role: 'text' },
        email: 'text',
        diagnostic: 'text',
        at: 'date-time',
      },
      links: { marketingUrl: 'url', rosterUrl: 'url' },
      company,
    },
  },
} as const satisfies Record<string, TemplateKind>;

export type TemplateKindName = keyof typeof templateKinds;
