import { describe, expect, it } from "vitest";
import {
  clampZoom,
  FIRST_FRAME,
  fitZoom,
  frameRect,
  MAX_ZOOM,
  MIN_ZOOM,
  openingZoom,
  paintedRect,
  revealScroll,
  scrollForZoom,
  stepZoom,
  wheelZoom,
  scrollToCentre,
  shownRect,
} from "./viewport";

describe("clampZoom", () => {
  it("keeps the zoom between 10 % and 400 %", () => {
    expect(clampZoom(0.01)).toBe(MIN_ZOOM);
    expect(clampZoom(9)).toBe(MAX_ZOOM);
    expect(clampZoom(1.5)).toBe(1.5);
    expect(clampZoom(Number.NaN)).toBe(1);
  });
});

describe("stepZoom", () => {
  it("steps through the fixed levels from any zoom", () => {
    expect(stepZoom(1, 1)).toBe(1.1);
    expect(stepZoom(1, -1)).toBe(0.9);
    expect(stepZoom(1.05, 1)).toBe(1.1);
    expect(stepZoom(1.05, -1)).toBe(1);
  });

  it("stops at the ends", () => {
    expect(stepZoom(MAX_ZOOM, 1)).toBe(MAX_ZOOM);
    expect(stepZoom(MIN_ZOOM, -1)).toBe(MIN_ZOOM);
  });
});

describe("fitZoom", () => {
  it("fits the tighter of the two axes", () => {
    expect(fitZoom({ width: 2000, height: 500 }, { width: 1048, height: 1048 })).toBeCloseTo(0.5);
    expect(fitZoom({ width: 500, height: 2000 }, { width: 1048, height: 1048 })).toBeCloseTo(0.5);
  });

  it("enlarges a small map up to the maximum", () => {
    expect(fitZoom({ width: 10, height: 10 }, { width: 1000, height: 1000 })).toBe(MAX_ZOOM);
  });

  it("treats an empty map as actual size", () => {
    expect(fitZoom({ width: 0, height: 0 }, { width: 800, height: 600 })).toBe(1);
  });
});

describe("openingZoom", () => {
  it("opens at actual size when the map is narrow enough", () => {
    expect(openingZoom({ width: 1000, height: 3000 }, { width: 1440, height: 800 })).toBe(1);
  });

  it("fits a wide map to the width, but not below half size", () => {
    expect(openingZoom({ width: 2000, height: 900 }, { width: 1448, height: 800 })).toBeCloseTo(0.7);
    expect(openingZoom({ width: 9000, height: 900 }, { width: 1448, height: 800 })).toBe(0.5);
  });
});

describe("scrollForZoom", () => {
  it("keeps the point under the pointer still", () => {
    const scroll = { x: 100, y: 50 };
    const anchor = { x: 300, y: 200 };
    const next = scrollForZoom(scroll, anchor, 1, 2);
    // The content point (400, 250) was under the anchor; at 2x it sits at (800, 500).
    expect(next).toEqual({ x: 500, y: 300 });
    const back = scrollForZoom(next, anchor, 2, 1);
    expect(back).toEqual(scroll);
  });

  it("never scrolls before the origin", () => {
    expect(scrollForZoom({ x: 0, y: 0 }, { x: 10, y: 10 }, 1, 0.5)).toEqual({ x: 0, y: 0 });
  });
});

describe("wheelZoom", () => {
  it("zooms in on a wheel turned up and out on one turned down", () => {
    expect(wheelZoom(1, -100)).toBeGreaterThan(1);
    expect(wheelZoom(1, 100)).toBeLessThan(1);
    expect(wheelZoom(1, -100) * wheelZoom(1, 100)).toBeCloseTo(1);
  });
});

describe("frameRect", () => {
  it("zooms so that the rectangle fits and centres it", () => {
    const { zoom, scroll } = frameRect({ x: 1000, y: 500, width: 400, height: 200 }, { width: 896, height: 696 });
    expect(zoom).toBe(2);
    // The centre (1200, 600) at 2x sits at 2400 + 24 inset; half the viewport before it.
    expect(scroll).toEqual({ x: 2424 - 448, y: 1224 - 348 });
  });

  it("zooms out for a large selection and never scrolls before the origin", () => {
    const { zoom, scroll } = frameRect({ x: 0, y: 0, width: 4000, height: 1000 }, { width: 1096, height: 800 });
    expect(zoom).toBeCloseTo(0.25);
    expect(scroll.x).toBeGreaterThanOrEqual(0);
    expect(scroll.y).toBe(0);
  });
});

describe("paintedRect", () => {
  const contains = (outer: ReturnType<typeof paintedRect>, x: number, y: number, w: number, h: number) =>
    outer.x <= x && outer.y <= y && outer.x + outer.width >= x + w && outer.y + outer.height >= y + h;

  it("covers what the viewport shows plus half a viewport around it, at any zoom", () => {
    for (const zoom of [0.1, 0.5, 1, 2, 4]) {
      const scroll = { x: 3000, y: 1500 };
      const shown = { x: (3000 - 24) / zoom, y: (1500 - 24) / zoom, w: 1200 / zoom, h: 800 / zoom };
      const painted = paintedRect(scroll, { width: 1200, height: 800 }, zoom);
      expect(contains(painted, shown.x - shown.w / 2, shown.y - shown.h / 2, shown.w * 2, shown.h * 2)).toBe(true);
    }
  });

  it("stays the same while scrolling within a tile, so the canvas is not repainted on every scroll", () => {
    const a = paintedRect({ x: 1100, y: 1100 }, { width: 1000, height: 700 }, 1);
    const b = paintedRect({ x: 1110, y: 1120 }, { width: 1000, height: 700 }, 1);
    expect(b).toEqual(a);
    expect(a.x % 512).toBe(0);
    expect(a.width % 512).toBe(0);
  });

  it("paints the first frame's view and no more", () => {
    for (const zoom of [0.5, 0.64, 1, 2]) {
      const scroll = { x: 3000, y: 1500 };
      const first = paintedRect(scroll, { width: 1200, height: 800 }, zoom, FIRST_FRAME);
      const shown = { x: (3000 - 24) / zoom, y: (1500 - 24) / zoom, w: 1200 / zoom, h: 800 / zoom };
      expect(contains(first, shown.x, shown.y, shown.w, shown.h)).toBe(true);
      // Rounded out to whole scene units at most: no tile, no margin.
      expect(first.width).toBeLessThanOrEqual(shown.w + 2);
      expect(first.height).toBeLessThanOrEqual(shown.h + 2);
    }
  });

  it("leaves out what is far away", () => {
    const painted = paintedRect({ x: 0, y: 0 }, { width: 1000, height: 700 }, 1);
    expect(contains(painted, 5000, 0, 200, 100)).toBe(false);
    expect(contains(painted, 0, 5000, 200, 100)).toBe(false);
  });
});

describe("revealScroll", () => {
  const viewport = { width: 800, height: 600 };

  it("leaves the scroll alone when the rectangle is in view", () => {
    expect(revealScroll({ x: 100, y: 100, width: 100, height: 50 }, { x: 0, y: 0 }, viewport, 1)).toEqual({ x: 0, y: 0 });
  });

  it("scrolls just far enough to show a rectangle beyond the right or bottom edge", () => {
    // Right edge at 24 + 2000 + 32 = 2056 must end at the viewport's right edge.
    const scroll = revealScroll({ x: 1900, y: 1000, width: 100, height: 40 }, { x: 0, y: 0 }, viewport, 1);
    expect(scroll).toEqual({ x: 2056 - 800, y: 24 + 1040 + 32 - 600 });
  });

  it("scrolls back to a rectangle before the left or top edge, at any zoom", () => {
    const scroll = revealScroll({ x: 100, y: 50, width: 100, height: 40 }, { x: 3000, y: 3000 }, viewport, 2);
    expect(scroll).toEqual({ x: 24 + 200 - 32, y: 24 + 100 - 32 });
  });
});

describe("shownRect and scrollToCentre", () => {
  it("read what a scrolled viewport shows, and scroll a point back to its middle", () => {
    const viewport = { width: 800, height: 600 };
    expect(shownRect({ x: 224, y: 24 }, viewport, 2)).toEqual({ x: 100, y: 0, width: 400, height: 300 });
    const centre = { x: 300, y: 150 };
    const scroll = scrollToCentre(centre, viewport, 2);
    const shown = shownRect(scroll, viewport, 2);
    expect([shown.x + shown.width / 2, shown.y + shown.height / 2]).toEqual([300, 150]);
    expect(scrollToCentre({ x: 0, y: 0 }, viewport, 2)).toEqual({ x: 0, y: 0 });
  });
});
