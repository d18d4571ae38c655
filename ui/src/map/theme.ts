// Colours of the canvas. The exporter (tabiji-core) will paint with the same values.
import type { CardKind } from "../lib/bindings/CardKind";
import type { ChannelMode } from "../lib/bindings/ChannelMode";

export interface CardColours {
  fill: string;
  stroke: string;
  text: string;
  dashed: boolean;
}

export const CARD_COLOURS: Record<CardKind, CardColours> = {
  touchpoint: { fill: "#ffffff", stroke: "#b8c4d4", text: "#1f2933", dashed: false },
  action: { fill: "#eef2f7", stroke: "#c5cfdc", text: "#1f2933", dashed: false },
  thought: { fill: "#fff4c9", stroke: "#e6d183", text: "#3d3418", dashed: false },
  pain_point: { fill: "#fde4e2", stroke: "#e7a7a1", text: "#5c1d17", dashed: false },
  initiative: { fill: "#dff3e6", stroke: "#97cfa9", text: "#173d26", dashed: false },
  owner: { fill: "#efe8fb", stroke: "#c3b1e6", text: "#2e2150", dashed: false },
  note: { fill: "#ffffff", stroke: "#a9b4c2", text: "#3c4650", dashed: true },
};

export const MODE_COLOURS: Record<ChannelMode | "none", { fill: string; text: string }> = {
  offline: { fill: "#fbe6d4", text: "#8a3f0c" },
  online: { fill: "#dcebfb", text: "#1b4f8f" },
  none: { fill: "#edeaf6", text: "#3f3565" },
};

/** Stage header colours, dark enough for white text (contrast above 4.5:1). */
export const STAGE_COLOURS = ["#2e4a7d", "#2f6690", "#22707a", "#2f7550", "#5b6a1f"];

export function stageColour(index: number): string {
  return STAGE_COLOURS[index % STAGE_COLOURS.length];
}

/** A KPI's bar colour by attainment (actual / target). */
export function attainmentColour(attainment: number | null): string {
  if (attainment === null) return "#a9b4c2";
  if (attainment >= 1) return "#2f8a4e";
  if (attainment >= 0.8) return "#c88a12";
  return "#c2413a";
}

export const GRID = {
  background: "#f7f8fa",
  laneHeader: "#eef1f5",
  laneText: "#26323f",
  rowEven: "#ffffff",
  rowOdd: "#fafbfc",
  line: "#dde3ea",
  scale: "#b8c1cc",
};
