import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import { describe, expect, it } from 'vitest';
import type { EventPublisher } from '../../../functions/events/event-publisher.ts';
import { memoryPublisher } from '../../../functions/events/memory-publisher.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { defaultSalesPolicy } from '../../../functions/sales/default-policy.ts';
import { recordChange } from '../../../functions/sales/record-change.ts';
import { changeStatus, logContact, type StatusChange } from '../../../functions/sales/sales-changes.ts';
import { memorySchedules } from '../../../functions/schedules/memory-schedules.ts';
import { hotLead } from '../../support/hot-lead.ts';
import { defaultPlanSettings } from '../../../functions/sales/plan-settings.ts';

const now = new Date('2026-11-25T10:00:00.000Z');

/** A publisher that fails once, as EventBridge may, and then delivers to the bus. */
function failingOnce(): { bus: ReturnType<typeof memoryPublisher>; events: EventPublisher } {
  const bus = memoryPublisher();
  let failures = 1;
  return {
    bus,
    events: {
      publish: async (definition, detail) => {
        if (failures-- > 0) throw new Error('EventBridge is unavailable');
        await bus.publish(definition, detail);
      },
    },
  };
}
const noBudget: StatusChange = { status: 'not-interested', reason: 'no-budget-now', note: 'Next year' };

describe('recording an outcome again', () => {
  it('publishes lead.recycled on the retry when publishing failed after the save, without a second save', async () => {
    // Given a publisher that fails once, as EventBridge may
    const leads = memoryLeadStore();
    const { bus, events } = failingOnce();
    const lead = hotLead();
    await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
    const deps = { leads, events, schedules: memorySchedules(), plans: defaultPlanSettings, figures: memoryFigureStore(), now: () => now };
    const close = () => recordChange(lead.leadId, (current, at) => changeStatus(current, noBudget, defaultSalesPolicy, 'anna.schmidt@stoke.example', at, defaultPlanSettings), deps);

    // When the first request fails after its save, and the rep's client retries
    await expect(close()).rejects.toThrow('EventBridge is unavailable');
    const retry = await close();

    // Then the retry answers as recorded, the lead returns to nurture once, and nothing was saved twice
    expect(retry).toMatchObject({ type: 'recorded', lead: { status: 'not-interested', notInterested: { reason: 'no-budget-now' } } });
    expect(bus.published().map((event) => event.detailType)).toEqual(['lead.recycled']);
    expect((await leads.historyOf(lead.leadId)).filter((entry) => entry.type === 'status-changed')).toHaveLength(1);
  });

  it.each([
    { name: 'another reason', change: { ...noBudget, reason: 'not-a-fit' } },
    { name: 'another note', change: { ...noBudget, note: 'Never' } },
  ])('still refuses closing a closed lead with $name', ({ change }) => {
    const closed = hotLead({ status: 'not-interested', notInterested: { reason: 'no-budget-now', returnToNurture: true, note: 'Next year', at: now.toISOString() }, closedAt: now.toISOString() });

    expect(changeStatus(closed, change, defaultSalesPolicy, 'anna', now.toISOString(), defaultPlanSettings)).toEqual({ refused: 'The lead is already not-interested' });
  });
});

describe('a purchase', () => {
  it('announces lead.purchased once, again on a retry whose publish failed, and never for a later check-in', async () => {
    const leads = memoryLeadStore();
    const { bus, events } = failingOnce();
    const lead = hotLead();
    await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
    const deps = { leads, events, schedules: memorySchedules(), plans: defaultPlanSettings, figures: memoryFigureStore(), now: () => now };
    const buy = () => recordChange(lead.leadId, (current, at) => changeStatus(current, { status: 'purchased', value: 25000 }, defaultSalesPolicy, 'anna.schmidt@stoke.example', at, defaultPlanSettings), deps);

    await expect(buy()).rejects.toThrow('EventBridge is unavailable');
    expect(await buy()).toMatchObject({ type: 'recorded', lead: { status: 'purchased', purchase: { value: 25000 } } });
    await recordChange(lead.leadId, (current, at) => logContact(current, { channel: 'call', notes: 'Check-in: all well' }, 'anna.schmidt@stoke.example', at, defaultPlanSettings), deps);

    expect(bus.published()).toEqual([{ source: 'stoke.leads', detailType: 'lead.purchased', detail: { version: 1, leadId: lead.leadId, by: 'anna.schmidt@stoke.example', value: 25000, at: now.toISOString() } }]);
    expect((await leads.historyOf(lead.leadId)).filter((entry) => entry.type === 'status-changed')).toHaveLength(1);
  });
});
