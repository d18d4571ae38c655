// The minimap's figures: how many cards each cell holds (drawn as shade, not card by card, so
// that a 2,000-card map costs a few dozen rectangles) and the minimap's size.
import type { CellBox } from "../lib/bindings/CellBox";
import type { Layout } from "../lib/bindings/Layout";

/** Each cell that holds cards, with how many. */
export function cellCounts(layout: Layout): { cell: CellBox; count: number }[] {
  const counts = new Map<CellBox, number>();
  const holds = (c: CellBox, x: number, y: number) =>
    x >= c.rect.x && x < c.rect.x + c.rect.width && y >= c.rect.y && y < c.rect.y + c.rect.height;
  let last: CellBox | undefined;
  for (const card of layout.cards) {
    const x = card.rect.x + card.rect.width / 2;
    const y = card.rect.y + card.rect.height / 2;
    // The layout lists a cell's cards together: most cards are in the previous card's cell.
    const cell = last && holds(last, x, y) ? last : layout.cells.find((c) => holds(c, x, y));
    if (cell) counts.set(cell, (counts.get(cell) ?? 0) + 1);
    last = cell;
  }
  return [...counts].map(([cell, count]) => ({ cell, count }));
}

/** The minimap's size in pixels: the map's shape within `max`. */
export function minimapSize(layout: Layout, max: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(max.width / layout.width, max.height / layout.height);
  return { width: Math.round(layout.width * scale), height: Math.round(layout.height * scale) };
}
