// Colours of the canvas, from tabiji-core's theme (generated), which the exporter paints with too.
import { THEME } from "../lib/bindings/constants";
import type { KpiStatus } from "../lib/bindings/KpiStatus";

export const CARD_COLOURS = THEME.cards;
export const MODE_COLOURS = THEME.badges;
export const STAGE_COLOURS = THEME.stages;
export const GRID = THEME.grid;
export { THEME };

export function stageColour(index: number): string {
  return STAGE_COLOURS[index % STAGE_COLOURS.length];
}

/** A KPI's bar colour by how it stands against its target. */
export function kpiColour(status: KpiStatus): string {
  return THEME.kpis[status];
}

/** What outlines the selection and marks drop places: the canvas's only UI colour. */
export const SELECTION_COLOUR = "#1b6ef3";
