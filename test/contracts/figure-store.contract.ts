import { describe, expect, it } from 'vitest';
import { type FigureStore, maxTallyItems, type Tally } from '../../functions/marketing/figure-store.ts';

const monday = '2026-11-23';
const tuesday = '2026-11-24';
const wednesday = '2026-11-25';
const step = 'track:welcome#step-1';

/** A tally that adds `counts` to one item: the shape most happenings have. */
const adding = (key: string, counts: Record<string, number>, day = tuesday, item = step): Tally => ({ key, adds: [{ day, item, counts }] });

/** What the core relies on from a FigureStore, whichever adapter holds it. `figures()` gives a fresh, empty store. */
export function figureStoreContract(name: string, figures: () => Promise<FigureStore> | FigureStore): void {
  describe(`FigureStore contract: ${name}`, () => {
    it("adds a tally's counts to several items of several days", async () => {
      const store = await figures();

      await store.record({
        key: 'ses:message-1:delivery',
        adds: [
          { day: monday, item: step, counts: { sent: 1 } },
          { day: tuesday, item: step, counts: { delivered: 1 } },
          { day: tuesday, item: 'source:google-ads', counts: { delivered: 1, opened: 0 } },
        ],
      });
      await store.record(adding('ses:message-2:delivery', { delivered: 1 }));

      expect(await store.days([monday, tuesday])).toEqual([
        { day: monday, counts: { [step]: { sent: 1 } }, samples: {} },
        { day: tuesday, counts: { [step]: { delivered: 2 }, 'source:google-ads': { delivered: 1, opened: 0 } }, samples: {} },
      ]);
    });

    it('merges adds to the same item within one tally', async () => {
      const store = await figures();

      await store.record({
        key: 'ses:message-1:click',
        adds: [
          { day: tuesday, item: step, counts: { clicked: 1 } },
          { day: tuesday, item: step, counts: { clicked: 1, 'clicked:cta': 1 } },
        ],
      });

      expect((await store.days([tuesday]))[0]?.counts).toEqual({ [step]: { clicked: 2, 'clicked:cta': 1 } });
    });

    it('counts the same key once', async () => {
      const store = await figures();

      const answers = [await store.record(adding('ses:message-1:open', { opened: 1 })), await store.record(adding('ses:message-1:open', { opened: 1 }))];

      expect(answers).toEqual(['counted', 'already counted']);
      expect((await store.days([tuesday]))[0]?.counts).toEqual({ [step]: { opened: 1 } });
    });

    it('loses nothing when 40 tallies with different keys add to the same item at once', async () => {
      const store = await figures();

      const answers = await Promise.all(Array.from({ length: 40 }, (_, index) => store.record(adding(`ses:message-${index}:open`, { opened: 1, 'opened:mobile': 2 }))));

      expect(answers.every((answer) => answer === 'counted')).toBe(true);
      expect((await store.days([tuesday]))[0]?.counts).toEqual({ [step]: { opened: 40, 'opened:mobile': 80 } });
    });

    it('counts 20 concurrent deliveries of the same key once', async () => {
      const store = await figures();

      const answers = await Promise.all(Array.from({ length: 20 }, () => store.record(adding('ses:message-1:open', { opened: 1 }))));

      expect(answers.filter((answer) => answer === 'counted')).toHaveLength(1);
      expect((await store.days([tuesday]))[0]?.counts).toEqual({ [step]: { opened: 1 } });
    });

    it('reads samples back, and a later tally writes a sample item whole again', async () => {
      const store = await figures();
      const first = { key: 'ses:message-1:open', adds: [{ day: tuesday, item: 'filter:machine', counts: { filtered: 1 } }], samples: [{ day: tuesday, item: 'sample:machine', sample: '{"ua":"curl/8"}' }] };

      await store.record(first);
      const afterFirst = await store.days([tuesday]);
      await store.record({ ...first, key: 'ses:message-2:open', samples: [{ day: tuesday, item: 'sample:machine', sample: '{"ua":"Go-http-client"}' }] });
      await store.record(first);

      expect(afterFirst[0]?.samples).toEqual({ 'sample:machine': '{"ua":"curl/8"}' });
      expect(await store.days([tuesday])).toEqual([{ day: tuesday, counts: { 'filter:machine': { filtered: 2 } }, samples: { 'sample:machine': '{"ua":"Go-http-client"}' } }]);
    });

    it('gives empty figures for days nothing happened on, in the order asked', async () => {
      const store = await figures();
      await store.record(adding('ses:message-1:open', { opened: 1 }, tuesday));

      const days = await store.days([wednesday, tuesday, monday]);

      expect(days).toEqual([
        { day: wednesday, counts: {}, samples: {} },
        { day: tuesday, counts: { [step]: { opened: 1 } }, samples: {} },
        { day: monday, counts: {}, samples: {} },
      ]);
    });

    it('keeps count names as given, whatever their characters, and apart from the names the store itself uses', async () => {
      const store = await figures();
      const counts = { 'clicked:cta-2#footer.link': 3, 'reason:bot#ua.curl-8': 1, 'a b': 2, PK: 4, SK: 5, entity: 6, sample: 7, expiresAt: 8 };

      await store.record(adding('ses:message-1:click', counts, tuesday, 'source:partner.example#news-letter'));

      expect((await store.days([tuesday]))[0]?.counts).toEqual({ 'source:partner.example#news-letter': counts });
    });

    it('reads the whole of a day bigger than one page of a query', async () => {
      const store = await figures();
      // 300 samples of 4 KB: over the 1 MB a query answers per page.
      const samples = Array.from({ length: 300 }, (_, index) => ({ day: tuesday, item: `sample:${String(index).padStart(3, '0')}`, sample: `${index}:`.padEnd(4_000, 'x') }));

      for (let start = 0; start < samples.length; start += 75) await store.record({ key: `batch-${start}`, adds: [], samples: samples.slice(start, start + 75) });

      const [day] = await store.days([tuesday]);
      expect(Object.keys(day?.samples ?? {})).toHaveLength(300);
      expect(day?.samples).toEqual(Object.fromEntries(samples.map(({ item, sample }) => [item, sample])));
    });

    it.each([
      { case: `more than ${maxTallyItems} items`, tally: { key: 'too-big', adds: Array.from({ length: maxTallyItems + 1 }, (_, index) => ({ day: tuesday, item: `item-${index}`, counts: { sent: 1 } })) }, error: /at most 99/ },
      { case: 'a sample on an item it counts in', tally: { ...adding('sampled-and-counted', { sent: 1 }), samples: [{ day: tuesday, item: step, sample: '{}' }] }, error: /one item twice/ },
    ])('refuses a tally one transaction cannot hold, writing nothing: $case', async ({ tally, error }) => {
      const store = await figures();

      await expect(store.record(tally)).rejects.toThrow(error);

      expect(await store.days([tuesday])).toEqual([{ day: tuesday, counts: {}, samples: {} }]);
      expect(await store.record({ ...tally, adds: tally.adds.slice(0, 1), samples: [] })).toBe('counted');
    });
  });
}
