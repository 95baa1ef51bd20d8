import type { Lead } from '../../../functions/leads/lead.ts';
import type { Rep } from '../../../functions/routing/rep.ts';

/**
 * Leads as the lead store holds them, for review tests that go through
 * reviewLead (what the one-click link or the sales API stored), and reps.
 * Times are week 2026-W48 in Europe/Berlin (UTC+1), business hours
 * 09:00–17:00 Monday to Friday.
 */
export const week = { id: '2026-W48', start: '2026-11-22T23:00:00.000Z', end: '2026-11-29T23:00:00.000Z' };
export const now = new Date('2026-11-30T07:00:00.000Z');
export const businessHours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };

export function storedLead(leadId: string, changes: Partial<Lead>): Lead {
  return {
    leadId,
    email: `${leadId}@example.com`,
    profile: { firstName: 'Lead', lastName: leadId, company: `Company ${leadId}` },
    firstTouch: { at: '2026-11-20T09:00:00.000Z' },
    lastTouch: { at: '2026-11-20T09:00:00.000Z' },
    signals: [],
    score: { total: 80, fit: 60, engagement: 20, temperature: 'hot', breakdown: [], modelVersion: 'test' },
    status: 'assigned',
    hotEpisode: 1,
    capturedAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-24T09:00:00.000Z',
    version: 3,
    ...changes,
  };
}

/** Handed off at `at` with a first-contact deadline an hour later, the manager told after two and the lead moved after four (business hours). */
export function handedTo(repId: string, name: string, at: string, deadlines: { deadlineAt: string; escalateAt?: string; reassignAt?: string }, assignment: Partial<NonNullable<Lead['assignment']>> = {}): Pick<Lead, 'owner' | 'assignment'> {
  return {
    owner: { type: 'rep', repId, name, email: `${repId}@stoke.example`, managerEmail: 'maria.keller@stoke.example', team: 'field', timezone: 'Europe/Berlin' },
    assignment: { at, number: 1, episode: 1, rule: 'test', reason: 'test', escalateAt: deadlines.deadlineAt, reassignAt: deadlines.deadlineAt, ...deadlines, ...assignment },
  };
}

export function rep(repId: string, name: string, overrides: Partial<Rep> = {}): Rep & { assignedCount: number } {
  return {
    repId,
    name,
    email: `${repId}@stoke.example`,
    managerEmail: 'maria.keller@stoke.example',
    team: 'field',
    territories: [],
    active: true,
    capacity: 50,
    weight: 1,
    timezone: 'Europe/Berlin',
    assignedCount: 0,
    ...overrides,
  };
}
