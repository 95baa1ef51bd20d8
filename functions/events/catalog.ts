import { leadBecameHot } from './lead-became-hot.ts';
import { leadCaptured } from './lead-captured.ts';
import { leadHandedOff } from './lead-handed-off.ts';
import { leadPurchased } from './lead-purchased.ts';
import { leadRecycled } from './lead-recycled.ts';
import { leadReassigned } from './lead-reassigned.ts';
import { leadReinquired } from './lead-reinquired.ts';
import { repDeactivated } from './rep-deactivated.ts';
import { sendingPaused } from './sending-paused.ts';
import { sendingResumed } from './sending-resumed.ts';
import { teamEmailFailed } from './team-email-failed.ts';

/** Every event Stoke publishes, by detail-type. */
export const eventCatalog = {
  [leadCaptured.detailType]: leadCaptured,
  [leadReinquired.detailType]: leadReinquired,
  [leadBecameHot.detailType]: leadBecameHot,
  [leadHandedOff.detailType]: leadHandedOff,
  [repDeactivated.detailType]: repDeactivated,
  [leadReassigned.detailType]: leadReassigned,
  [leadRecycled.detailType]: leadRecycled,
  [leadPurchased.detailType]: leadPurchased,
  [sendingPaused.detailType]: sendingPaused,
  [sendingResumed.detailType]: sendingResumed,
  [teamEmailFailed.detailType]: teamEmailFailed,
} as const;

export { leadBecameHot, leadCaptured, leadHandedOff, leadPurchased, leadReassigned, leadRecycled, leadReinquired, repDeactivated, sendingPaused, sendingResumed, teamEmailFailed };
