import type { BusinessMetric, PublishBusinessMetric } from '../platform/business-metrics.ts';
import type { FigureStore, Tally } from './figure-store.ts';
import { items } from './tallies.ts';

/*
 * Marketing's figures are already counted once per happening, however often
 * AWS delivers it (figure-store.ts). The business metrics that mirror them are
 * published only when a tally is counted, so a redelivered event, a retried
 * invocation or a replayed dead letter never counts twice in CloudWatch either.
 */

/** The kind of figures item a count goes to: the first part of its name (tallies.ts `items`). */
type ItemKind = 'source' | 'step' | 'filter' | 'consent';

function kindOf(item: string): ItemKind | undefined {
  if (item === items.filter || item === items.consent) return item;
  const kind = item.split('#', 1)[0];
  return item.includes('#') && (kind === 'source' || kind === 'step') ? kind : undefined;
}

// Which count of which item is a metric. A lead's funnel stages count on its source's item, once per lead;
// a tip's sends and SES events on its step's item; the machine filter's verdicts on the day's filter item,
// named `open:<verdict>` or `click:<verdict>`; unsubscribes on the day's consent item, once per lead.
const funnelCounts = new Map<string, BusinessMetric>([['captured', 'leadsCaptured'], ['hot', 'leadsTurnedHot'], ['handed-off', 'leadsHandedOff']]);
const tipCounts = new Map<string, BusinessMetric>([['sent', 'tipsSent'], ['bounced', 'tipBounces'], ['complained', 'tipComplaints']]);
const countsOf: Record<ItemKind, (name: string) => BusinessMetric | undefined> = {
  source: (name) => funnelCounts.get(name),
  step: (name) => tipCounts.get(name),
  filter: (name) => {
    const split = name.indexOf(':');
    const [type, verdict] = [name.slice(0, split), name.slice(split + 1)];
    if (type === 'open') return verdict === 'human' ? 'humanOpens' : 'filteredOpens';
    if (type === 'click') return verdict === 'human' ? 'humanClicks' : 'filteredClicks';
    return undefined;
  },
  consent: (name) => (name === 'unsubscribed' ? 'unsubscribes' : undefined),
};

/**
 * What a counted tally adds to the business metrics: each metric once, with
 * the sum of its counts. A second look that moves a signal from people to
 * machines subtracts from one and adds to the other, as it does in the figures.
 */
export function metricsOfTally(tally: Tally): Array<[BusinessMetric, number]> {
  const sums = new Map<BusinessMetric, number>();
  for (const { item, counts } of tally.adds) {
    const kind = kindOf(item);
    if (!kind) continue;
    for (const [name, count] of Object.entries(counts)) {
      const metric = countsOf[kind](name);
      if (metric) sums.set(metric, (sums.get(metric) ?? 0) + count);
    }
  }
  return [...sums].filter(([, sum]) => sum !== 0);
}

/** The figure store, publishing the business metrics of every tally it counts, and none of one it had counted before. */
export function withFigureMetrics(store: FigureStore, publish: PublishBusinessMetric): FigureStore {
  return {
    ...store,
    async record(tally) {
      const answer = await store.record(tally);
      if (answer === 'counted') for (const [metric, value] of metricsOfTally(tally)) publish(metric, value);
      return answer;
    },
  };
}
