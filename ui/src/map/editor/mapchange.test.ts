import { describe, expect, it } from "vitest";
import type { CardBox } from "../../lib/bindings/CardBox";
import type { MapChange } from "../../lib/bindings/MapChange";
import type { MapView } from "../../lib/bindings/MapView";
import type { TextLine } from "../../lib/bindings/TextLine";
import { applyChange, movedDown } from "./mapchange";

// Only what applyChange reads and passes on: the lists are the cards and their boxes.
const card = (id: string, text: string) => ({ id, text });
const box = (id: string, y: number) => ({ id, rect: { x: 0, y, width: 10, height: 10 }, badge: null, lines: [], votes: null });

function viewOf(version: number, cards: object[], boxes: object[], title = "map"): MapView {
  return { version, can_undo: true, can_redo: false, map: { info: { title }, cards }, layout: { width: 1, cards: boxes } } as unknown as MapView;
}

function changeOf(base: number, version: number, cards: unknown[], boxes: unknown[], title = "map"): MapChange {
  return { base, view: viewOf(version, [], [], title), cards, boxes } as unknown as MapChange;
}

describe("applyChange", () => {
  const held = viewOf(4, [card("a", "A"), card("b", "B"), card("c", "C")], [box("a", 0), box("b", 20), box("c", 40)]);

  it("keeps the cards that did not change as the same objects, in the change's order", () => {
    const b2 = card("b", "B, edited");
    const next = applyChange(held, changeOf(4, 5, [2, b2, 0], [box("c", 0), box("b", 20), 0], "renamed"))!;
    expect(next.version).toBe(5);
    expect(next.map.info.title).toBe("renamed");
    expect(next.map.cards.map((c) => c.text)).toEqual(["C", "B, edited", "A"]);
    expect(next.map.cards[0]).toBe(held.map.cards[2]);
    expect(next.map.cards[1]).toBe(b2);
    expect(next.layout.cards[2]).toBe(held.layout.cards[0]);
    expect(next.layout.cards[0].rect.y).toBe(0);
    // What the page held is left as it was: undo compares against it.
    expect(held.map.cards.map((c) => c.text)).toEqual(["A", "B", "C"]);
  });

  it("drops what a change leaves out, and adds what it brings", () => {
    const next = applyChange(held, changeOf(4, 5, [0, card("d", "D")], [0, box("d", 60)]))!;
    expect(next.map.cards.map((c) => c.id)).toEqual(["a", "d"]);
    expect(next.layout.cards.map((b) => b.id)).toEqual(["a", "d"]);
  });

  it("moves down the boxes a change says moved, leaving their cards alone", () => {
    const next = applyChange(held, changeOf(4, 5, [0, 1, 2], [0, [1, 15.5], [2, -5]]))!;
    expect(next.layout.cards.map((b) => b.rect.y)).toEqual([0, 35.5, 35]);
    expect(next.layout.cards[0]).toBe(held.layout.cards[0]);
    expect(next.map.cards[1]).toBe(held.map.cards[1]);
    expect(held.layout.cards[1].rect.y).toBe(20);
  });

  it("refuses a card sent as moved, and a move of what is not held", () => {
    expect(applyChange(held, changeOf(4, 5, [0, [1, 10], 2], [0, 1, 2]))).toBeNull();
    expect(applyChange(held, changeOf(4, 5, [0, 1, 2], [0, 1, [7, 10]]))).toBeNull();
  });

  it("refuses a change made against another view than the one held", () => {
    expect(applyChange(held, changeOf(3, 5, [0, 1, 2], [0, 1, 2]))).toBeNull();
  });

  it("refuses a change that refers past the lists held", () => {
    expect(applyChange(held, changeOf(4, 5, [0, 1, 3], [0, 1, 2]))).toBeNull();
    expect(applyChange(held, changeOf(4, 5, [0, 1, 2], [0, -1, 2]))).toBeNull();
  });
});

/** The rule a box moves down by: every `y`, `baseline` and `cy` in it, wherever it is (the
 * test of `CardBox::moved_down` in src-tauri/src/view.rs checks the core by the same rule). */
function byTheRule(value: unknown, dy: number): unknown {
  if (Array.isArray(value)) return value.map((item) => byTheRule(item, dy));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      ["y", "baseline", "cy"].includes(key) && typeof field === "number" ? field + dy : byTheRule(field, dy),
    ]),
  );
}

describe("movedDown", () => {
  it("moves every vertical coordinate of a card box, and nothing else", () => {
    const line = (baseline: number): TextLine => ({ text: "y", x: 14, baseline, size: 13, bold: false });
    // Typed, so that a field added to CardBox must be added here too.
    const cardBox: CardBox = {
      id: "cd_1",
      kind: "touchpoint",
      rect: { x: 10, y: 100, width: 180, height: 90 },
      badge: { rect: { x: 10, y: 100, width: 180, height: 22 }, icon: { key: "web", x: 14, y: 103 }, mode: "online", label: line(116) },
      lines: [line(140), line(158)],
      votes: { cx: 180, cy: 180, r: 9, label: line(184) },
    };
    const before = structuredClone(cardBox);
    expect(movedDown(cardBox, -20.25)).toEqual(byTheRule(cardBox, -20.25));
    expect(movedDown({ ...cardBox, badge: null, votes: null }, 7)).toEqual(byTheRule({ ...cardBox, badge: null, votes: null }, 7));
    expect(cardBox).toEqual(before);
  });
});
