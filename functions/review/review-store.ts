import type { ReviewInput } from './review-input.ts';

/** What a week's review keeps of itself for the next week's comparison. */
export type WeekSummary = NonNullable<ReviewInput['previous']>;

/** Each week's summary, kept so that the next review can show the change. */
export type ReviewSnapshots = {
  get(week: string): Promise<WeekSummary | undefined>;
  put(summary: WeekSummary): Promise<void>;
};
