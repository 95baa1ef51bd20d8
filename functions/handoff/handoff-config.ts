import { handoffSettings } from '../../infra/wiring/functions.ts';
import { readConfig } from '../platform/config.ts';

/** What handoff and first-contact-deadline read (both declare these settings in infra/wiring/functions.ts). */
export const handoffConfig = readConfig(handoffSettings);
