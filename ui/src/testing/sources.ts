// The UI's own source files, for tests that check what the code may and may not say.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Every .svelte and .ts file under ui/src except tests and the generated bindings. */
export function sourceFiles(dir = fileURLToPath(new URL("..", import.meta.url))): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bindings" || name === "testing" ? [] : sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

export function read(file: string): string {
  return readFileSync(file, "utf8");
}
