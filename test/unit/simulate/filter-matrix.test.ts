import { describe, expect, it } from 'vitest';
import type { EmailSignal } from '../../../functions/leads/lead.ts';
import { filterMatrix, personTruth, type Truth, truthLedger } from '../../../infra/simulate/filter-matrix.ts';

const proxy: Truth = { by: 'machine', id: 'privacy-proxy', kind: 'open' };
const scanner: Truth = { by: 'machine', id: 'link-scanner', kind: 'click' };
const classes = [personTruth('open'), personTruth('click'), proxy, scanner];
const sentMs = Date.parse('2027-01-04T09:00:00.000Z');

// A signal as the engagement function keeps it: the event id is the bus's own, unknown to the simulator.
const kept = (messageId: string, type: 'open' | 'click', at: string, filteredBecause?: string): EmailSignal => ({
  eventId: crypto.randomUUID(),
  type,
  at,
  messageId,
  ...(filteredBecause ? { human: false, filteredBecause } : { human: true }),
});

describe("the filter's confusion matrix", () => {
  it('puts each stored signal in the row of who made it, filtered ones by the reason before the detail', () => {
    const ledger = truthLedger();
    const proxyAt = ledger.claim('m1', proxy, sentMs);
    const personAt = ledger.claim('m1', personTruth('open'), sentMs + 3_600_000);
    const scanAt = ledger.claim('m1', scanner, sentMs + 2_000);
    const matrix = filterMatrix(
      ledger,
      [
        kept('m1', 'open', proxyAt, 'privacy-proxy-open: user agent "Mozilla/5.0" matches the privacy-proxy pattern "^Mozilla/5\\.0$"'),
        kept('m1', 'open', personAt),
        kept('m1', 'click', scanAt),
        { eventId: 'd1', type: 'delivery', at: proxyAt, messageId: 'm1' },
      ],
      classes,
    );
    expect(matrix.rows.map(({ id, posted, judgedHuman, filtered, filteredBy }) => ({ id, posted, judgedHuman, filtered, filteredBy }))).toEqual([
      { id: 'person-open', posted: 1, judgedHuman: 1, filtered: 0, filteredBy: {} },
      { id: 'person-click', posted: 0, judgedHuman: 0, filtered: 0, filteredBy: {} },
      { id: 'privacy-proxy', posted: 1, judgedHuman: 0, filtered: 1, filteredBy: { 'privacy-proxy-open': 1 } },
      { id: 'link-scanner', posted: 1, judgedHuman: 1, filtered: 0, filteredBy: {} },
    ]);
    expect(matrix.machineSignalsFiltered).toMatchObject({ count: 1, of: 2, percent: 50, goalPercent: 95, met: false });
    expect(matrix.peopleSignalsWronglyFiltered).toMatchObject({ count: 0, of: 1, percent: 0, goalPercent: 2, met: true });
    expect(matrix.reasons).toEqual(['privacy-proxy-open']);
    expect({ posted: matrix.posted, notStored: matrix.notStored, unexpected: matrix.unexpected }).toEqual({ posted: 3, notStored: 0, unexpected: 0 });
  });

  it('moves a posting a millisecond on while another of the same message and kind has its moment, so each signal matches one posting', () => {
    const ledger = truthLedger();
    const first = ledger.claim('m1', proxy, sentMs);
    const second = ledger.claim('m1', personTruth('open'), sentMs);
    const click = ledger.claim('m1', scanner, sentMs);
    expect([first, second, click]).toEqual(['2027-01-04T09:00:00.000Z', '2027-01-04T09:00:00.001Z', '2027-01-04T09:00:00.000Z']);
  });

  it('counts a posting nothing stored, and a stored signal no posting made or one already matched', () => {
    const ledger = truthLedger();
    const stored = ledger.claim('m1', scanner, sentMs);
    ledger.claim('m2', scanner, sentMs);
    const matrix = filterMatrix(ledger, [kept('m1', 'click', stored), kept('m1', 'click', stored), kept('m3', 'click', stored)], classes);
    expect({ posted: matrix.posted, notStored: matrix.notStored, unexpected: matrix.unexpected }).toEqual({ posted: 2, notStored: 1, unexpected: 2 });
  });

  it('refuses a posting that is no row of the matrix', () => {
    const ledger = truthLedger();
    ledger.claim('m1', { by: 'machine', id: 'unknown', kind: 'open' }, sentMs);
    expect(() => filterMatrix(ledger, [], classes)).toThrow('"unknown" was posted but is no row');
  });
});
