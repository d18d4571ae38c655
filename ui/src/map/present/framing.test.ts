import { describe, expect, it } from "vitest";
import { layoutWith } from "../editor/fixtures";
import { fit, focusRect, stepStage } from "./framing";

describe("stepStage", () => {
  it("walks the stages and shows the whole map past either end", () => {
    expect(stepStage(null, 5, 1)).toBe(0);
    expect(stepStage(0, 5, 1)).toBe(1);
    expect(stepStage(4, 5, 1)).toBeNull();
    expect(stepStage(null, 5, -1)).toBe(4);
    expect(stepStage(0, 5, -1)).toBeNull();
    expect(stepStage(null, 0, 1)).toBeNull();
  });
});

describe("focusRect", () => {
  const layout = layoutWith([]);

  it("is the whole map with no spotlight", () => {
    expect(focusRect(layout, null)).toEqual({ x: 0, y: 0, width: 500, height: 550 });
  });

  it("is the spotlighted stage's column with some of its neighbours", () => {
    expect(focusRect(layout, 1)).toEqual({ x: 270, y: 0, width: 260, height: 550 });
    expect(focusRect(layout, 7)).toEqual(focusRect(layout, null));
  });
});

describe("fit", () => {
  it("centres the rectangle at the largest zoom that shows it whole", () => {
    const { zoom, x, y } = fit({ x: 100, y: 0, width: 200, height: 100 }, { width: 1000, height: 600 }, 0);
    expect(zoom).toBe(4);
    expect(x + 200 * zoom).toBe(500);
    expect(y + 50 * zoom).toBe(300);
    expect(fit({ x: 0, y: 0, width: 2000, height: 500 }, { width: 1000, height: 600 }, 0).zoom).toBe(0.5);
  });
});
