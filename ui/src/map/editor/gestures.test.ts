import { describe, expect, it } from "vitest";
import type { Map } from "../../lib/bindings/Map";
import { blankCard } from "./changes";
import { layoutWith } from "./fixtures";
import { type Context, type Gesture, hitAt, move, press, release } from "./gestures";

const layout = layoutWith([
  { id: "a", stage: 0, y: 60 },
  { id: "b", stage: 0, y: 110 },
  { id: "c", stage: 1, y: 60 },
]);

const map = {
  stages: [{ id: "st_0" }, { id: "st_1" }],
  lanes: [
    { id: "ln_touchpoints", kind: "touchpoints", hidden: false },
    { id: "ln_hidden", kind: "notes", hidden: true },
    { id: "ln_emotions", kind: "emotions", hidden: false },
  ],
  cards: [
    { ...blankCard({ stageId: "st_0", laneId: "ln_touchpoints" }, "touchpoint"), id: "a" },
    { ...blankCard({ stageId: "st_0", laneId: "ln_touchpoints" }, "touchpoint"), id: "b" },
    { ...blankCard({ stageId: "st_1", laneId: "ln_touchpoints" }, "touchpoint"), id: "c" },
  ],
} as unknown as Map;

function context(overrides: Partial<Context> = {}): Context {
  return {
    map,
    layout,
    zoom: 1,
    selection: new Set(),
    shownPersonas: new Set(["pe_1"]),
    activePersona: "pe_1",
    ...overrides,
  };
}

/** Presses at `from`, moves through `path`, releases: the whole gesture. */
function gesture(ctx: Context, from: { x: number; y: number }, path: { x: number; y: number }[], additive = false) {
  let g: Gesture = press(hitAt(ctx, from), from, additive, ctx.layout);
  for (const p of path) g = move(g, p, ctx);
  return { last: g, outcome: release(g, ctx) };
}

describe("hitAt", () => {
  it("prefers emotion points, then cards, then the emotion lane, then cells", () => {
    const ctx = context();
    expect(hitAt(ctx, { x: 152, y: 452 })).toEqual({ kind: "point", id: "ep_a" });
    expect(hitAt(ctx, { x: 150, y: 70 })).toEqual({ kind: "card", id: "a" });
    expect(hitAt(ctx, { x: 250, y: 500 })).toEqual({ kind: "emotion-lane" });
    expect(hitAt(ctx, { x: 150, y: 300 })).toMatchObject({ kind: "cell" });
    expect(hitAt(ctx, { x: 50, y: 20 })).toEqual({ kind: "none" });
  });

  it("ignores the points of hidden personas", () => {
    expect(hitAt(context({ shownPersonas: new Set() }), { x: 150, y: 450 })).toEqual({ kind: "emotion-lane" });
  });

  it("keeps a point's reach constant on screen as the zoom changes", () => {
    expect(hitAt(context({ zoom: 0.5 }), { x: 165, y: 450 })).toEqual({ kind: "point", id: "ep_a" });
    expect(hitAt(context({ zoom: 2 }), { x: 160, y: 450 })).toEqual({ kind: "emotion-lane" });
  });
});

describe("card gestures", () => {
  it("a click selects one card, and Shift/Ctrl+click toggles it in the selection", () => {
    expect(gesture(context(), { x: 150, y: 70 }, []).outcome).toEqual({ select: ["a"] });
    const ctx = context({ selection: new Set(["a", "c"]) });
    expect(gesture(ctx, { x: 150, y: 70 }, [], true).outcome.select).toEqual(["c"]);
    expect(gesture(ctx, { x: 150, y: 120 }, [], true).outcome.select?.sort()).toEqual(["a", "b", "c"]);
  });

  it("a move shorter than the threshold is still a click", () => {
    expect(gesture(context(), { x: 150, y: 70 }, [{ x: 152, y: 71 }]).last.kind).toBe("press-card");
  });

  it("dragging a card to another stage moves it there as one op", () => {
    const { last, outcome } = gesture(context(), { x: 150, y: 70 }, [{ x: 200, y: 80 }, { x: 350, y: 200 }]);
    expect(last).toMatchObject({ kind: "drag-cards", target: { index: 1, cell: { stage_index: 1 } } });
    expect(outcome.op).toEqual({ op: "move_card", id: "a", stage_id: "st_1", lane_id: "ln_touchpoints", index: 1 });
  });

  it("dragging a selected card drags the whole selection", () => {
    const ctx = context({ selection: new Set(["a", "b"]) });
    const { outcome } = gesture(ctx, { x: 150, y: 120 }, [{ x: 350, y: 55 }]);
    expect(outcome.op).toMatchObject({ op: "batch", ops: [{ id: "a", index: 0 }, { id: "b", index: 1 }] });
    expect(outcome.select).toEqual(["a", "b"]);
  });

  it("a drop outside any card lane changes nothing", () => {
    expect(gesture(context(), { x: 150, y: 70 }, [{ x: 150, y: 450 }]).outcome).toEqual({});
  });
});

describe("rubber band", () => {
  it("selects the cards it touches, adding to the selection with a modifier", () => {
    expect(gesture(context(), { x: 105, y: 300 }, [{ x: 400, y: 90 }]).outcome.select).toEqual(["a", "b", "c"]);
    expect(gesture(context(), { x: 105, y: 300 }, [{ x: 400, y: 105 }]).outcome.select).toEqual(["b"]);
    const ctx = context({ selection: new Set(["c"]) });
    expect(gesture(ctx, { x: 105, y: 300 }, [{ x: 400, y: 105 }], true).outcome.select).toEqual(["c", "b"]);
  });

  it("a click on an empty cell clears the selection", () => {
    expect(gesture(context({ selection: new Set(["a"]) }), { x: 150, y: 300 }, []).outcome).toEqual({ select: [] });
  });
});

describe("emotion gestures", () => {
  it("a click on the emotion lane adds a point for the active persona", () => {
    const { outcome } = gesture(context(), { x: 250, y: 370 }, []);
    expect(outcome.op).toMatchObject({
      op: "add_emotion_point",
      point: { persona_id: "pe_1", stage_id: "st_0", x: 0.75, score: 2 },
    });
    expect(outcome.select).toHaveLength(1);
  });

  it("adds nothing without an active persona", () => {
    expect(gesture(context({ activePersona: null }), { x: 250, y: 370 }, []).outcome).toEqual({});
  });

  it("dragging a point moves it across stages and changes its score", () => {
    const { outcome } = gesture(context(), { x: 150, y: 450 }, [{ x: 160, y: 460 }, { x: 400, y: 530 }]);
    expect(outcome.op).toEqual({ op: "update_emotion_point", id: "ep_a", patch: { stage_id: "st_1", x: 0.5, score: -2 } });
  });
});

describe("palette drops", () => {
  it("dropping a channel on a cell adds a touchpoint there and opens it for typing", () => {
    let g: Gesture = { kind: "drag-new", item: { kind: "channel", channelId: "webinar" }, at: { x: 0, y: 0 }, target: null };
    g = move(g, { x: 350, y: 300 }, context());
    const outcome = release(g, context());
    expect(outcome.op).toMatchObject({
      op: "add_card",
      card: { stage_id: "st_1", lane_id: "ln_touchpoints", kind: "touchpoint", channel_id: "webinar" },
      index: 1,
    });
    expect(outcome.edit).toBe(outcome.select?.[0]);
  });
});

describe("stage and lane headers", () => {
  it("a click selects a stage or a lane", () => {
    expect(gesture(context(), { x: 150, y: 20 }, []).outcome).toEqual({ select: ["st_0"] });
    expect(gesture(context(), { x: 50, y: 100 }, []).outcome).toEqual({ select: ["ln_touchpoints"] });
  });

  it("dragging a stage header past another stage moves the stage", () => {
    const { outcome } = gesture(context(), { x: 150, y: 20 }, [{ x: 300, y: 20 }, { x: 450, y: 25 }]);
    expect(outcome.op).toEqual({ op: "move_stage", id: "st_0", index: 1 });
  });

  it("dropping a stage where it was changes nothing", () => {
    expect(gesture(context(), { x: 150, y: 20 }, [{ x: 180, y: 20 }]).outcome.op).toBeUndefined();
  });

  it("dragging a lane header counts hidden lanes, which keep their places", () => {
    // Touchpoints dragged below the emotion lane: after the hidden lane and the emotion lane.
    const { outcome } = gesture(context(), { x: 50, y: 100 }, [{ x: 50, y: 300 }, { x: 50, y: 540 }]);
    expect(outcome.op).toEqual({ op: "move_lane", id: "ln_touchpoints", index: 2 });
  });

  it("dragging a stage header's right edge resizes the column, within bounds", () => {
    const edge = { x: 298, y: 20 };
    expect(gesture(context(), edge, [{ x: 338, y: 20 }]).outcome.op).toEqual({
      op: "update_stage",
      id: "st_0",
      patch: { width: 240 },
    });
    expect(gesture(context(), edge, [{ x: 100, y: 20 }]).outcome.op).toMatchObject({ patch: { width: 160 } });
  });
});

describe("KPI gestures", () => {
  // A KPI box in the second stage's touchpoint cell, below card c.
  const withKpi = { ...layout, kpis: [{ id: "kp_1", rect: { x: 310, y: 200, width: 180, height: 50 }, lines: [], grade: null, status: "unknown" as const }] };

  it("a click on a KPI selects it, Shift+click adds it, and dragging moves nothing", () => {
    const ctx = context({ layout: withKpi, selection: new Set(["a"]) });
    expect(hitAt(ctx, { x: 400, y: 220 })).toEqual({ kind: "kpi", id: "kp_1" });
    expect(gesture(ctx, { x: 400, y: 220 }, []).outcome).toEqual({ select: ["kp_1"] });
    expect(gesture(ctx, { x: 400, y: 220 }, [], true).outcome.select?.sort()).toEqual(["a", "kp_1"]);
    expect(gesture(ctx, { x: 400, y: 220 }, [{ x: 150, y: 300 }]).outcome.op).toBeUndefined();
  });
});
