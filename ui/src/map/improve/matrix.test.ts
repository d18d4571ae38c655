import { describe, expect, it } from "vitest";
import { axisFor, fromPlot, labelled, labelWidth, median, PLOT, snap, toPlot } from "./matrix";

describe("axisFor", () => {
  it("ends on a round number at least 10 % above the largest value", () => {
    expect(axisFor([120_000, 480_000]).max).toBe(1_000_000);
    expect(axisFor([90]).max).toBe(100);
    expect(axisFor([40]).max).toBe(50);
    expect(axisFor([2.2]).max).toBe(2.5);
  });

  it("gives a usable axis when every value is zero or there is none", () => {
    expect(axisFor([])).toEqual({ max: 10, step: 0.1 });
    expect(axisFor([0, 0])).toEqual({ max: 10, step: 0.1 });
  });

  it("snaps to a round step near a hundredth of the axis", () => {
    expect(axisFor([480_000]).step).toBe(10_000);
    expect(axisFor([40]).step).toBe(0.5);
  });
});

describe("snap", () => {
  it("rounds to the step without float noise and never below zero", () => {
    expect(snap(0.30000000000000004, 0.1)).toBe(0.3);
    expect(snap(12_345, 1_000)).toBe(12_000);
    expect(snap(-3, 1)).toBe(0);
  });
});

describe("toPlot and fromPlot", () => {
  const x = axisFor([1_000]);
  const y = axisFor([40]);

  it("puts zero at the bottom left and the axes' ends at the top right", () => {
    expect(toPlot(0, 0, x, y)).toEqual({ x: PLOT.left, y: PLOT.height - PLOT.bottom });
    expect(toPlot(x.max, y.max, x, y)).toEqual({ x: PLOT.width - PLOT.right, y: PLOT.top });
  });

  it("reads back the figures a point was drawn from", () => {
    const at = toPlot(600, 35, x, y);
    expect(fromPlot(at.x, at.y, x, y)).toEqual({ cost: 600, effect: 35 });
  });

  it("keeps a point dragged off the plot on its axes", () => {
    expect(fromPlot(-50, PLOT.height + 80, x, y)).toEqual({ cost: 0, effect: 0 });
    expect(fromPlot(PLOT.width + 300, -200, x, y)).toEqual({ cost: x.max, effect: y.max });
  });
});

describe("median", () => {
  it("is the middle value, or the mean of the two middle ones", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe("labelled", () => {
  it("measures Japanese characters wider than Latin ones", () => {
    expect(labelWidth("展示会")).toBeGreaterThan(labelWidth("abc"));
  });

  it("skips a label that would cover one placed before it, in the order given", () => {
    const shown = labelled([
      { id: "first", x: 100, y: 100, text: "展示会でブース出展" },
      { id: "covered", x: 60, y: 110, text: "ウェビナー" },
      { id: "below", x: 120, y: 130, text: "ウェビナー" },
    ]);
    expect([...shown]).toEqual(["first", "below"]);
  });

  it("keeps clear of other points' dots", () => {
    const shown = labelled([
      { id: "left", x: 100, y: 100, text: "展示会" },
      { id: "right", x: 130, y: 100, text: "展示会" },
    ]);
    expect([...shown]).toEqual(["right"]);
  });

  it("keeps clear of reserved boxes", () => {
    const point = { id: "p", x: 100, y: 100, text: "展示会" };
    expect(labelled([point], [{ left: 120, right: 200, top: 90, bottom: 104 }]).size).toBe(0);
    expect(labelled([point], [{ left: 0, right: 90, top: 90, bottom: 104 }]).size).toBe(1);
  });
});
