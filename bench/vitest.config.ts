import { defineConfig } from 'vitest/config';

// `npm run bench`: each bench file measures the product's performance figures against their targets and records them; the global
// teardown prints one table and writes bench/results.json.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ['bench/collect.ts'],
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
