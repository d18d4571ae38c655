import { describe, expect, it } from "vitest";
import type { Card } from "../../lib/bindings/Card";
import type { Map } from "../../lib/bindings/Map";
import type { Op } from "../../lib/bindings/Op";
import { blankCard, duplicateCards, moveCards, nudgeCards, pasteCards, planMove } from "./changes";

/** Replays `move_card`/`add_card` ops the way the core does, on cell lists keyed "stage/lane". */
function replay(cells: Record<string, string[]>, op: Op | null): Record<string, string[]> {
  const out = Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, [...v]]));
  const steps = op === null ? [] : op.op === "batch" ? op.ops : [op];
  for (const step of steps) {
    if (step.op === "move_card") {
      for (const list of Object.values(out)) {
        const at = list.indexOf(step.id);
        if (at >= 0) list.splice(at, 1);
      }
      const key = `${step.stage_id}/${step.lane_id}`;
      out[key] ??= [];
      expect(step.index).toBeLessThanOrEqual(out[key].length);
      out[key].splice(step.index, 0, step.id);
    } else if (step.op === "add_card") {
      const key = `${step.card.stage_id}/${step.card.lane_id}`;
      out[key] ??= [];
      out[key].splice(step.index ?? out[key].length, 0, step.card.id);
    }
  }
  return out;
}

function mapOf(cells: Record<string, string[]>): Map {
  const cards: Card[] = Object.entries(cells).flatMap(([key, ids]) => {
    const [stageId, laneId] = key.split("/");
    return ids.map((id) => ({ ...blankCard({ stageId, laneId }, "action"), id, text: id }));
  });
  return {
    stages: [{ id: "s1" }, { id: "s2" }],
    lanes: [{ id: "l1", kind: "actions", hidden: false }, { id: "l2", kind: "thoughts", hidden: false }],
    cards,
    channels: [{ id: "email" }],
    departments: [],
    personas: [],
  } as unknown as Map;
}

describe("planMove", () => {
  it("brings dragged cards together before the anchor card", () => {
    const { result } = planMove(["a", "b", "c", "d"], ["a", "b"], 1);
    expect(result).toEqual(["c", "a", "b", "d"]);
  });

  it("appends at the end when the index is past the other cards", () => {
    expect(planMove(["a", "b", "c"], ["a"], 2).result).toEqual(["b", "c", "a"]);
    expect(planMove(["a"], ["x", "y"], 1).result).toEqual(["a", "x", "y"]);
  });
});

describe("moveCards", () => {
  const cells = { "s1/l1": ["a", "b", "c", "d"], "s2/l1": ["e"] };
  const map = mapOf(cells);

  it("produces ops that, replayed, give the planned order", () => {
    const op = moveCards(map, new Set(["a", "c"]), { stageId: "s1", laneId: "l1" }, 1);
    expect(replay(cells, op)["s1/l1"]).toEqual(["b", "a", "c", "d"]);
  });

  it("moves cards from several cells into another stage as one step", () => {
    const op = moveCards(map, new Set(["b", "e"]), { stageId: "s2", laneId: "l2" }, 0);
    expect(op?.op).toBe("batch");
    const after = replay(cells, op);
    expect(after["s2/l2"]).toEqual(["b", "e"]);
    expect(after["s1/l1"]).toEqual(["a", "c", "d"]);
    expect(after["s2/l1"]).toEqual([]);
  });

  it("does nothing when a card is dropped where it already is", () => {
    expect(moveCards(map, new Set(["b"]), { stageId: "s1", laneId: "l1" }, 1)).toBeNull();
  });
});

describe("duplicateCards", () => {
  it("puts each copy right after its original", () => {
    const cells = { "s1/l1": ["a", "b", "c"] };
    const { op, ids } = duplicateCards(mapOf(cells), new Set(["a", "c"]));
    const after = replay(cells, op)["s1/l1"];
    expect(after).toEqual(["a", ids[0], "b", "c", ids[1]]);
  });
});

describe("nudgeCards", () => {
  const cells = { "s1/l1": ["a", "b"], "s2/l1": ["x"] };
  const map = mapOf(cells);

  it("moves cards to the next stage after the cards there, keeping their order", () => {
    const after = replay(cells, nudgeCards(map, new Set(["a", "b"]), 1, 0));
    expect(after["s2/l1"]).toEqual(["x", "a", "b"]);
  });

  it("moves cards to the next lane down", () => {
    expect(replay(cells, nudgeCards(map, new Set(["x"]), 0, 1))["s2/l2"]).toEqual(["x"]);
  });

  it("refuses to move past the first or last stage", () => {
    expect(nudgeCards(map, new Set(["a"]), -1, 0)).toBeNull();
    expect(nudgeCards(map, new Set(["x"]), 1, 0)).toBeNull();
  });
});

describe("pasteCards", () => {
  it("keeps text and drops references the map does not have", () => {
    const copied = [
      { ...blankCard({ stageId: "other", laneId: "other" }, "touchpoint"), text: "展示会", channel_id: "email", department_id: "gone" },
    ];
    const { op, ids } = pasteCards(mapOf({}), copied, { stageId: "s2", laneId: "l1" });
    expect(op).toMatchObject({
      op: "add_card",
      card: { id: ids[0], stage_id: "s2", lane_id: "l1", text: "展示会", channel_id: "email", department_id: null },
    });
    expect(ids[0]).not.toBe(copied[0].id);
  });
});
