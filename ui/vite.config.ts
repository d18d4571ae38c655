import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

type ModuleInfoOf = (id: string) => { importers: readonly string[]; dynamicImporters: readonly string[] } | null;

/** Whether `id` is reached only through a dynamic import (a dialog, or code only dialogs use). */
function onDemandOnly(id: string, infoOf: ModuleInfoOf, seen = new Set<string>()): boolean {
  const info = infoOf(id);
  if (!info || seen.has(id)) return true;
  seen.add(id);
  if (info.importers.length === 0) return info.dynamicImporters.length > 0;
  return info.importers.every((importer) => onDemandOnly(importer, infoOf, seen));
}

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
    rolldownOptions: {
      output: {
        // The app serves its files one at a time: the code the first screen needs stays in one
        // chunk, and only the dialogs loaded on demand (and what only they use) are split off.
        codeSplitting: {
          groups: [{ name: (id, context) => (onDemandOnly(id, (module) => context.getModuleInfo(module)) ? null : "app") }],
        },
      },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
