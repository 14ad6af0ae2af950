// Lint for the whole monorepo. The dependency direction core <- db <- server <- cli,
// web -> core (types) + HTTP, is enforced here with no-restricted-imports.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const nodeBuiltins = ["node:*", "fs", "path", "os", "crypto", "child_process", "http", "net", "url", "worker_threads"];
const restrict = (packages, extra = []) => ({
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        ...packages.map((p) => ({ group: [`@trellis/${p}`, `@trellis/${p}/*`], message: `This package may not depend on @trellis/${p} (see docs/ARCHITECTURE.md).` })),
        ...extra,
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/dist/**", "**/.trellis-data/**", "bench/results/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["packages/core/src/**/*.ts"],
    rules: restrict(["db", "server", "cli", "web"], [{ group: nodeBuiltins, message: "core is pure: no I/O, no Node built-ins." }]),
  },
  { files: ["packages/db/src/**/*.ts"], rules: restrict(["server", "cli", "web"]) },
  { files: ["packages/server/src/**/*.ts"], rules: restrict(["cli", "web"]) },
  { files: ["packages/cli/src/**/*.ts"], rules: restrict(["web"]) },
  {
    files: ["packages/web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(["db", "server", "cli"], [{ group: nodeBuiltins, message: "web runs in the browser." }]),
  },
);
