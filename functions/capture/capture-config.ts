import { lambdaFunctions } from '../../infra/wiring/functions.ts';
import { readConfig } from '../platform/config.ts';

export const captureConfig = readConfig(lambdaFunctions.capture.settings);
