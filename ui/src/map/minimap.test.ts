import { describe, expect, it } from "vitest";
import { layoutWith } from "./editor/fixtures";
import { cellCounts, minimapSize } from "./minimap";

describe("minimap", () => {
  it("counts the cards of each cell by where their middle is", () => {
    const layout = layoutWith([
      { id: "a", stage: 0, y: 60 },
      { id: "b", stage: 0, y: 120 },
      { id: "c", stage: 1, y: 60 },
    ]);
    const counts = cellCounts(layout).map(({ cell, count }) => [cell.stage_id, cell.lane_id, count]);
    expect(counts).toEqual([
      ["st_0", "ln_touchpoints", 2],
      ["st_1", "ln_touchpoints", 1],
    ]);
  });

  it("counts cards that the layout lists away from their cell's others", () => {
    const layout = layoutWith([
      { id: "a", stage: 0, y: 60 },
      { id: "c", stage: 1, y: 60 },
      { id: "b", stage: 0, y: 120 },
      { id: "d", stage: 1, y: 120 },
    ]);
    const counts = cellCounts(layout).map(({ cell, count }) => [cell.stage_id, count]);
    expect(counts).toEqual([
      ["st_0", 2],
      ["st_1", 2],
    ]);
  });

  it("keeps the map's shape within the room it has", () => {
    const layout = layoutWith([]); // 500 × 550
    expect(minimapSize(layout, { width: 200, height: 160 })).toEqual({ width: 145, height: 160 });
    expect(minimapSize({ ...layout, width: 2000, height: 500 }, { width: 200, height: 160 })).toEqual({ width: 200, height: 50 });
  });
});
