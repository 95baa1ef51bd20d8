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
  // ESM bundles have no `require`; a CommonJS dependency that calls it needs one.
  banner: "import { createRequire as stokeCreateRequire } from 'node:module'; const require = stokeCreateRequire(import.meta.url);",
} as const;
