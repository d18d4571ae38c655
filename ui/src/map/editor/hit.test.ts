import { describe, expect, it } from "vitest";
import { layoutWith } from "./fixtures";
import { cardAt, cardsInBand, cellAt, dropTarget, selectionBounds } from "./hit";

const none = new Set<string>();

describe("cellAt and cardAt", () => {
  const layout = layoutWith([{ id: "a", stage: 0, y: 60 }]);

  it("find the cell and the card under a point", () => {
    expect(cellAt(layout, { x: 150, y: 70 })?.stage_index).toBe(0);
    expect(cellAt(layout, { x: 350, y: 400 })?.lane_kind).toBe("emotions");
    expect(cardAt(layout, { x: 150, y: 70 })?.id).toBe("a");
  });

  it("find nothing in the lane headers or between cards", () => {
    expect(cellAt(layout, { x: 50, y: 70 })).toBeNull();
    expect(cardAt(layout, { x: 150, y: 120 })).toBeNull();
  });

  it("widen a card's target by the margin", () => {
    expect(cardAt(layout, { x: 150, y: 103 })).toBeNull();
    expect(cardAt(layout, { x: 150, y: 103 }, 4)?.id).toBe("a");
  });
});

describe("dropTarget", () => {
  const layout = layoutWith([
    { id: "a", stage: 0, y: 60 },
    { id: "b", stage: 0, y: 110 },
    { id: "c", stage: 0, y: 160 },
  ]);

  it("puts a card above the first card when dropped on its top half", () => {
    const target = dropTarget(layout, { x: 150, y: 65 }, none);
    expect(target?.index).toBe(0);
    expect(target?.indicatorY).toBe(56);
  });

  it("puts a card between the cards whose centres surround the pointer", () => {
    expect(dropTarget(layout, { x: 150, y: 140 }, none)?.index).toBe(2);
    expect(dropTarget(layout, { x: 150, y: 340 }, none)?.index).toBe(3);
  });

  it("does not count the dragged cards themselves", () => {
    // Dragging "a" below "b": among the others (b, c) it goes to index 1.
    expect(dropTarget(layout, { x: 150, y: 150 }, new Set(["a"]))?.index).toBe(1);
  });

  it("drops into an empty cell at index 0", () => {
    const target = dropTarget(layout, { x: 350, y: 200 }, none);
    expect(target).toMatchObject({ index: 0, cell: { stage_index: 1, lane_kind: "touchpoints" } });
  });

  it("refuses the emotion lane and the outside of the grid", () => {
    expect(dropTarget(layout, { x: 150, y: 400 }, none)).toBeNull();
    expect(dropTarget(layout, { x: 20, y: 100 }, none)).toBeNull();
  });
});

describe("cardsInBand", () => {
  it("selects every card the band touches, dragged in any direction", () => {
    const layout = layoutWith([
      { id: "a", stage: 0, y: 60 },
      { id: "b", stage: 0, y: 110 },
      { id: "c", stage: 1, y: 60 },
    ]);
    expect(cardsInBand(layout, { x: 105, y: 55 }, { x: 200, y: 115 })).toEqual(["a", "b"]);
    expect(cardsInBand(layout, { x: 400, y: 70 }, { x: 250, y: 65 })).toEqual(["a", "c"]);
  });
});

describe("selectionBounds", () => {
  const layout = layoutWith([
    { id: "a", stage: 0, y: 60 },
    { id: "c", stage: 1, y: 200 },
  ]);

  it("spans every selected card and emotion point", () => {
    expect(selectionBounds(layout, new Set(["a", "c"]))).toEqual({ x: 110, y: 60, width: 380, height: 180 });
    expect(selectionBounds(layout, new Set(["a", "ep_a"]))).toEqual({ x: 110, y: 60, width: 180, height: 398 });
  });

  it("is nothing for an empty selection", () => {
    expect(selectionBounds(layout, new Set())).toBeNull();
  });
});
