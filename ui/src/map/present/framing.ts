// Presentation mode's stage-by-stage reveal: which stage comes next, what part of the map is in
// view, and how it fills the screen. Pure, so that it can be tested without a screen.
import type { Layout } from "../../lib/bindings/Layout";
import type { Rect } from "../../lib/bindings/Rect";
import { MAX_ZOOM } from "../viewport";

/**
 * The stage spotlighted after a step (`null`: the whole map). Stepping on from the last stage,
 * or back from the first, shows the whole map; from the whole map it starts at either end.
 */
export function stepStage(current: number | null, count: number, direction: 1 | -1): number | null {
  if (count === 0) return null;
  if (current === null) return direction === 1 ? 0 : count - 1;
  const next = current + direction;
  return next < 0 || next >= count ? null : next;
}

/** What the screen shows: the whole map, or the spotlighted stage's column with a margin. */
export function focusRect(layout: Layout, spotlight: number | null): Rect {
  const stage = spotlight === null ? undefined : layout.stages[spotlight];
  if (!stage) return { x: 0, y: 0, width: layout.width, height: layout.height };
  const margin = stage.column.width * 0.15;
  return { x: stage.column.x - margin, y: 0, width: stage.column.width + 2 * margin, height: layout.height };
}

/** The zoom and offset (screen pixels) that show `rect` whole and centred on a `screen`. */
export function fit(rect: Rect, screen: { width: number; height: number }, padding = 24): { zoom: number; x: number; y: number } {
  const room = { width: Math.max(1, screen.width - 2 * padding), height: Math.max(1, screen.height - 2 * padding) };
  const zoom = Math.min(MAX_ZOOM, room.width / rect.width, room.height / rect.height);
  return {
    zoom,
    x: screen.width / 2 - (rect.x + rect.width / 2) * zoom,
    y: screen.height / 2 - (rect.y + rect.height / 2) * zoom,
  };
}
