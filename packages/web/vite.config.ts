import { defineConfig } from "vite";

// Run as `vite build packages/web` / `vite packages/web`: the CLI argument makes packages/web the root.
// Vite 8 compiles TSX with Oxc; the automatic runtime needs no @vitejs/plugin-react.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React Server Components); a SPA can ignore it.
      onLog(level, log, handler) {
        if (log.code === "MODULE_LEVEL_DIRECTIVE") return;
        handler(level, log);
      },
    },
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
