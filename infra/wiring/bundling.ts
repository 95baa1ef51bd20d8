/**
 * How every function is bundled. The CDK stack and the benchmark both read
 * this, so the bundle measured is the bundle deployed.
 */
export const bundling = {
  format: 'esm',
  platform: 'node',
  // The Lambda runtime the stack deploys (NODEJS_24_X).
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  treeShaking: true,
  // License banners of dependencies stay in node_modules and package-lock.json; the bundle needs none.
  legalComments: 'none',
  /*
   * AWS SDK included: the clients, @smithy/core and the credential providers that
   * run on Lambda are bundled, so the version tested is the version deployed. Leaving
   * the whole SDK to the runtime's copy (resolved from node_modules in the bench) cut
   * capture from 388 KB to 167 KB but its module load went from 75 to 190 ms (median
   * of 21; nurture-step 108 to 262 ms): many SDK files resolved and read instead of one
   * parsed, so it is not done (figures: `npm run bench`, `sdkExternal`).
   *
   * External: only the credential providers the default chain reaches through a
   * dynamic `import()` after the environment provider, which always answers on Lambda
   * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). They are never loaded
   * there; should one ever be reached, the Node.js 24 runtime's own AWS SDK v3 provides
   * it. About 95 KB of every bundle.
   *
   * Likewise @smithy/core/event-streams: the protocols reach it through a dynamic
   * `import()` only for an operation with an event stream, and no operation Stoke calls
   * (DynamoDB, EventBridge, Scheduler, Secrets Manager, SES v2) has one. About 19 KB of
   * every bundle.
   */
  external: [
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-login',
    '@aws-sdk/credential-provider-http',
    '@aws-sdk/token-providers',
    '@aws-sdk/nested-clients',
    '@smithy/credential-provider-imds',
    '@smithy/core/event-streams',
  ],
  // ESM bundles have no `require`; a CommonJS dependency that calls it needs one.
  banner: "import { createRequire as stokeCreateRequire } from 'node:module'; const require = stokeCreateRequire(import.meta.url);",
} as const;

/** The alternative measured but not deployed: the whole AWS SDK left to the runtime. */
export const sdkExternal = ['@aws-sdk/*', '@smithy/*'] as const;
