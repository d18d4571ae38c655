// Moving the selection through the canvas with the keyboard (Tab and Shift+Tab), in the order a
// person reads the map.
import type { Layout } from "../../lib/bindings/Layout";
import type { Rect } from "../../lib/bindings/Rect";

/** A selectable item and where it is drawn. */
export interface Stop {
  id: string;
  rect: Rect;
}

const POINT_SIZE = 16;

/**
 * Every selectable item in reading order: the stage headers left to right, then lane by lane from
 * the top, the lane's header first and then what it holds — cards stage by stage and top to
 * bottom, emotion points along the journey, persona by persona (only shown personas' points).
 */
export function readingOrder(layout: Layout, shownPersonas: ReadonlySet<string>): Stop[] {
  const stops: Stop[] = layout.stages.map((s) => ({ id: s.id, rect: s.header }));
  for (const lane of layout.lanes) {
    stops.push({ id: lane.id, rect: lane.header });
    const inLane = (r: Rect) => {
      const middle = r.y + r.height / 2;
      return middle >= lane.row.y && middle < lane.row.y + lane.row.height;
    };
    const cards = layout.cards.filter((c) => inLane(c.rect)).map((c) => ({ id: c.id, rect: c.rect }));
    cards.sort((a, b) => a.rect.x - b.rect.x || a.rect.y - b.rect.y);
    stops.push(...cards);
    if (lane.kind !== "emotions") continue;
    for (const curve of layout.curves) {
      if (!shownPersonas.has(curve.persona_id)) continue;
      const points = curve.points.map((p) => ({
        id: p.id,
        rect: { x: p.x - POINT_SIZE / 2, y: p.y - POINT_SIZE / 2, width: POINT_SIZE, height: POINT_SIZE },
      }));
      stops.push(...points.sort((a, b) => a.rect.x - b.rect.x));
    }
  }
  return stops;
}

/**
 * The stop after (`direction` 1) or before (-1) the selection — counted from its last item going
 * forward and its first going back — or the first or last stop when nothing in `order` is
 * selected. `null` past either end, so that Tab then moves on out of the canvas.
 */
export function step(order: Stop[], selection: ReadonlySet<string>, direction: 1 | -1): Stop | null {
  const selected = order.flatMap((stop, index) => (selection.has(stop.id) ? [index] : []));
  if (selected.length === 0) return (direction > 0 ? order[0] : order[order.length - 1]) ?? null;
  const from = direction > 0 ? selected[selected.length - 1] : selected[0];
  return order[from + direction] ?? null;
}
