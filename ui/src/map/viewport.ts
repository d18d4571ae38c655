// Zoom maths of the canvas: pure functions of sizes and positions, in screen pixels.
import type { Rect } from "../lib/bindings/Rect";

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 4;

/** The zoom levels the buttons and keys step through. */
const STEPS = [0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 3, 4];

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** The next step up (`direction` 1) or down (-1) from `zoom`, which need not be a step itself. */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  const epsilon = 1e-6;
  const next =
    direction > 0 ? STEPS.find((s) => s > zoom + epsilon) : [...STEPS].reverse().find((s) => s < zoom - epsilon);
  return next ?? clampZoom(zoom);
}

/** The zoom at which `content` fits inside `viewport` with `padding` on every side. */
export function fitZoom(content: Size, viewport: Size, padding = 24): number {
  if (content.width <= 0 || content.height <= 0) return 1;
  const room = { width: viewport.width - 2 * padding, height: viewport.height - 2 * padding };
  return clampZoom(Math.min(room.width / content.width, room.height / content.height));
}

/**
 * The zoom a map opens at: actual size when its width fits, otherwise fitted to the width (but
 * never so small that text is unreadable), so that every stage is in view.
 */
export function openingZoom(content: Size, viewport: Size, padding = 24): number {
  const byWidth = (viewport.width - 2 * padding) / content.width;
  return clampZoom(Math.min(1, Math.max(0.5, byWidth)));
}

/**
 * The scroll position that keeps the content point under `anchor` (a point in the viewport)
 * in place when the zoom changes from `from` to `to`.
 */
export function scrollForZoom(scroll: Point, anchor: Point, from: number, to: number): Point {
  const content = { x: (scroll.x + anchor.x) / from, y: (scroll.y + anchor.y) / from };
  return { x: Math.max(0, content.x * to - anchor.x), y: Math.max(0, content.y * to - anchor.y) };
}

/** Ctrl+wheel: a smooth factor from the wheel's delta, so trackpads and mice both feel right. */
export function wheelZoom(zoom: number, deltaY: number): number {
  return clampZoom(zoom * Math.exp(-deltaY * 0.002));
}

/**
 * The zoom and scroll that show `rect` (scene units) whole and centred in a viewport whose content
 * starts `inset` pixels from its edges, never closer than actual size twice over.
 */
export function frameRect(rect: { x: number; y: number; width: number; height: number }, viewport: Size, inset = 24): { zoom: number; scroll: Point } {
  const zoom = Math.min(2, fitZoom({ width: rect.width, height: rect.height }, viewport, 48));
  const centre = { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  return {
    zoom,
    scroll: {
      x: Math.max(0, inset + centre.x * zoom - viewport.width / 2),
      y: Math.max(0, inset + centre.y * zoom - viewport.height / 2),
    },
  };
}

/** How much of the scene the canvas paints: `margin` viewports on every side of the view,
 * snapped outwards to `tile`-sized steps (scene units). */
export type PaintExtent = { margin: number; tile: number };

/** Once the editor is up: half a viewport around the view, so that scrolling finds cards already
 * painted, in 512-unit tiles, so that what is painted changes only when scrolling crosses a tile,
 * not on every scroll event. */
export const AROUND_VIEW: PaintExtent = { margin: 0.5, tile: 512 };

/** The editor's first frame: what the view shows and no more. Rounded out to tiles, the first
 * frame of a 2,000-card map painted about a third more cards than were in view, and came 15–25 ms
 * later (docs/benchmarks.md). */
export const FIRST_FRAME: PaintExtent = { margin: 0, tile: 1 };

/**
 * The part of the scene (scene units) worth painting when the viewport, whose content starts
 * `inset` pixels from its edges, is scrolled to `scroll`: what it shows, widened and snapped as
 * `extent` says. A large map then paints a few hundred cards, not all.
 */
export function paintedRect(
  scroll: Point,
  viewport: Size,
  zoom: number,
  { margin, tile }: PaintExtent = AROUND_VIEW,
  inset = 24,
): Rect {
  const shown = shownRect(scroll, viewport, zoom, inset);
  const left = Math.floor((shown.x - shown.width * margin) / tile) * tile;
  const top = Math.floor((shown.y - shown.height * margin) / tile) * tile;
  const right = Math.ceil((shown.x + shown.width * (1 + margin)) / tile) * tile;
  const bottom = Math.ceil((shown.y + shown.height * (1 + margin)) / tile) * tile;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The scroll position that brings `rect` (scene units) into a viewport whose content starts
 * `inset` pixels from its edges, moving as little as possible: unchanged when it is already in
 * view, otherwise just far enough to show it with `margin` pixels around it.
 */
export function revealScroll(rect: Rect, scroll: Point, viewport: Size, zoom: number, inset = 24, margin = 32): Point {
  const axis = (start: number, length: number, at: number, room: number) => {
    const from = inset + start * zoom - margin;
    const to = inset + (start + length) * zoom + margin;
    if (from < at) return Math.max(0, from);
    if (to > at + room) return Math.max(0, Math.min(from, to - room));
    return at;
  };
  return {
    x: axis(rect.x, rect.width, scroll.x, viewport.width),
    y: axis(rect.y, rect.height, scroll.y, viewport.height),
  };
}

/** The part of the scene (scene units) a viewport scrolled to `scroll` shows. */
export function shownRect(scroll: Point, viewport: Size, zoom: number, inset = 24): Rect {
  return { x: (scroll.x - inset) / zoom, y: (scroll.y - inset) / zoom, width: viewport.width / zoom, height: viewport.height / zoom };
}

/** The scroll position that puts the scene point `p` in the middle of the viewport. */
export function scrollToCentre(p: Point, viewport: Size, zoom: number, inset = 24): Point {
  return {
    x: Math.max(0, inset + p.x * zoom - viewport.width / 2),
    y: Math.max(0, inset + p.y * zoom - viewport.height / 2),
  };
}
