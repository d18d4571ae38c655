// Colours of the canvas, from tabiji-core's theme (generated), which the exporter paints with too.
// Presentation mode paints with the projector theme: stronger colours, thicker curves, and curve
// colours from a palette told apart with any colour vision.
import { THEME } from "../lib/bindings/constants";
import type { KpiStatus } from "../lib/bindings/KpiStatus";

export const CARD_COLOURS = THEME.cards;
export { THEME };

type Colours<T> = { readonly [K in keyof T]: T[K] extends string ? string : Colours<T[K]> };

/** What the painters take from a theme. */
export interface Palette {
  grid: Colours<(typeof THEME)["grid"]>;
  stages: readonly string[];
  badges: Colours<(typeof THEME)["badges"]>;
  curveWidth: number;
  pointRadius: number;
  /** The colour of a persona's curve: its own, or the projector palette's by the persona's place. */
  curveColour: (own: string, personaIndex: number) => string;
}

export const NORMAL: Palette = {
  grid: THEME.grid,
  stages: THEME.stages,
  badges: THEME.badges,
  curveWidth: 3,
  pointRadius: 6,
  curveColour: (own) => own,
};

export const PROJECTOR: Palette = {
  grid: THEME.projector.grid,
  stages: THEME.projector.stages,
  badges: THEME.projector.badges,
  curveWidth: THEME.projector.curve_width,
  pointRadius: THEME.projector.point_radius,
  curveColour: (_own, index) => THEME.projector.curves[Math.max(0, index) % THEME.projector.curves.length],
};

export function stageColour(palette: Palette, index: number): string {
  return palette.stages[index % palette.stages.length];
}

/** A KPI's bar colour by how it stands against its target. */
export function kpiColour(status: KpiStatus): string {
  return THEME.kpis[status];
}

/** What outlines the selection and marks drop places: the canvas's only UI colour. */
export const SELECTION_COLOUR = "#1b6ef3";
