import { describe, expect, it } from "vitest";
import type { Layout } from "../../lib/bindings/Layout";
import type { Map } from "../../lib/bindings/Map";
import { emotionPlace, inEmotionLane, placeForNewPoint, placePoint, stepPoint } from "./emotion";

const rect = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

const layout = {
  width: 500,
  height: 400,
  stages: [
    { id: "st_1", index: 0, header: rect(100, 0, 200, 50), column: rect(100, 0, 200, 400), label: [] },
    { id: "st_2", index: 1, header: rect(300, 0, 200, 50), column: rect(300, 0, 200, 400), label: [] },
  ],
  lanes: [{ id: "ln_e", kind: "emotions", header: rect(0, 100, 100, 220), row: rect(0, 100, 500, 220), label: [] }],
  emotion_scale: { lane_id: "ln_e", top: 120, zero: 210, bottom: 300 },
} as unknown as Layout;

describe("emotionPlace", () => {
  it("maps a point to its stage, its place in the stage and a score", () => {
    expect(emotionPlace(layout, { x: 150, y: 120 })).toEqual({ stageId: "st_1", x: 0.25, score: 2 });
    expect(emotionPlace(layout, { x: 400, y: 210 })).toEqual({ stageId: "st_2", x: 0.5, score: 0 });
    expect(emotionPlace(layout, { x: 300, y: 300 })).toEqual({ stageId: "st_2", x: 0, score: -2 });
  });

  it("snaps scores to tenths", () => {
    expect(emotionPlace(layout, { x: 150, y: 166 })?.score).toBe(1);
    expect(emotionPlace(layout, { x: 150, y: 170 })?.score).toBe(0.9);
  });

  it("keeps points dragged past the edges on the scale and in the map", () => {
    expect(emotionPlace(layout, { x: 150, y: 0 })?.score).toBe(2);
    expect(emotionPlace(layout, { x: 150, y: 999 })?.score).toBe(-2);
    expect(emotionPlace(layout, { x: 10, y: 200 })).toMatchObject({ stageId: "st_1", x: 0 });
    expect(emotionPlace(layout, { x: 999, y: 200 })).toMatchObject({ stageId: "st_2", x: 1 });
  });

  it("has nothing to say without an emotion lane", () => {
    expect(emotionPlace({ ...layout, emotion_scale: null }, { x: 150, y: 150 })).toBeNull();
  });
});

describe("inEmotionLane", () => {
  it("is true over the lane's cells only", () => {
    expect(inEmotionLane(layout, { x: 150, y: 150 })).toBe(true);
    expect(inEmotionLane(layout, { x: 50, y: 150 })).toBe(false);
    expect(inEmotionLane(layout, { x: 150, y: 90 })).toBe(false);
  });
});

describe("placePoint", () => {
  it("puts a place back where emotionPlace found it", () => {
    for (const p of [
      { x: 150, y: 120 },
      { x: 400, y: 210 },
      { x: 320, y: 300 },
    ]) {
      const place = emotionPlace(layout, p);
      expect(place).not.toBeNull();
      const back = placePoint(layout, place!);
      expect(back?.x).toBeCloseTo(p.x, 0);
      expect(back?.y).toBeCloseTo(p.y, 0);
    }
  });
});

describe("stepPoint", () => {
  const stages = ["st_1", "st_2"];

  it("raises and lowers the score by half a point within the scale", () => {
    expect(stepPoint(stages, { stageId: "st_1", x: 0.5, score: 0 }, 0, -1).score).toBe(0.5);
    expect(stepPoint(stages, { stageId: "st_1", x: 0.5, score: -1.8 }, 0, 1).score).toBe(-2);
  });

  it("moves along the journey into the next or previous stage", () => {
    expect(stepPoint(stages, { stageId: "st_1", x: 0.95, score: 0 }, 1, 0)).toEqual({ stageId: "st_2", x: 0.05, score: 0 });
    expect(stepPoint(stages, { stageId: "st_2", x: 0.05, score: 0 }, -1, 0)).toEqual({ stageId: "st_1", x: 0.95, score: 0 });
  });

  it("stops at the ends of the journey", () => {
    expect(stepPoint(stages, { stageId: "st_2", x: 0.95, score: 0 }, 1, 0)).toEqual({ stageId: "st_2", x: 1, score: 0 });
    expect(stepPoint(stages, { stageId: "st_1", x: 0.05, score: 0 }, -1, 0)).toEqual({ stageId: "st_1", x: 0, score: 0 });
  });
});

describe("placeForNewPoint", () => {
  const map = {
    stages: [{ id: "st_0" }, { id: "st_1" }],
    cards: [{ id: "cd_1", stage_id: "st_1" }],
    emotion_points: [{ id: "ep_1", stage_id: "st_0" }],
  } as unknown as Map;

  it("goes to the middle of the selected card's, point's or stage's stage, on the neutral line", () => {
    expect(placeForNewPoint(map, new Set(["cd_1"]))).toEqual({ stageId: "st_1", x: 0.5, score: 0 });
    expect(placeForNewPoint(map, new Set(["ep_1"]))?.stageId).toBe("st_0");
    expect(placeForNewPoint(map, new Set(["st_1"]))?.stageId).toBe("st_1");
  });

  it("goes to the first stage when nothing is selected, and nowhere on a map without stages", () => {
    expect(placeForNewPoint(map, new Set())?.stageId).toBe("st_0");
    expect(placeForNewPoint({ ...map, stages: [] }, new Set())).toBeNull();
  });
});
