import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // @actions/workflow-parser imports JSON without an import attribute; inlining lets Vite handle it.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    // Runner-emulation tests spawn the bundled actions; keep the machine responsive.
    maxWorkers: 2,
  },
});
