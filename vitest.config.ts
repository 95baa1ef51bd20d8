import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/dynamodb-local.global-setup.ts'],
    setupFiles: ['test/support/matchers.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default, one fewer than the cores, runs files one at a time on a 2-core machine,
    // though most integration tests spend their time waiting on DynamoDB Local, HTTP or a child process.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    env: { POWERTOOLS_LOG_LEVEL: 'WARN', POWERTOOLS_METRICS_DISABLED: 'true' },
  },
});
