// Scrolling the canvas while a drag nears its edges, faster the closer the pointer gets.
import type { Point } from "../viewport";

const MARGIN = 48;
const MAX_STEP = 24;

/** Pixels to scroll per frame for a pointer at `p` (client coordinates) over `bounds`. */
export function edgeScroll(bounds: DOMRectReadOnly | { left: number; top: number; right: number; bottom: number }, p: Point): Point {
  const step = (distance: number) => (distance >= MARGIN ? 0 : Math.ceil(((MARGIN - Math.max(0, distance)) / MARGIN) * MAX_STEP));
  return {
    x: step(bounds.right - p.x) - step(p.x - bounds.left),
    y: step(bounds.bottom - p.y) - step(p.y - bounds.top),
  };
}
