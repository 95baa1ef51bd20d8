import { leadCaptured } from './lead-captured.ts';
import { leadReinquired } from './lead-reinquired.ts';

/** Every event Stoke publishes, by detail-type. */
export const eventCatalog = {
  [leadCaptured.detailType]: leadCaptured,
  [leadReinquired.detailType]: leadReinquired,
} as const;

export { leadCaptured, leadReinquired };
