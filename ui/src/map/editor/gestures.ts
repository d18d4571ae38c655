// Pointer gestures on the canvas as a small state machine: press → (drag) → release. Each
// function is pure; the canvas component feeds it scene points and carries out the outcome.
import type { CardKind } from "../../lib/bindings/CardKind";
import { LIMITS } from "../../lib/bindings/constants";
import type { CellBox } from "../../lib/bindings/CellBox";
import type { Layout } from "../../lib/bindings/Layout";
import type { Map } from "../../lib/bindings/Map";
import type { Op } from "../../lib/bindings/Op";
import type { Point } from "../viewport";
import { addCard, addEmotionPoint, blankCard, moveCards, moveEmotionPoint } from "./changes";
import { type EmotionPlace, emotionPlace, inEmotionLane } from "./emotion";
import { cardAt, cardsInBand, cellAt, contains, type DropTarget, dropTarget, kpiAt } from "./hit";

/** Screen pixels a press must travel before it becomes a drag. */
export const DRAG_THRESHOLD = 4;
/** Screen pixels around an emotion point that still hit it. */
const POINT_RADIUS = 9;
/** Screen pixels left of a stage header's right edge that grab the edge to resize the column. */
const EDGE_GRIP = 6;
/** The widths a stage column may take. */
const STAGE_WIDTH = { min: LIMITS.stageWidthMin, max: LIMITS.stageWidthMax };

/** What the palette offers: a touchpoint on a channel, or a card of a kind. */
export type PaletteItem = { kind: "channel"; channelId: string } | { kind: "card"; cardKind: CardKind };

export type Hit =
  | { kind: "stage"; id: string; edge: boolean }
  | { kind: "lane"; id: string }
  | { kind: "point"; id: string }
  | { kind: "card"; id: string }
  | { kind: "kpi"; id: string }
  | { kind: "emotion-lane" }
  | { kind: "cell"; cell: CellBox }
  | { kind: "none" };

export type Gesture =
  | { kind: "idle" }
  | { kind: "press-card"; id: string; origin: Point; additive: boolean }
  | { kind: "press-kpi"; id: string; additive: boolean }
  | { kind: "drag-cards"; ids: ReadonlySet<string>; origin: Point; at: Point; target: DropTarget | null }
  | { kind: "band"; origin: Point; at: Point; additive: boolean }
  | { kind: "press-emotions"; origin: Point }
  | { kind: "press-header"; target: "stage" | "lane"; id: string; origin: Point }
  | { kind: "drag-header"; target: "stage" | "lane"; id: string; at: Point; index: number }
  | { kind: "resize-stage"; id: string; origin: Point; width: number; from: number }
  | { kind: "press-point"; id: string; origin: Point }
  | { kind: "drag-point"; id: string; at: Point; place: EmotionPlace | null }
  | { kind: "drag-new"; item: PaletteItem; at: Point; target: DropTarget | null };

export interface Context {
  map: Map;
  layout: Layout;
  zoom: number;
  selection: ReadonlySet<string>;
  /** Personas whose curves are shown; only their points can be hit. */
  shownPersonas: ReadonlySet<string>;
  /** The persona a click on the emotion lane adds a point for. */
  activePersona: string | null;
}

/** What releasing the pointer does: a new selection, an op for the core, a card to edit. */
export interface Outcome {
  select?: string[];
  op?: Op | null;
  edit?: string;
}

export function hitAt(ctx: Context, p: Point): Hit {
  const stage = ctx.layout.stages.find((s) => contains(s.header, p));
  if (stage) {
    return { kind: "stage", id: stage.id, edge: stage.header.x + stage.header.width - p.x <= EDGE_GRIP / ctx.zoom };
  }
  const lane = ctx.layout.lanes.find((l) => contains(l.header, p));
  if (lane) return { kind: "lane", id: lane.id };
  const reach = POINT_RADIUS / ctx.zoom;
  for (const curve of ctx.layout.curves) {
    if (!ctx.shownPersonas.has(curve.persona_id)) continue;
    const point = curve.points.find((q) => Math.hypot(q.x - p.x, q.y - p.y) <= reach);
    if (point) return { kind: "point", id: point.id };
  }
  const card = cardAt(ctx.layout, p, 2 / ctx.zoom);
  if (card) return { kind: "card", id: card.id };
  const kpi = kpiAt(ctx.layout, p);
  if (kpi) return { kind: "kpi", id: kpi.id };
  if (inEmotionLane(ctx.layout, p)) return { kind: "emotion-lane" };
  const cell = cellAt(ctx.layout, p);
  return cell ? { kind: "cell", cell } : { kind: "none" };
}

export function press(hit: Hit, p: Point, additive: boolean, layout: Layout): Gesture {
  switch (hit.kind) {
    case "stage": {
      if (!hit.edge) return { kind: "press-header", target: "stage", id: hit.id, origin: p };
      const width = layout.stages.find((s) => s.id === hit.id)?.header.width ?? STAGE_WIDTH.min;
      return { kind: "resize-stage", id: hit.id, origin: p, width, from: width };
    }
    case "lane":
      return { kind: "press-header", target: "lane", id: hit.id, origin: p };
    case "point":
      return { kind: "press-point", id: hit.id, origin: p };
    case "card":
      return { kind: "press-card", id: hit.id, origin: p, additive };
    case "kpi":
      return { kind: "press-kpi", id: hit.id, additive };
    case "emotion-lane":
      return { kind: "press-emotions", origin: p };
    default:
      return { kind: "band", origin: p, at: p, additive };
  }
}

function travelled(from: Point, to: Point, zoom: number): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) * zoom >= DRAG_THRESHOLD;
}

export function move(g: Gesture, p: Point, ctx: Context): Gesture {
  switch (g.kind) {
    case "press-card": {
      if (!travelled(g.origin, p, ctx.zoom)) return g;
      const ids = ctx.selection.has(g.id)
        ? ctx.selection
        : new Set(g.additive ? [...ctx.selection, g.id] : [g.id]);
      return { kind: "drag-cards", ids, origin: g.origin, at: p, target: dropTarget(ctx.layout, p, ids) };
    }
    case "drag-cards":
      return { ...g, at: p, target: dropTarget(ctx.layout, p, g.ids) };
    case "band":
      return { ...g, at: p };
    case "press-point":
      if (!travelled(g.origin, p, ctx.zoom)) return g;
      return { kind: "drag-point", id: g.id, at: p, place: emotionPlace(ctx.layout, p) };
    case "drag-point":
      return { ...g, at: p, place: emotionPlace(ctx.layout, p) };
    case "drag-new":
      return { ...g, at: p, target: dropTarget(ctx.layout, p, new Set()) };
    case "press-header":
      if (!travelled(g.origin, p, ctx.zoom)) return g;
      return { kind: "drag-header", target: g.target, id: g.id, at: p, index: headerIndex(ctx.layout, g.target, g.id, p) };
    case "drag-header":
      return { ...g, at: p, index: headerIndex(ctx.layout, g.target, g.id, p) };
    case "resize-stage": {
      const width = Math.round(g.from + p.x - g.origin.x);
      return { ...g, width: Math.min(STAGE_WIDTH.max, Math.max(STAGE_WIDTH.min, width)) };
    }
    default:
      return g;
  }
}

/** Where a dragged stage (by x) or lane (by y) would go among the others. */
function headerIndex(layout: Layout, target: "stage" | "lane", id: string, p: Point): number {
  if (target === "stage") {
    return layout.stages.filter((s) => s.id !== id && s.column.x + s.column.width / 2 < p.x).length;
  }
  return layout.lanes.filter((l) => l.id !== id && l.row.y + l.row.height / 2 < p.y).length;
}

export function release(g: Gesture, ctx: Context): Outcome {
  switch (g.kind) {
    case "press-card":
    case "press-kpi": {
      if (!g.additive) return { select: [g.id] };
      const next = new Set(ctx.selection);
      if (!next.delete(g.id)) next.add(g.id);
      return { select: [...next] };
    }
    case "drag-cards": {
      if (!g.target) return {};
      const cell = { stageId: g.target.cell.stage_id, laneId: g.target.cell.lane_id };
      return { select: [...g.ids], op: moveCards(ctx.map, g.ids, cell, g.target.index) };
    }
    case "band": {
      const banded = travelled(g.origin, g.at, ctx.zoom) ? cardsInBand(ctx.layout, g.origin, g.at) : [];
      return { select: g.additive ? [...new Set([...ctx.selection, ...banded])] : banded };
    }
    case "press-header":
      return { select: [g.id] };
    case "drag-header": {
      const list = g.target === "stage" ? ctx.map.stages : ctx.map.lanes.filter((l) => !l.hidden);
      const from = list.findIndex((x) => x.id === g.id);
      if (from === g.index) return { select: [g.id] };
      // Hidden lanes keep their places: the index counts every lane, visible or not.
      const index = g.target === "stage" ? g.index : laneIndex(ctx.map, g.id, g.index);
      return { select: [g.id], op: { op: g.target === "stage" ? "move_stage" : "move_lane", id: g.id, index } };
    }
    case "resize-stage":
      return g.width === g.from ? { select: [g.id] } : { select: [g.id], op: { op: "update_stage", id: g.id, patch: { width: g.width } } };
    case "press-emotions": {
      const place = emotionPlace(ctx.layout, g.origin);
      if (!place || !ctx.activePersona) return {};
      const { op, id } = addEmotionPoint(ctx.activePersona, place);
      return { select: [id], op };
    }
    case "press-point":
      return { select: [g.id] };
    case "drag-point":
      return g.place ? { select: [g.id], op: moveEmotionPoint(g.id, g.place) } : {};
    case "drag-new": {
      if (!g.target) return {};
      const card = newCardFor(g.item, g.target.cell);
      return { select: [card.id], op: addCard(card, g.target.index), edit: card.id };
    }
    default:
      return {};
  }
}

/** The index among all lanes that puts `id` at `visibleIndex` among the visible ones. */
function laneIndex(map: Map, id: string, visibleIndex: number): number {
  const others = map.lanes.filter((l) => l.id !== id);
  const visible = others.filter((l) => !l.hidden);
  const anchor = visible[visibleIndex];
  return anchor ? others.indexOf(anchor) : others.length;
}

function newCardFor(item: PaletteItem, cell: CellBox) {
  const ref = { stageId: cell.stage_id, laneId: cell.lane_id };
  return item.kind === "channel"
    ? blankCard(ref, "touchpoint", { channel_id: item.channelId })
    : blankCard(ref, item.cardKind);
}
