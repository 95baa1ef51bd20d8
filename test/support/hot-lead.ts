import { randomUUID } from 'node:crypto';
import type { Lead } from '../../functions/leads/lead.ts';
import { annaSchmidt } from './anna-schmidt.ts';

const at = '2026-11-24T09:00:00.000Z';

/** A hot lead as the handoff leaves it: Anna's, with a first-contact deadline, ready to store. */
export function hotLead(changes: Partial<Lead> = {}): Lead {
  const { repId, name, email, managerEmail, team, timezone } = annaSchmidt();
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
    owner: { type: 'rep', repId, name, email, managerEmail, team, timezone },
    assignment: { at, number: 2, episode: 1, rule: 'territory:country', reason: 'covers DE', deadlineAt: at, escalateAt: at, reassignAt: at },
    capturedAt: at,
    updatedAt: at,
    version: 1,
    ...changes,
  };
}
