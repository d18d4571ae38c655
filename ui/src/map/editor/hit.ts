// Hit testing and drop-target resolution in scene coordinates (the layout's units, zoom 1).
import type { CardBox } from "../../lib/bindings/CardBox";
import type { CellBox } from "../../lib/bindings/CellBox";
import type { KpiBox } from "../../lib/bindings/KpiBox";
import type { Layout } from "../../lib/bindings/Layout";
import type { Rect } from "../../lib/bindings/Rect";
import type { Point } from "../viewport";

/** Lanes that take no cards: the emotion lane holds curves, the KPI lane KPIs. */
const NO_CARD_LANES = new Set(["emotions", "kpis"]);

export function contains(r: Rect, p: Point, margin = 0): boolean {
  return p.x >= r.x - margin && p.x < r.x + r.width + margin && p.y >= r.y - margin && p.y < r.y + r.height + margin;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The rectangle spanned by two corners, in any order. */
export function spanned(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

export function cellAt(layout: Layout, p: Point): CellBox | null {
  return layout.cells.find((c) => contains(c.rect, p)) ?? null;
}

/** The topmost card under `p`; `margin` (scene units) makes small targets easier to hit when zoomed out. */
export function cardAt(layout: Layout, p: Point, margin = 0): CardBox | null {
  for (let i = layout.cards.length - 1; i >= 0; i--) {
    if (contains(layout.cards[i].rect, p, margin)) return layout.cards[i];
  }
  return null;
}

/** The KPI under `p`, if any. */
export function kpiAt(layout: Layout, p: Point): KpiBox | null {
  return layout.kpis.find((k) => contains(k.rect, p)) ?? null;
}

/** The cards whose centre lies in `cell`, top to bottom. */
export function cardsIn(layout: Layout, cell: CellBox): CardBox[] {
  return layout.cards
    .filter((c) => contains(cell.rect, { x: c.rect.x + c.rect.width / 2, y: c.rect.y + c.rect.height / 2 }))
    .sort((a, b) => a.rect.y - b.rect.y);
}

export interface DropTarget {
  cell: CellBox;
  /** Where the dropped cards go among the cell's cards that are not being dragged. */
  index: number;
  /** The y of the drop indicator line. */
  indicatorY: number;
}

/**
 * Where cards dragged to `p` would land: the cell under the pointer and the slot between the
 * cell's other cards nearest to it. `null` over a lane that takes no cards, or outside the grid.
 */
export function dropTarget(layout: Layout, p: Point, dragged: ReadonlySet<string>): DropTarget | null {
  const cell = cellAt(layout, p);
  if (!cell || NO_CARD_LANES.has(cell.lane_kind)) return null;
  const others = cardsIn(layout, cell).filter((c) => !dragged.has(c.id));
  const index = others.filter((c) => c.rect.y + c.rect.height / 2 < p.y).length;
  const gap = 4;
  let indicatorY: number;
  if (others.length === 0) indicatorY = cell.rect.y + 2 * gap;
  else if (index === 0) indicatorY = others[0].rect.y - gap;
  else indicatorY = others[index - 1].rect.y + others[index - 1].rect.height + gap;
  return { cell, index, indicatorY };
}

/** Cards a rubber band from `a` to `b` touches. */
export function cardsInBand(layout: Layout, a: Point, b: Point): string[] {
  const band = spanned(a, b);
  return layout.cards.filter((c) => intersects(c.rect, band)).map((c) => c.id);
}

/** The rectangle around the selected cards, KPIs, emotion points, stage columns and lane rows. */
export function selectionBounds(layout: Layout, ids: ReadonlySet<string>): Rect | null {
  const rects: Rect[] = [
    ...layout.cards.filter((c) => ids.has(c.id)).map((c) => c.rect),
    ...layout.kpis.filter((k) => ids.has(k.id)).map((k) => k.rect),
    ...layout.curves.flatMap((c) => c.points.filter((p) => ids.has(p.id)).map((p) => ({ x: p.x - 8, y: p.y - 8, width: 16, height: 16 }))),
    ...layout.stages.filter((s) => ids.has(s.id)).map((s) => s.column),
    ...layout.lanes.filter((l) => ids.has(l.id)).map((l) => l.row),
  ];
  if (rects.length === 0) return null;
  const left = Math.min(...rects.map((r) => r.x));
  const top = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
