// Vitest config: unit/integration tests only (browser e2e lives in e2e/ and
// runs through scripts/e2e.mjs with node:test + playwright-core).
// Standalone rather than merged with vite.config.ts: tests run in Node and
// need none of the app's build/server settings (and importing vite.config
// from here trips a Vite "native config loader" warning).
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    // Core is pure TS. A UI test needing a DOM can opt in per file with a
    // `// @vitest-environment jsdom` comment (would need jsdom installed).
    environment: 'node',
    // Simulation/property tests can be slow on a 2-core CI box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // 2-core machine: more workers than cores only adds contention.
    pool: 'forks',
    maxWorkers: 2,
  },
});
