import { describe, expect, it } from "vitest";
import { layoutWith } from "./fixtures";
import { readingOrder, step } from "./traversal";

const layout = layoutWith([
  { id: "cd_right", stage: 1, y: 60 },
  { id: "cd_low", stage: 0, y: 120 },
  { id: "cd_top", stage: 0, y: 60 },
]);
const everyone = new Set(["pe_1"]);

describe("readingOrder", () => {
  it("reads stage headers, then each lane's header and its cards stage by stage, then emotion points", () => {
    expect(readingOrder(layout, everyone).map((s) => s.id)).toEqual([
      "st_0",
      "st_1",
      "ln_touchpoints",
      "cd_top",
      "cd_low",
      "cd_right",
      "ln_emotions",
      "ep_a",
      "ep_b",
    ]);
  });

  it("skips the points of hidden personas", () => {
    expect(readingOrder(layout, new Set()).map((s) => s.id)).not.toContain("ep_a");
  });
});

describe("step", () => {
  const order = readingOrder(layout, everyone);

  it("starts at the first stop going forward and at the last going back", () => {
    expect(step(order, new Set(), 1)?.id).toBe("st_0");
    expect(step(order, new Set(), -1)?.id).toBe("ep_b");
  });

  it("moves from the last selected item forward and from the first backward", () => {
    expect(step(order, new Set(["cd_top", "cd_low"]), 1)?.id).toBe("cd_right");
    expect(step(order, new Set(["cd_top", "cd_low"]), -1)?.id).toBe("ln_touchpoints");
  });

  it("gives nothing past either end, so that Tab can leave the canvas", () => {
    expect(step(order, new Set(["ep_b"]), 1)).toBeNull();
    expect(step(order, new Set(["st_0"]), -1)).toBeNull();
  });
});
