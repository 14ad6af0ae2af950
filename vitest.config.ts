import { defineConfig } from "vitest/config";

// One runner for every kind of test. Projects let a developer run a slice:
//   npx vitest run --project core
export default defineConfig({
  test: {
    projects: [
      { test: { name: "core", include: ["packages/core/src/**/*.test.ts"] } },
      { test: { name: "db", include: ["packages/db/src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: "server", include: ["packages/server/src/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 } },
      { test: { name: "cli", include: ["packages/cli/src/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 120_000 } },
      { test: { name: "e2e", include: ["e2e/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
