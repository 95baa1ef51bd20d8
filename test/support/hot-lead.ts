import { randomUUID } from 'node:crypto';
import type { Lead } from '../../functions/leads/lead.ts';

const at = '2026-11-24T09:00:00.000Z';

/** A hot lead as the handoff leaves it: Anna's, with a first-contact deadline, ready to store. */
export function hotLead(changes: Partial<Lead> = {}): Lead {
  return {
    leadId: randomUUID(),
    email: `${randomUUID()}@weber.example`,
    profile: { firstName: 'Dana' },
    firstTouch: { at },
    lastTouch: { at },
    signals: [],
    score: { total: 80, fit: 80, engagement: 0, temperature: 'hot', breakdown: [], modelVersion: 'test' },
    status: 'assigned',
    hotEpisode: 1,
    owner: { type: 'rep', repId: 'anna-schmidt', name: 'Anna Schmidt', email: 'anna.schmidt@stoke.example', managerEmail: 'maria.keller@stoke.example', team: 'field', timezone: 'Europe/Berlin' },
    assignment: { at, number: 2, episode: 1, rule: 'territory:country', reason: 'covers DE', deadlineAt: at, escalateAt: at, reassignAt: at },
    capturedAt: at,
    updatedAt: at,
    version: 1,
    ...changes,
  };
}
