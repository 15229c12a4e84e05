import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'core/**/*.test.ts',
      'schemas/**/*.test.ts',
      'server/**/*.test.ts',
      'bench/**/*.test.ts',
      'e2e/**/*.test.ts',
      'client/**/*.test.ts',
    ],
    testTimeout: 60_000,
    // Hooks start real servers (with the demo seed) and browsers; on a busy machine that takes a while.
    hookTimeout: 60_000,
    reporters: ['default', './vitest.summary.ts'],
  },
});
