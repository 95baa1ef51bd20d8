import type { TemplateKindName } from '../../functions/email/template-variables.ts';
import { ada, type Company, nurtureSamples, sampleCompany, sampleUnsubscribeUrl as unsubscribeUrl } from './preview-company.ts';
import { alertSamplesFor } from './alert-samples.ts';
import { reviewSamplesFor } from './review-samples.ts';
import type { SampleLead } from './sample-lead.ts';

/** The sample leads of every kind, in emails sent as `company`; every kind has a lead without a first name. */
export function sampleLeadsFor(company: Company): Record<TemplateKindName, SampleLead[]> {
  return {
    nurture: nurtureSamples(company),
    subscription: [
      {
        label: 'Ada: with a first name',
        variables: { lead: { name: ada.name, firstName: ada.firstName }, links: { confirmUrl: 'https://stoke.example/email/confirm/sample-token', unsubscribeUrl }, company },
      },
      {
        label: 'Only an email address: no name',
        variables: { lead: {}, links: { confirmUrl: 'https://stoke.example/email/confirm/sample-token', unsubscribeUrl }, company },
      },
    ],
    handoff: [
      {
        label: 'Ada: everything filled in, nurtured before',
        variables: {
          lead: {
            ...ada,
            phone: '+49 30 1234 567',
            need: 'Our follow-up of web leads is slow',
            score: 72,
            temperature: 'hot',
            breakdown: [
              { rule: 'budget', points: 30, reason: 'Budget of 250k or more' },
              { rule: 'authority', points: 25, reason: 'Decision-maker' },
              { rule: 'free-mail', points: -5, reason: 'Writes from a free-mail address' },
            ],
            firstTouch: { formId: 'pricing', pageUrl: 'https://www.example.com/pricing', utmSource: 'google', utmMedium: 'cpc', utmCampaign: 'spring', at: '2026-03-05T09:07:00Z' },
            lastTouch: { formId: 'demo', pageUrl: 'https://www.example.com/demo', at: '2026-03-06T10:00:00Z' },
          },
          rep: { name: 'Rita Rep', email: 'rita@stoke.example' },
          handoff: {
            deadline: '2026-03-06T14:00:00Z',
            deadlineLocal: '15:00 on Friday 6 Mar, your time',
            escalateLocal: '16:00 on Friday 6 Mar, your time',
            reassignLocal: '10:00 on Monday 9 Mar, your time',
            reason: 'Territory DACH',
            rule: 'dach',
            missed: [],
            parksNext: false,
            previous: { name: 'Lena Fischer', why: 'their sales account was deactivated' },
          },
          nurture: { history: [{ subject: 'The first reply wins', openedAt: '2026-03-01T10:00:00Z', clickedLinks: ['https://stoke.example/guides/speed-to-lead'] }] },
          actions: {
            contactedUrl: 'https://stoke.example/actions/contacted-token',
            leadUrl: 'https://stoke.example/desk/leads/sample-lead',
            notInterestedUrl: 'https://stoke.example/actions/not-interested-token',
            purchasedUrl: 'https://stoke.example/actions/purchased-token',
          },
          company,
        },
      },
      {
        label: 'Only an email address; two reps missed their deadlines',
        variables: {
          lead: { name: 'sam.lee@example.com', email: 'sam.lee@example.com', score: 55, temperature: 'hot', breakdown: [{ rule: 'timeline', points: 55, reason: 'Buying now' }], firstTouch: { at: '2026-03-06T10:00:00Z' }, lastTouch: { at: '2026-03-06T10:00:00Z' } },
          rep: { name: 'Rita Rep', email: 'rita@stoke.example' },
          handoff: {
            deadline: '2026-03-06T14:00:00Z',
            deadlineLocal: '15:00 on Friday 6 Mar, your time',
            escalateLocal: '16:00 on Friday 6 Mar, your time',
            reassignLocal: '10:00 on Monday 9 Mar, your time',
            reason: 'No first contact after 2 missed deadlines (Anna Schmidt and Lena Fischer); left in the unassigned queue for maria.keller@stoke.example to decide',
            rule: 'first-contact → missed:2 → manager',
            missed: [
              { name: 'Anna Schmidt', deadlineLocal: '10:00 on Thursday 5 Mar, your time' },
              { name: 'Lena Fischer', deadlineLocal: '14:00 on Thursday 5 Mar, your time' },
            ],
            parked: true,
            parksNext: true,
            previous: { name: 'Lena Fischer', why: 'no first contact was logged by 14:00 on Thursday 5 Mar, your time' },
          },
          nurture: { history: [] },
          actions: {
            contactedUrl: 'https://stoke.example/actions/contacted-token',
            leadUrl: 'https://stoke.example/desk/leads/sample-lead',
            notInterestedUrl: 'https://stoke.example/actions/not-interested-token',
            purchasedUrl: 'https://stoke.example/actions/purchased-token',
          },
          company,
        },
      },
    ],
    review: reviewSamplesFor(company),
    plans: [
      {
        label: 'Rita: two overdue, three due today, one step she set herself, one customer check-in',
        variables: {
          rep: { name: 'Rita Rep', firstName: 'Rita', email: 'rita@stoke.example' },
          list: { date: 'Monday 9 Mar', due: 3, overdue: 2, total: 5 },
          overdue: [
            morningStep({ ...ada, leadId: 'l-1' }, { kind: 'touch', channel: 'call', step: 'touch 3 of 8', dueLocal: 'Thursday 5 Mar, 10:00', instruction: 'Call again at a different time of day; ask who else takes part in the decision.' }),
            morningStep({ leadId: 'l-2', name: 'sam.lee@example.com', email: 'sam.lee@example.com' }, { kind: 'touch', channel: 'email', step: 'touch 2 of 6', dueLocal: 'Friday 6 Mar, 14:00', instruction: 'Email a short recap of their need and a link to book a call.' }),
          ],
          today: [
            morningStep({ leadId: 'l-3', name: 'José-Maria Fernández', company: 'Fernández & Hijos', email: 'jm@example.com', phone: '+34 91 123 4567' }, { kind: 'touch', channel: 'meeting', step: 'touch 6 of 8', dueLocal: '10:00', setByRep: true, instruction: 'Demo with their CFO <b>in person</b>: bring the pricing sheet' }),
            morningStep({ leadId: 'l-4', name: 'Grace Hopper', company: 'Navy Analytics', email: 'grace@navy.example' }, { kind: 'after-plan', channel: 'call', step: 'after the plan', dueLocal: '11:30', instruction: 'The plan is done: record the outcome, or set the next step yourself.' }),
            { ...morningStep({ leadId: 'l-5', name: 'Alan Turing', company: 'Bletchley Ltd', email: 'alan@bletchley.example' }, { kind: 'check-in', channel: 'call', step: 'customer check-in', dueLocal: '15:00', instruction: 'Check in with the customer: is it working, and who else could use it?' }), actions: undefined },
          ],
          company,
        },
      },
      {
        label: 'Only overdue steps, a lead with only an email address',
        variables: {
          rep: { name: 'Rita Rep', firstName: 'Rita', email: 'rita@stoke.example' },
          list: { date: 'Tuesday 10 Mar', due: 0, overdue: 1, total: 1 },
          overdue: [morningStep({ leadId: 'l-2', name: 'sam.lee@example.com', email: 'sam.lee@example.com' }, { kind: 'touch', channel: 'call', step: 'touch 1 of 6', dueLocal: 'Monday 9 Mar, 16:00', instruction: 'Call before the first-contact deadline; if no answer, leave a voicemail naming what they asked about, then send a short email.' })],
          today: [],
          company,
        },
      },
    ],
    alerts: alertSamplesFor(company),
  };
}

/** The sample leads with the sample company, as the preview shows them when nothing is configured. */
export const sampleLeads = sampleLeadsFor(sampleCompany);

function morningStep(lead: Record<string, unknown>, step: { kind: string; channel: string; step: string; dueLocal: string; instruction: string; setByRep?: boolean }) {
  const token = (action: string) => `https://stoke.example/actions/${action}-${String(lead.leadId)}-token`;
  return {
    lead,
    setByRep: false,
    ...step,
    actions: { contactedUrl: token('contacted'), notInterestedUrl: token('not-interested'), purchasedUrl: token('purchased') },
  };
}
