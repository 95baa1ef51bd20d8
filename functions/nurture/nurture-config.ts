import { nurtureSettings } from '../../infra/wiring/functions.ts';
import { readConfig } from '../platform/config.ts';

/** What nurture-enrolment and nurture-step read (both declare these settings in infra/wiring/functions.ts). */
export const nurtureConfig = readConfig(nurtureSettings);
