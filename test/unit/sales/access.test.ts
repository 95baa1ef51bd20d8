import { describe, expect, it } from 'vitest';
import type { Caller, Group } from '../../../functions/auth/caller.ts';
import type { Lead, Owner } from '../../../functions/leads/lead.ts';
import type { StoredRep } from '../../../functions/reps/rep-store.ts';
import { handlesPrivacyRequests, mayAccess, mayHandlePrivacyRequest } from '../../../functions/sales/access.ts';

const person = (email: string, groups: Group[]): Caller => ({ sub: `sub-of-${email}`, email, groups });
const anna = person('anna.schmidt@stoke.example', ['rep']);
const maria = person('maria.keller@stoke.example', ['manager']);
const tom = person('tom.berg@stoke.example', ['manager']);
const nina = person('nina.solo@stoke.example', ['manager']);
const dpo = person('dpo@stoke.example', ['privacy']);
// A manager who also works leads of their own, in another manager's team.
const max = person('max.vogel@stoke.example', ['rep', 'manager']);

const rep = (repId: string, email: string, managerEmail: string): StoredRep => ({
  repId,
  name: repId,
  email,
  managerEmail,
  team: 'field',
  territories: [],
  active: true,
  capacity: 40,
  weight: 1,
  timezone: 'Europe/Berlin',
  assignedCount: 0,
  version: 1,
});
const reps = [
  rep('anna-schmidt', anna.email, maria.email),
  rep('kai-berg', 'kai.berg@stoke.example', tom.email),
  rep('max-vogel', max.email, maria.email),
];

const ownedBy = (repId: string, email: string, managerEmail: string): Owner => ({ type: 'rep', repId, name: repId, email, managerEmail, team: 'field', timezone: 'Europe/Berlin' });
const leadOf = (owner: Owner | undefined): Lead => ({
  leadId: 'lead-1',
  email: 'dana@weber.example',
  profile: {},
  firstTouch: { at: '2026-11-23T08:00:00.000Z' },
  lastTouch: { at: '2026-11-23T08:00:00.000Z' },
  signals: [],
  score: { total: 80, fit: 80, engagement: 0, temperature: 'hot', breakdown: [], modelVersion: 'test' },
  status: owner ? 'assigned' : 'new',
  hotEpisode: owner ? 1 : 0,
  ...(owner ? { owner } : {}),
  capturedAt: '2026-11-23T08:00:00.000Z',
  updatedAt: '2026-11-23T08:00:00.000Z',
  version: 1,
});
const annasLead = leadOf(ownedBy('anna-schmidt', anna.email, maria.email));
// The roster moved Kai to Tom's team after the lead recorded Maria: the roster decides.
const kaisLead = leadOf(ownedBy('kai-berg', 'kai.berg@stoke.example', maria.email));
const maxsLead = leadOf(ownedBy('max-vogel', max.email, maria.email));
const queued = leadOf({ type: 'queue', queue: 'unassigned', notifyEmail: 'Sales-Manager@example.com' });
const unowned = leadOf(undefined);
const queueWatcher = person('sales-manager@example.com', ['manager']);

describe('who may read and work a lead, and who may export or erase it', () => {
  it.each([
    { name: 'the owner rep, their own lead', caller: anna, lead: annasLead, read: true, privacy: false },
    { name: 'the owner\'s manager, a lead of their team', caller: maria, lead: annasLead, read: true, privacy: true },
    { name: 'a manager of another team, a lead of Maria\'s', caller: tom, lead: annasLead, read: false, privacy: false },
    { name: 'a manager of nobody, a team\'s lead', caller: nina, lead: annasLead, read: false, privacy: false },
    { name: 'the privacy group, a team\'s lead', caller: dpo, lead: annasLead, read: false, privacy: true },
    { name: 'the manager the roster names now, a lead that recorded another', caller: tom, lead: kaisLead, read: true, privacy: true },
    { name: 'the manager the lead recorded, no longer the rep\'s manager', caller: maria, lead: kaisLead, read: false, privacy: false },
    { name: 'a manager who also works leads, their own lead in another\'s team', caller: max, lead: maxsLead, read: true, privacy: false },
    { name: 'the manager a queue tells, a queued lead', caller: queueWatcher, lead: queued, read: true, privacy: true },
    { name: 'another manager, a queued lead', caller: maria, lead: queued, read: false, privacy: false },
    { name: 'the privacy group, a queued lead', caller: dpo, lead: queued, read: false, privacy: true },
    { name: 'a manager, a lead no rep owns', caller: maria, lead: unowned, read: false, privacy: false },
    { name: 'a manager of nobody, a lead no rep owns', caller: nina, lead: unowned, read: false, privacy: false },
    { name: 'a rep, a lead no rep owns', caller: anna, lead: unowned, read: false, privacy: false },
    { name: 'the privacy group, a lead no rep owns', caller: dpo, lead: unowned, read: false, privacy: true },
  ])('$name: read $read, export and erase $privacy', ({ caller, lead, read, privacy }) => {
    expect({ read: mayAccess(caller, lead, reps), privacy: mayHandlePrivacyRequest(caller, lead, reps) }).toEqual({ read, privacy });
  });

  it.each([
    { name: 'a rep', caller: anna, handles: false },
    { name: 'a person in no group', caller: person('nobody@stoke.example', []), handles: false },
    { name: 'a manager', caller: nina, handles: true },
    { name: 'the privacy group', caller: dpo, handles: true },
  ])('lets $name ask for privacy requests at all: $handles', ({ caller, handles }) => {
    expect(handlesPrivacyRequests(caller)).toBe(handles);
  });
});
