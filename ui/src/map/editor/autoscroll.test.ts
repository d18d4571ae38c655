import { describe, expect, it } from "vitest";
import { edgeScroll } from "./autoscroll";

const bounds = { left: 0, top: 0, right: 1000, bottom: 800 };

describe("edgeScroll", () => {
  it("does not scroll away from the edges", () => {
    expect(edgeScroll(bounds, { x: 500, y: 400 })).toEqual({ x: 0, y: 0 });
  });

  it("scrolls towards the edge the pointer is near, faster when nearer", () => {
    const near = edgeScroll(bounds, { x: 990, y: 400 });
    const nearer = edgeScroll(bounds, { x: 999, y: 400 });
    expect(near.x).toBeGreaterThan(0);
    expect(nearer.x).toBeGreaterThan(near.x);
    expect(edgeScroll(bounds, { x: 5, y: 795 })).toMatchObject({ x: expect.any(Number), y: expect.any(Number) });
    expect(edgeScroll(bounds, { x: 5, y: 795 }).x).toBeLessThan(0);
    expect(edgeScroll(bounds, { x: 5, y: 795 }).y).toBeGreaterThan(0);
  });

  it("is fastest, not faster, past the edge", () => {
    expect(edgeScroll(bounds, { x: 1200, y: 400 }).x).toBe(24);
  });
});
