import type { ReviewSnapshots, WeekSummary } from './review-store.ts';

/** Week summaries in process memory: the latest put of a week wins, as on the table. */
export function memoryReviewSnapshots(): ReviewSnapshots {
  const summaries = new Map<string, WeekSummary>();
  // Through JSON, as the table stores it: undefined fields dropped, nothing shared with the caller.
  const stored = (summary: WeekSummary): WeekSummary => JSON.parse(JSON.stringify(summary)) as WeekSummary;
  return {
    async get(week) {
      const summary = summaries.get(week);
      return summary && stored(summary);
    },
    async put(summary) {
      summaries.set(summary.week, stored(summary));
    },
  };
}
