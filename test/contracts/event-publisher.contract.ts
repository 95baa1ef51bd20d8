import { describe, expect, it } from 'vitest';
import { repDeactivated } from '../../functions/events/catalog.ts';
import type { EventPublisher } from '../../functions/events/event-publisher.ts';
import type { PublishedEvent } from '../../functions/events/memory-publisher.ts';

/** A publisher under test, and what its bus received so far. */
export type PublisherUnderTest = { publisher: EventPublisher; published(): Promise<PublishedEvent[]> };

/** What the core relies on from an EventPublisher, whichever bus carries the events. */
export function eventPublisherContract(name: string, setUp: () => Promise<PublisherUnderTest> | PublisherUnderTest): void {
  describe(`EventPublisher contract: ${name}`, () => {
    it('puts the event on the bus under its source and detail-type, with the checked detail', async () => {
      const { publisher, published } = await setUp();

      await publisher.publish(repDeactivated, { version: 1, repId: 'anna-schmidt', at: '2026-11-24T09:00:00.000Z' });

      expect(await published()).toEqual([
        { source: 'stoke.leads', detailType: 'rep.deactivated', detail: { version: 1, repId: 'anna-schmidt', at: '2026-11-24T09:00:00.000Z' } },
      ]);
    });

    it('carries the detail as the schema leaves it: a field the schema does not know is dropped', async () => {
      const { publisher, published } = await setUp();

      await publisher.publish(repDeactivated, { version: 1, repId: 'kai-berg', at: '2026-11-24T09:00:00.000Z', note: 'extra' } as never);

      expect((await published()).map((event) => event.detail)).toEqual([{ version: 1, repId: 'kai-berg', at: '2026-11-24T09:00:00.000Z' }]);
    });

    it('refuses a detail that breaks the schema, and publishes nothing', async () => {
      const { publisher, published } = await setUp();

      await expect(publisher.publish(repDeactivated, { version: 1, repId: 'anna-schmidt', at: 'yesterday' })).rejects.toThrow();

      expect(await published()).toEqual([]);
    });

    it('keeps the order of events published one after another', async () => {
      const { publisher, published } = await setUp();

      for (const repId of ['a', 'b', 'c']) await publisher.publish(repDeactivated, { version: 1, repId, at: '2026-11-24T09:00:00.000Z' });

      expect((await published()).map((event) => (event.detail as { repId: string }).repId)).toEqual(['a', 'b', 'c']);
    });
  });
}
