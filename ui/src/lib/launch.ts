// The map the app was started with: handed to the page as it loaded (src-tauri/src/launch_preload.rs),
// or in the answer to the page's question for it.
import type { LaunchAnswer } from "./bindings/LaunchAnswer";
import type { MapView } from "./bindings/MapView";
import { isLaunchFont, type LaunchFont } from "./fonts";

/** What the shell's script leaves for the page: the view's version, the view as JSON text, and
 * the fonts cut to its characters. */
export interface Preload {
  version: number;
  json: string;
  fonts: LaunchFont[];
}

const GLOBAL = "__TABIJI_LAUNCH__";

/** Takes the view the shell handed to the page, if any, so that it is read once. */
export function takePreload(
  from: Record<string, unknown> = window as unknown as Record<string, unknown>,
): Preload | null {
  const preload = from[GLOBAL] as Preload | undefined;
  delete from[GLOBAL];
  if (typeof preload?.version !== "number" || typeof preload.json !== "string") return null;
  // Fonts that are not what the shell writes are left out: the CSS's faces draw instead.
  const fonts = Array.isArray(preload.fonts) && preload.fonts.every(isLaunchFont) ? preload.fonts : [];
  return { version: preload.version, json: preload.json, fonts };
}

/**
 * Asks the core for the file the app was started with, naming the view the page was handed,
 * and reads that view while the question is out. The page uses it once the core answers that it
 * is the map it opened. The answer comes after any font the page is loading, which the first
 * frame needs anyway (laid out before they had arrived, it came up to 700 ms later;
 * docs/benchmarks.md): the shell's launch script carries the fonts too (see lib/fonts.ts).
 */
export async function launchedMap(
  ask: (preloaded: number | null) => Promise<LaunchAnswer>,
  preload: Preload | null,
): Promise<MapView | null> {
  const answer = ask(preload?.version ?? null);
  const preloaded = preload ? (JSON.parse(preload.json) as MapView) : null;
  const answered = await answer;
  switch (answered.kind) {
    case "nothing":
      return null;
    case "opened":
      return answered.view;
    case "preloaded":
      if (!preloaded) throw new Error("the core answered with a view the page was not handed");
      performance.mark("tabiji:launch-preloaded");
      return preloaded;
  }
}
