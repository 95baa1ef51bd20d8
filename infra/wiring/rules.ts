import type { EventPattern } from 'aws-cdk-lib/aws-events';
import { configurationSetNames } from '../../functions/email/email-streams.ts';
import { engagementDetailTypes } from '../../functions/engagement/ses-event.ts';
import { leadBecameHot, leadCaptured, leadHandedOff, leadPurchased, leadReassigned, leadRecycled, repDeactivated, sendingPaused, sendingResumed, teamEmailFailed } from '../../functions/events/catalog.ts';
import { stokeSource } from '../../functions/events/event-definition.ts';
import type { FunctionName } from './functions.ts';

/** Where a rule sends matching events: a function, or a log group kept for audit and debugging. */
export type RuleTarget = { type: 'function'; name: FunctionName } | { type: 'log'; name: 'event-log' };

export type EventRule = {
  name: string;
  description: string;
  /** `stoke` is Stoke's own bus; `default` receives what AWS services publish (SES events). */
  bus: 'stoke' | 'default';
  pattern: EventPattern;
  target: RuleTarget;
};

/** Which events reach which target: the CDK stack declares these, the local bus matches the same. */
export const eventRules: readonly EventRule[] = [
  {
    name: 'event-log',
    description: 'Keeps every event Stoke publishes in a log group, to see what happened to a lead',
    bus: 'stoke',
    pattern: { source: [stokeSource] },
    target: { type: 'log', name: 'event-log' },
  },
  {
    name: 'captured-hot-handoff',
    description: 'Hands a lead captured hot to sales at once',
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [leadCaptured.detailType], detail: { temperature: ['hot'] } },
    target: { type: 'function', name: 'handoff' },
  },
  {
    name: 'became-hot-handoff',
    description: 'Hands a lead to sales when it turns hot later (re-inquiry, engagement)',
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [leadBecameHot.detailType] },
    target: { type: 'function', name: 'handoff' },
  },
  {
    name: 'deactivated-rep-reassignment',
    description: 'Finds new owners for the open leads of a deactivated rep',
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [repDeactivated.detailType] },
    target: { type: 'function', name: 'handoff' },
  },
  {
    name: 'manager-reassignment',
    description: "Tells both reps about a lead a manager gave to a rep they chose, and sets the new owner's deadlines",
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [leadReassigned.detailType] },
    target: { type: 'function', name: 'handoff' },
  },
  {
    name: 'nurture-enrolment',
    description: 'Enrols warm and cold leads who opted in to marketing email in their nurture track',
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [leadCaptured.detailType], detail: { temperature: ['warm', 'cold'], consent: [true] } },
    target: { type: 'function', name: 'nurture-enrolment' },
  },
  {
    name: 'recycled-nurture-enrolment',
    description: 'Puts a lead sales handed back to marketing on a nurture track again',
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [leadRecycled.detailType] },
    target: { type: 'function', name: 'nurture-enrolment' },
  },
  {
    name: 'customer-nurture-enrolment',
    description: 'Puts a new customer on a customer track, when the nurture policy names one for customers',
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [leadPurchased.detailType] },
    target: { type: 'function', name: 'nurture-enrolment' },
  },
  {
    name: 'marketing-sends-resumed',
    description: "Sends again the tips and confirmations that waited on marketing's brake, once a manager resumes it",
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [sendingResumed.detailType] },
    target: { type: 'function', name: 'nurture-enrolment' },
  },
  {
    name: 'email-engagement',
    description: "SES's events about Stoke's email, marketing's and the team's (published to the default bus only), to the engagement function",
    bus: 'default',
    pattern: {
      source: ['aws.ses'],
      detailType: [...engagementDetailTypes],
      detail: { mail: { tags: { 'ses:configuration-set': [...configurationSetNames] } } },
    },
    target: { type: 'function', name: 'engagement' },
  },
  {
    name: 'sending-alerts',
    description: 'Tells the managers that marketing email is paused, or that an email to a rep or manager bounced or drew a complaint',
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [sendingPaused.detailType, teamEmailFailed.detailType] },
    target: { type: 'function', name: 'sending-alerts' },
  },
  {
    name: 'handoff-webhook',
    description: "Tells the team's chat or CRM about every handoff",
    bus: 'stoke',
    pattern: { source: [stokeSource], detailType: [leadHandedOff.detailType] },
    target: { type: 'function', name: 'handoff-webhook' },
  },
];
