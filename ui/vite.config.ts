import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

// The UI is served to the Tauri webview from ui/dist; nothing is fetched from the network.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK 2.50 and the webviews of Windows and macOS all run modern JavaScript.
    target: "es2022",
    // Inline nothing as data: URLs, so the CSP can stay strict.
    assetsInlineLimit: 0,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
