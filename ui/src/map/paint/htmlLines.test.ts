import { describe, expect, it } from "vitest";
import { flowLines } from "./htmlLines";

const line = (text: string, x: number, baseline: number, size = 13) => ({ text, x, baseline, size, bold: false });

describe("flowLines", () => {
  const box = { x: 100, y: 200, width: 180, height: 80 };

  it("spaces one-em lines so that each baseline lands where the core put it", () => {
    const placed = flowLines([line("一行目", 112, 222), line("二行目", 112, 241)], box, 0.88);
    let top = box.y;
    for (const [i, { left, gap, line: source }] of placed.entries()) {
      top += gap;
      expect(left).toBe(12);
      expect(top + 0.88 * source.size).toBeCloseTo(source.baseline, 9);
      top += source.size;
      expect(placed[i].text).toBe(source.text);
    }
  });

  it("draws a tab as a space", () => {
    expect(flowLines([line("a\tb\tc", 112, 222)], box, 0.88)[0].text).toBe("a b c");
  });
});
