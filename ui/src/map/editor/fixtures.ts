// Small hand-made layouts for the editor's unit tests (not used by the app).
import type { CardBox } from "../../lib/bindings/CardBox";
import type { CellBox } from "../../lib/bindings/CellBox";
import type { LaneKind } from "../../lib/bindings/LaneKind";
import type { Layout } from "../../lib/bindings/Layout";

export interface CardAt {
  id: string;
  stage: number;
  y: number;
  height?: number;
}

const rect = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

/**
 * Two stages 200 wide after a 100-wide lane header; a touchpoint lane (y 50–350, stage ids st_0 and
 * st_1, lane id ln_touchpoints) and an emotion lane (y 350–550, scale 370 … 530) with one curve of
 * persona pe_1 through points ep_a (150, 450) and ep_b (350, 400).
 */
export function layoutWith(cards: CardAt[]): Layout {
  const lanes: [LaneKind, number, number][] = [
    ["touchpoints", 50, 300],
    ["emotions", 350, 200],
  ];
  const cells: CellBox[] = lanes.flatMap(([kind, y, height]) =>
    [0, 1].map((stage) => ({
      stage_id: `st_${stage}`,
      lane_id: `ln_${kind}`,
      stage_index: stage,
      lane_kind: kind,
      rect: rect(100 + stage * 200, y, 200, height),
    })),
  );
  const boxes: CardBox[] = cards.map((c) => ({
    id: c.id,
    kind: "touchpoint",
    rect: rect(110 + c.stage * 200, c.y, 180, c.height ?? 40),
    badge: null,
    lines: [],
    votes: null,
  }));
  return {
    width: 500,
    height: 550,
    font_family: "test",
    font_ascent: 0.88,
    stages: [0, 1].map((index) => ({
      id: `st_${index}`,
      index,
      header: rect(100 + index * 200, 0, 200, 50),
      column: rect(100 + index * 200, 0, 200, 550),
      chevron: "",
      bottleneck: false,
      label: [],
    })),
    lanes: lanes.map(([kind, y, height]) => ({
      id: `ln_${kind}`,
      kind,
      card_kind: kind === "touchpoints" ? ("touchpoint" as const) : ("note" as const),
      header: rect(0, y, 100, height),
      row: rect(0, y, 500, height),
      label: [],
    })),
    cells,
    cards: boxes,
    kpis: [],
    emotion_scale: { lane_id: "ln_emotions", top: 370, zero: 450, bottom: 530, ticks: [] },
    curves: [
      {
        persona_id: "pe_1",
        color: "#336699",
        path: "",
        points: [
          { id: "ep_a", x: 150, y: 450, score: 0, quote: "" },
          { id: "ep_b", x: 350, y: 400, score: 1.25, quote: "" },
        ],
      },
    ],
    gap_marks: [],
    icons: {},
  };
}
