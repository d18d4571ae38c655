import { describe, expect, it } from "vitest";
import type { LaunchAnswer } from "./bindings/LaunchAnswer";
import type { MapView } from "./bindings/MapView";
import { launchedMap, takePreload, type Preload } from "./launch";

const view = (version: number, title: string) => ({ version, map: { info: { title } } }) as unknown as MapView;
const handed = (version: number, title: string): Preload => ({
  version,
  json: JSON.stringify(view(version, title)),
  fonts: [],
});

/** A core that records the version the page named and answers `answer`. */
function core(answer: LaunchAnswer) {
  const named: (number | null)[] = [];
  const ask = (preloaded: number | null) => {
    named.push(preloaded);
    return Promise.resolve(answer);
  };
  return { ask, named };
}

describe("the map the app was started with", () => {
  it("is the view handed to the page when the core says that is the map it opened", async () => {
    const { ask, named } = core({ kind: "preloaded" });
    const opened = await launchedMap(ask, handed(7, "handed"));
    expect(named).toEqual([7]);
    expect(opened?.map.info.title).toBe("handed");
  });

  it("is the view in the answer when the core opened another, or the page was handed none", async () => {
    const other = core({ kind: "opened", view: view(9, "answered") });
    expect((await launchedMap(other.ask, handed(7, "handed")))?.map.info.title).toBe("answered");

    const none = core({ kind: "opened", view: view(9, "answered") });
    expect((await launchedMap(none.ask, null))?.version).toBe(9);
    expect(none.named).toEqual([null]);
  });

  it("is nothing when the core opened nothing, whatever the page was handed (a reload)", async () => {
    const { ask } = core({ kind: "nothing" });
    expect(await launchedMap(ask, handed(7, "stale"))).toBeNull();
  });

  it("fails when the core points to a view the page was not handed", async () => {
    const { ask } = core({ kind: "preloaded" });
    await expect(launchedMap(ask, null)).rejects.toThrow(/not handed/);
  });
});

describe("takePreload", () => {
  it("takes the handed view once", () => {
    const page: Record<string, unknown> = { __TABIJI_LAUNCH__: handed(3, "map") };
    expect(takePreload(page)?.version).toBe(3);
    expect(takePreload(page)).toBeNull();
  });

  it("keeps the fonts handed with the view, and drops them whole if any is not a font", () => {
    const font = { weight: 400, range: "U+20-7E", data: "AAEAAA==" };
    const page: Record<string, unknown> = { __TABIJI_LAUNCH__: { ...handed(3, "map"), fonts: [font] } };
    expect(takePreload(page)?.fonts).toEqual([font]);
    const odd = { __TABIJI_LAUNCH__: { ...handed(3, "map"), fonts: [font, { weight: "bold" }] } };
    expect(takePreload(odd)?.fonts).toEqual([]);
    expect(takePreload({ __TABIJI_LAUNCH__: { version: 3, json: "{}" } })?.fonts).toEqual([]);
  });

  it("ignores anything else left under its name", () => {
    expect(takePreload({ __TABIJI_LAUNCH__: "<b>not a view</b>" })).toBeNull();
    expect(takePreload({})).toBeNull();
  });
});
