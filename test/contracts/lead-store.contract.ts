import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../functions/leads/history.ts';
import type { EmailSignal, Lead } from '../../functions/leads/lead.ts';
import type { LeadStore } from '../../functions/leads/lead-store.ts';
import type { RepStore } from '../../functions/reps/rep-store.ts';
import { hotLead } from '../support/hot-lead.ts';
import { annaSchmidt } from '../support/anna-schmidt.ts';

/** A lead store under test, with the rep store that shares its rotation counters. Both fresh and empty. */
export type LeadStoreUnderTest = { leads: LeadStore; reps: RepStore };

const at = '2026-11-24T09:00:00.000Z';
const captured = (lead: Lead): HistoryEntry => ({ type: 'captured', at: lead.capturedAt, by: 'lead', details: { formId: 'demo' } });
const entry = (type: HistoryEntry['type'], when: string, details: Record<string, unknown> = {}): HistoryEntry => ({ type, at: when, by: 'stoke', details });
const newLead = (changes: Partial<Lead> = {}): Lead => hotLead({ status: 'new', owner: undefined, assignment: undefined, hotEpisode: 0, ...changes });
const anna = annaSchmidt();
const signal = (eventId: string, when: string): EmailSignal => ({ eventId, type: 'open', at: when, messageId: 'message-1', human: true, points: 5 });

/** What the core relies on from a LeadStore, whichever adapter holds the leads. */
export function leadStoreContract(name: string, setUp: () => Promise<LeadStoreUnderTest> | LeadStoreUnderTest): void {
  describe(`LeadStore contract: ${name}`, () => {
    describe('insert', () => {
      it('stores a new lead with its first history entry, found by id and by email', async () => {
        const { leads } = await setUp();
        const lead = newLead();

        const answer = await leads.insert(lead, captured(lead));

        expect(answer).toBe('inserted');
        expect(await leads.get(lead.leadId)).toEqual(lead);
        expect(await leads.findByEmail(lead.email)).toEqual(lead);
        expect(await leads.historyOf(lead.leadId)).toEqual([captured(lead)]);
      });

      it('answers `exists` when the email already belongs to a lead, and writes nothing of the second', async () => {
        const { leads } = await setUp();
        const first = newLead();
        await leads.insert(first, captured(first));
        const second = newLead({ email: first.email });

        const answer = await leads.insert(second, captured(second));

        expect(answer).toBe('exists');
        expect(await leads.get(second.leadId)).toBeUndefined();
        expect(await leads.historyOf(second.leadId)).toEqual([]);
        expect(await leads.findByEmail(first.email)).toEqual(first);
      });

      it('finds nothing under an id or an email never stored', async () => {
        const { leads } = await setUp();

        expect(await leads.get(randomUUID())).toBeUndefined();
        expect(await leads.findByEmail('nobody@example.com')).toBeUndefined();
      });
    });

    describe('save', () => {
      it('saves the whole lead and its new entries at the version it read', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));
        const scored = { ...lead, score: { ...lead.score, total: 95 }, updatedAt: '2026-11-24T09:05:00.000Z', version: 2 };

        const answer = await leads.save(scored, 1, [entry('scored', '2026-11-24T09:05:00.000Z', { total: 95 })]);

        expect(answer).toBe('saved');
        expect(await leads.get(lead.leadId)).toEqual(scored);
        expect((await leads.historyOf(lead.leadId)).map((line) => line.type)).toEqual(['captured', 'scored']);
      });

      it('answers `stale` when someone saved after the version read, and writes nothing', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));
        await leads.save({ ...lead, status: 'assigned', version: 2 }, 1, []);

        const answer = await leads.save({ ...lead, status: 'not-interested', version: 2 }, 1, [entry('status-changed', '2026-11-24T09:10:00.000Z')]);

        expect(answer).toBe('stale');
        expect(await leads.get(lead.leadId)).toMatchObject({ status: 'assigned', version: 2 });
        expect((await leads.historyOf(lead.leadId)).map((line) => line.type)).toEqual(['captured']);
      });

      it('answers `stale` for a lead that is not stored, and stores nothing', async () => {
        const { leads } = await setUp();
        const lead = newLead();

        const answer = await leads.save({ ...lead, version: 2 }, 1, []);

        expect(answer).toBe('stale');
        expect(await leads.get(lead.leadId)).toBeUndefined();
      });

      it("moves the rep's rotation counter with the assignment, in the same write", async () => {
        const { leads, reps } = await setUp();
        await reps.create(anna, 4);
        const lead = newLead();
        await leads.insert(lead, captured(lead));

        const answer = await leads.save(hotLead({ ...lead, version: 2 }), 1, [entry('assigned', at)], { repId: anna.repId, seenCount: 4 });

        expect(answer).toBe('saved');
        expect(await reps.get(anna.repId)).toMatchObject({ assignedCount: 5, version: 1 });
      });

      it.each([
        { case: 'the counter moved since it was read', seenCount: 3, repId: anna.repId },
        { case: 'the rep does not exist', seenCount: 0, repId: 'nobody' },
      ])('answers `stale` when $case, writing neither the lead nor the counter', async ({ seenCount, repId }) => {
        const { leads, reps } = await setUp();
        await reps.create(anna, 4);
        const lead = newLead();
        await leads.insert(lead, captured(lead));

        const answer = await leads.save(hotLead({ ...lead, version: 2 }), 1, [entry('assigned', at)], { repId, seenCount });

        expect(answer).toBe('stale');
        expect(await leads.get(lead.leadId)).toEqual(lead);
        expect((await leads.historyOf(lead.leadId)).map((line) => line.type)).toEqual(['captured']);
        expect(await reps.get(anna.repId)).toMatchObject({ assignedCount: 4 });
      });

      it('lets exactly one of two saves at the same version win', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));

        const answers = await Promise.all([
          leads.save({ ...lead, status: 'assigned', version: 2 }, 1, []),
          leads.save({ ...lead, status: 'not-interested', version: 2 }, 1, []),
        ]);

        expect([...answers].sort()).toEqual(['saved', 'stale']);
      });
    });

    describe('history and signals', () => {
      it('records an entry without touching the lead, and reads the history in time order', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));

        await leads.record(lead.leadId, entry('handoff-emailed', '2026-11-24T09:30:00.000Z', { messageId: 'm-2' }));
        await leads.record(lead.leadId, entry('assigned', '2026-11-24T09:20:00.000Z'));

        expect(await leads.historyOf(lead.leadId)).toEqual([
          captured(lead),
          entry('assigned', '2026-11-24T09:20:00.000Z'),
          entry('handoff-emailed', '2026-11-24T09:30:00.000Z', { messageId: 'm-2' }),
        ]);
        expect(await leads.get(lead.leadId)).toEqual(lead);
      });

      it('keeps each SES event once, and reads them in time order', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));

        const answers = [
          await leads.putSignal(lead.leadId, signal('event-2', '2026-11-24T10:00:00.000Z')),
          await leads.putSignal(lead.leadId, signal('event-1', '2026-11-24T09:45:00.000Z')),
          await leads.putSignal(lead.leadId, signal('event-2', '2026-11-24T10:00:00.000Z')),
        ];

        expect(answers).toEqual(['new', 'new', 'duplicate']);
        expect(await leads.signalsOf(lead.leadId)).toEqual([signal('event-1', '2026-11-24T09:45:00.000Z'), signal('event-2', '2026-11-24T10:00:00.000Z')]);
        expect(await leads.historyOf(lead.leadId)).toEqual([captured(lead)]);
      });

      it('revises the verdict of a kept signal, and creates none that was never kept', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));
        const kept = signal('event-1', '2026-11-24T09:45:00.000Z');
        await leads.putSignal(lead.leadId, kept);

        await leads.reviseSignal(lead.leadId, { ...kept, human: false, filteredBecause: 'click-burst: 3 links within 1 s' });
        await leads.reviseSignal(lead.leadId, signal('event-9', '2026-11-24T11:00:00.000Z'));

        expect(await leads.signalsOf(lead.leadId)).toEqual([{ ...kept, human: false, filteredBecause: 'click-burst: 3 links within 1 s' }]);
      });

      it("reads a lead's history and signals together, each in time order, without the lead itself", async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));
        await leads.putSignal(lead.leadId, signal('event-2', '2026-11-24T10:00:00.000Z'));
        await leads.putSignal(lead.leadId, signal('event-1', '2026-11-24T09:45:00.000Z'));

        const timeline = await leads.timelineOf(lead.leadId);

        expect(timeline).toEqual({
          history: [captured(lead)],
          signals: [signal('event-1', '2026-11-24T09:45:00.000Z'), signal('event-2', '2026-11-24T10:00:00.000Z')],
        });
      });
    });

    describe('finding leads', () => {
      it('reads the leads captured in a range, across UTC days, in capture order, the end left out', async () => {
        const { leads } = await setUp();
        const lead = (capturedAt: string) => newLead({ capturedAt, updatedAt: capturedAt });
        const inRange = [lead('2026-12-05T23:00:00.000Z'), lead('2026-12-05T23:30:00.000Z'), lead('2026-12-06T00:30:00.000Z')];
        const outside = [lead('2026-12-05T22:59:59.999Z'), lead('2026-12-06T01:00:00.000Z')];
        for (const each of [inRange[2]!, outside[1]!, inRange[0]!, outside[0]!, inRange[1]!]) await leads.insert(each, captured(each));

        const found = await leads.capturedBetween('2026-12-05T23:00:00.000Z', '2026-12-06T01:00:00.000Z');

        expect(found).toEqual(inRange);
      });

      it('makes a redirected email find the lead it now belongs to', async () => {
        const { leads } = await setUp();
        const kept = newLead();
        const merged = newLead();
        for (const each of [kept, merged]) await leads.insert(each, captured(each));

        await leads.redirectEmail(merged.email, kept.leadId);

        expect(await leads.findByEmail(merged.email)).toEqual(kept);
        expect(await leads.findByEmail('new@example.com')).toBeUndefined();
        await leads.redirectEmail('new@example.com', kept.leadId);
        expect(await leads.findByEmail('new@example.com')).toEqual(kept);
      });

      it('lists what an owner holds as the owner index orders it: closed leads by when they closed, then open ones by what is due', async () => {
        const { leads } = await setUp();
        const assignedDueAtNoon = hotLead({ assignment: { ...hotLead().assignment!, deadlineAt: '2026-11-24T12:00:00.000Z' } });
        const inProgressDueAtEleven = hotLead({ status: 'in-progress', firstContactAt: '2026-11-24T09:30:00.000Z', lastProgressAt: '2026-11-24T11:00:00.000Z' });
        const contactedDueAtTen = hotLead({ status: 'in-progress', firstContactAt: '2026-11-24T10:00:00.000Z' });
        const purchasedLater = hotLead({ status: 'purchased', updatedAt: '2026-11-21T08:00:00.000Z' });
        const lostEarlier = hotLead({ status: 'not-interested', updatedAt: '2026-11-20T08:00:00.000Z' });
        const someoneElses = hotLead({ owner: { ...(hotLead().owner as Extract<Lead['owner'], { type: 'rep' }>), repId: 'kai-berg' } });
        const queued = hotLead({ owner: { type: 'queue', queue: 'field', notifyEmail: 'field@stoke.example' } });
        const unowned = newLead();
        for (const each of [assignedDueAtNoon, inProgressDueAtEleven, contactedDueAtTen, purchasedLater, lostEarlier, someoneElses, queued, unowned]) await leads.insert(each, captured(each));

        const owned = await leads.ownedBy('anna-schmidt');
        const open = await leads.openLeadsOf('anna-schmidt');

        expect(owned.map((lead) => lead.leadId)).toEqual([lostEarlier, purchasedLater, contactedDueAtTen, inProgressDueAtEleven, assignedDueAtNoon].map((lead) => lead.leadId));
        expect(open.map((lead) => lead.leadId)).toEqual([contactedDueAtTen, inProgressDueAtEleven, assignedDueAtNoon].map((lead) => lead.leadId));
        expect(open[0]).toEqual(contactedDueAtTen);
        expect((await leads.openLeadsOf('queue:field')).map((lead) => lead.leadId)).toEqual([queued.leadId]);
      });

      it("gives an owner's list of the day: open leads whose next step is due by then, then customers whose check-in is, each by due time", async () => {
        const { leads } = await setUp();
        const step = (dueAt: string, kind: 'touch' | 'check-in' = 'touch') => ({ kind, channel: 'call' as const, dueAt, instruction: 'Call', setAt: '2026-11-20T09:00:00.000Z' });
        const plan = (dueAt: string, kind: 'touch' | 'check-in' = 'touch') => ({ planId: 'desk', name: 'Desk', length: 6, episode: 1, startedAt: '2026-11-20T09:00:00.000Z', steps: [], next: step(dueAt, kind) });
        const overdue = hotLead({ status: 'in-progress', firstContactAt: '2026-11-20T10:00:00.000Z', plan: plan('2026-11-23T10:00:00.000Z') });
        const dueToday = hotLead({ plan: plan('2026-11-24T15:00:00.000Z') });
        const dueAtTheBound = hotLead({ plan: plan('2026-11-24T23:00:00.000Z') });
        const tomorrow = hotLead({ plan: plan('2026-11-25T09:00:00.000Z') });
        const checkInToday = hotLead({ status: 'purchased', closedAt: '2026-10-25T09:00:00.000Z', plan: plan('2026-11-24T09:00:00.000Z', 'check-in') });
        const checkInLater = hotLead({ status: 'purchased', closedAt: '2026-11-20T09:00:00.000Z', plan: plan('2026-12-20T09:00:00.000Z', 'check-in') });
        const lost = hotLead({ status: 'not-interested', plan: { ...plan('2026-11-24T09:00:00.000Z'), next: undefined } });
        for (const each of [tomorrow, checkInLater, dueToday, lost, checkInToday, dueAtTheBound, overdue]) await leads.insert(each, captured(each));

        const due = await leads.dueBy('anna-schmidt', '2026-11-24T23:00:00.000Z');

        expect(due.map((lead) => lead.leadId)).toEqual([overdue, dueToday, dueAtTheBound, checkInToday].map((lead) => lead.leadId));
        expect(due[0]).toEqual(overdue);
      });

      it('moves a lead between owners and between open and closed as it is saved', async () => {
        const { leads } = await setUp();
        const lead = hotLead();
        await leads.insert(lead, captured(lead));

        await leads.save({ ...lead, owner: { ...(lead.owner as Extract<Lead['owner'], { type: 'rep' }>), repId: 'kai-berg' }, version: 2 }, 1, []);

        expect(await leads.ownedBy('anna-schmidt')).toEqual([]);
        expect((await leads.openLeadsOf('kai-berg')).map((found) => found.leadId)).toEqual([lead.leadId]);
        await leads.save({ ...lead, owner: { ...(lead.owner as Extract<Lead['owner'], { type: 'rep' }>), repId: 'kai-berg' }, status: 'purchased', version: 3 }, 2, []);
        expect(await leads.openLeadsOf('kai-berg')).toEqual([]);
        expect((await leads.ownedBy('kai-berg')).map((found) => found.status)).toEqual(['purchased']);
      });
    });

    describe('markAnnounced', () => {
      it('notes the first announcement and the latest hot episode, stepping the version', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));

        await leads.markAnnounced(lead.leadId, '2026-11-24T09:01:00.000Z', 0);
        await leads.markAnnounced(lead.leadId, '2026-11-25T09:01:00.000Z', 2);

        expect(await leads.get(lead.leadId)).toEqual({ ...lead, announcedAt: '2026-11-24T09:01:00.000Z', hotAnnounced: 2, version: 3 });
      });

      it('never moves back to an earlier episode', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));
        await leads.markAnnounced(lead.leadId, '2026-11-24T09:01:00.000Z', 2);

        await leads.markAnnounced(lead.leadId, '2026-11-24T09:02:00.000Z', 1);

        expect(await leads.get(lead.leadId)).toMatchObject({ hotAnnounced: 2, version: 2 });
      });

      it('makes a save read before the announcement `stale`, so it cannot drop it', async () => {
        const { leads } = await setUp();
        const lead = newLead();
        await leads.insert(lead, captured(lead));
        await leads.markAnnounced(lead.leadId, '2026-11-24T09:01:00.000Z', 1);

        expect(await leads.save({ ...lead, version: 2 }, 1, [])).toBe('stale');
      });

      it('notes nothing about a lead that is not stored', async () => {
        const { leads } = await setUp();
        const leadId = randomUUID();

        await leads.markAnnounced(leadId, '2026-11-24T09:01:00.000Z', 1);

        expect(await leads.get(leadId)).toBeUndefined();
      });
    });

    it('keeps spam submissions apart from leads', async () => {
      const { leads } = await setUp();

      await leads.putSpam({ submissionId: randomUUID(), at, expiresAt: 1_800_000_000, formId: 'demo', ip: '203.0.113.9' });

      expect(await leads.capturedBetween('2026-11-24T00:00:00.000Z', '2026-11-25T00:00:00.000Z')).toEqual([]);
    });
  });
}
