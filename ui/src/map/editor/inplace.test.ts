import { describe, expect, it } from "vitest";
import type { Map } from "../../lib/bindings/Map";
import { blankCard } from "./changes";
import { layoutWith } from "./fixtures";
import { editTargetOf, inPlaceText, LANE_NAME_HEIGHT } from "./inplace";

const layout = layoutWith([{ id: "a", stage: 0, y: 60 }]);
const map = {
  cards: [{ ...blankCard({ stageId: "st_0", laneId: "ln_touchpoints" }, "touchpoint"), id: "a", text: "一行目\n二行目" }],
  stages: [{ id: "st_0", name: "認知" }],
  lanes: [{ id: "ln_touchpoints", name: "タッチポイント" }],
  kpis: [],
} as unknown as Map;

describe("inPlaceText", () => {
  it("edits a card's text over its box and saves it as typed, line breaks and all", () => {
    const card = inPlaceText(map, layout, "card", "a")!;
    expect(card.rect).toEqual(layout.cards[0].rect);
    expect(card.save("x\ny")).toEqual({ op: "update_card", id: "a", patch: { text: "x\ny" } });
  });

  it("keeps a name on one line, and edits a lane's name at the top of its header", () => {
    expect(inPlaceText(map, layout, "stage", "st_0")!.save(" 検討\n中 ")).toEqual({ op: "update_stage", id: "st_0", patch: { name: "検討 中" } });
    const lane = inPlaceText(map, layout, "lane", "ln_touchpoints")!;
    expect(lane.rect.height).toBe(Math.min(LANE_NAME_HEIGHT, layout.lanes[0].header.height));
  });

  it("has nothing to edit for an item that is gone or not laid out", () => {
    expect(inPlaceText(map, layout, "card", "gone")).toBeNull();
    expect(inPlaceText(map, layout, "kpi", "kp_1")).toBeNull();
  });

  it("tells which kind an id is", () => {
    expect([editTargetOf(map, "a"), editTargetOf(map, "st_0"), editTargetOf(map, "ln_touchpoints"), editTargetOf(map, "x")]).toEqual([
      "card",
      "stage",
      "lane",
      null,
    ]);
  });
});
