import { leadAdapters } from '../email/lead-adapters.ts';
import { defaultNurturePolicy } from './default-policy.ts';
import { trackSettings } from '../../infra/wiring/functions.ts';
import { readConfig } from '../platform/config.ts';
import type { TrackDeps } from './nurture-deps.ts';

/**
 * The adapters of a function that moves leads on or off their track but never
 * emails them, built once per process. Kept apart from nurture-wiring.ts, whose
 * renderer and mailer would put liquidjs, the templates and the SES client in its bundle.
 */
// Part of the settings of every function that imports this (engagement, email-preferences).
const config = readConfig(trackSettings);

export const trackDeps: TrackDeps = {
  ...leadAdapters(config, { 'nurture-step': config.NURTURE_STEP_FUNCTION_ARN }),
  policy: defaultNurturePolicy,
};
