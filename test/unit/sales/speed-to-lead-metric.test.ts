import { describe, expect, it } from 'vitest';
import { memoryPublisher } from '../../../functions/events/memory-publisher.ts';
import { memoryLeadStore } from '../../../functions/leads/memory-lead-store.ts';
import { memoryFigureStore } from '../../../functions/marketing/memory-figure-store.ts';
import type { BusinessMetric } from '../../../functions/platform/business-metrics.ts';
import { defaultPlanSettings } from '../../../functions/sales/plan-settings.ts';
import { recordChange } from '../../../functions/sales/record-change.ts';
import { type Contact, logContact } from '../../../functions/sales/sales-changes.ts';
import { withSpeedToLeadMetric } from '../../../functions/sales/speed-to-lead-metric.ts';
import { memorySchedules } from '../../../functions/schedules/memory-schedules.ts';
import { hotLead } from '../../support/hot-lead.ts';

const anna = 'anna.schmidt@stoke.example';

/** A stored lead handed to Anna at 09:00, and the contacts logged on it through a store that publishes speed to lead. */
async function handedOffAt0900() {
  const published: Array<[BusinessMetric, number]> = [];
  const leads = withSpeedToLeadMetric(memoryLeadStore(), (metric, value) => void published.push([metric, value]));
  const lead = hotLead();
  await leads.insert(lead, { type: 'captured', at: lead.capturedAt, by: 'lead', details: {} });
  const log = (contact: Contact, now: string) =>
    recordChange(lead.leadId, (current, at) => logContact(current, contact, anna, at, defaultPlanSettings), {
      leads,
      events: memoryPublisher(),
      schedules: memorySchedules(),
      figures: memoryFigureStore(),
      plans: defaultPlanSettings,
      now: () => new Date(now),
    });
  return { leads, lead, log, published };
}

describe('speed to lead', () => {
  it('publishes the minutes from handoff to first contact once, and nothing for later contacts', async () => {
    const { log, published } = await handedOffAt0900();

    const first = await log({ channel: 'call', notes: 'Voicemail' }, '2026-11-24T09:45:00.000Z');
    const second = await log({ channel: 'email', notes: 'Sent the brochure' }, '2026-11-24T11:00:00.000Z');

    expect([first.type, second.type]).toEqual(['recorded', 'recorded']);
    expect(published).toEqual([['minutesToFirstContact', 45]]);
  });

  it('publishes nothing for a save that lost to a concurrent change', async () => {
    const { leads, lead, published } = await handedOffAt0900();
    const contacted = logContact(lead, { channel: 'call' }, anna, '2026-11-24T09:30:00.000Z', defaultPlanSettings);
    if ('refused' in contacted) throw new Error(contacted.refused);

    expect(await leads.save(contacted.lead, lead.version + 1, [contacted.entry])).toBe('stale');
    expect(published).toEqual([]);
  });

  it('publishes nothing for a first contact dated before the handoff: that one was the previous owner\'s business', async () => {
    const { log, published } = await handedOffAt0900();

    const recorded = await log({ channel: 'call', at: '2026-11-24T08:30:00.000Z' }, '2026-11-24T09:30:00.000Z');

    expect(recorded).toMatchObject({ type: 'recorded', lead: { firstContactAt: '2026-11-24T08:30:00.000Z' } });
    expect(published).toEqual([]);
  });
});
