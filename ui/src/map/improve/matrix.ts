// The spend-vs-effect matrix's maths: axes that start at zero and end on a round number, the
// conversion between figures and the plot, and the step figures snap to when a point is dragged.

/** The plot's size and its margins for the axes' labels, in SVG units. */
export const PLOT = { width: 640, height: 400, left: 64, right: 40, top: 16, bottom: 40 } as const;

export interface Axis {
  max: number;
  /** What a dragged or nudged figure is rounded to: 1/100 of the axis, as a round number. */
  step: number;
}

/** An axis from 0 to a round number above every value (and above 0 when there is none). */
export function axisFor(values: number[]): Axis {
  const top = Math.max(0, ...values) * 1.1;
  if (top === 0) return { max: 10, step: 0.1 };
  const magnitude = 10 ** Math.floor(Math.log10(top));
  const max = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= top) ?? 10) * magnitude;
  return { max, step: roundStep(max / 100) };
}

function roundStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
}

/** `value` rounded to `step`, kept at or above zero (and free of float noise like 0.30000000000000004). */
export function snap(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  return Math.max(0, Number((Math.round(value / step) * step).toFixed(digits)));
}

const innerWidth = PLOT.width - PLOT.left - PLOT.right;
const innerHeight = PLOT.height - PLOT.top - PLOT.bottom;

/** Where a touchpoint with these figures sits on the plot. */
export function toPlot(cost: number, effect: number, x: Axis, y: Axis): { x: number; y: number } {
  return { x: PLOT.left + (cost / x.max) * innerWidth, y: PLOT.top + innerHeight - (effect / y.max) * innerHeight };
}

/** The figures of a point on the plot, snapped to each axis's step and kept on the axes. */
export function fromPlot(px: number, py: number, x: Axis, y: Axis): { cost: number; effect: number } {
  const cost = ((px - PLOT.left) / innerWidth) * x.max;
  const effect = ((PLOT.top + innerHeight - py) / innerHeight) * y.max;
  return { cost: Math.min(x.max, snap(cost, x.step)), effect: Math.min(y.max, snap(effect, y.step)) };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The radius of a touchpoint's dot. */
export const POINT_RADIUS = 8;

/** The font size of the labels beside the points. */
export const LABEL_SIZE = 11;

/** A label's width: full-width (Japanese) characters take an em, others about 0.6 of one. */
export function labelWidth(text: string, size = LABEL_SIZE): number {
  return [...text].reduce((sum, c) => sum + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6) * size, 0);
}

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Labelled {
  id: string;
  x: number;
  y: number;
  text: string;
}

/**
 * The points whose label is drawn beside them (right of the point), taken in the given order —
 * put the ones that matter most first — and skipping a label that would cover a point, a label
 * already placed or a `reserved` box (the quadrants' names). The others keep their name in the
 * tooltip and for screen readers.
 */
export function labelled(points: Labelled[], reserved: Box[] = []): Set<string> {
  const dots = points.map((p) => ({ left: p.x - POINT_RADIUS, right: p.x + POINT_RADIUS, top: p.y - POINT_RADIUS, bottom: p.y + POINT_RADIUS }));
  const placed: Box[] = [...reserved, ...dots];
  const shown = new Set<string>();
  for (const point of points) {
    const box = { left: point.x + 10, right: point.x + 12 + labelWidth(point.text), top: point.y - 9, bottom: point.y + 7 };
    if (placed.some((b) => box.left < b.right && b.left < box.right && box.top < b.bottom && b.top < box.bottom)) continue;
    placed.push(box);
    shown.add(point.id);
  }
  return shown;
}
