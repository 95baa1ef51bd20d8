/**
 * Every Lambda function of Stoke, by name: the CDK stack bundles these
 * entries and the local runtime imports the same modules.
 */
export const lambdaFunctions = {
  capture: {
    entry: 'functions/capture/handler.ts',
    description: 'Validates, de-duplicates, scores and stores a lead posted by a web form',
    memorySize: 256,
    timeoutSeconds: 10,
  },
} as const;

export type FunctionName = keyof typeof lambdaFunctions;
