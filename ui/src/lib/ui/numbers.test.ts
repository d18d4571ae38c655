import { describe, expect, it } from "vitest";
import { countWithin, parseNumber } from "./numbers";

describe("parseNumber", () => {
  it("reads plain, separated and full-width numbers", () => {
    expect(parseNumber("35", 0, 100)).toBe(35);
    expect(parseNumber("1,200,000", 0, Number.MAX_VALUE)).toBe(1_200_000);
    expect(parseNumber("１２０．５", 0, 1000)).toBe(120.5);
    expect(parseNumber("−1.5", -2, 2)).toBe(-1.5);
  });

  it("treats an empty field as no value", () => {
    expect(parseNumber("  ", 0, 10)).toBeNull();
  });

  it("refuses text, infinities and numbers out of range", () => {
    expect(parseNumber("abc", 0, 10)).toBeUndefined();
    expect(parseNumber("1e999", 0, Number.MAX_VALUE)).toBeUndefined();
    expect(parseNumber("-1", 0, 10)).toBeUndefined();
    expect(parseNumber("3", -2, 2)).toBeUndefined();
  });
});

describe("countWithin", () => {
  it("rounds and bounds a count, and falls back when the field holds none", () => {
    expect(countWithin(2.6, 1, 20, 3)).toBe(3);
    expect(countWithin(500, 1, 20, 3)).toBe(20);
    expect(countWithin(-4, 1, 20, 3)).toBe(1);
    expect(countWithin(null, 1, 20, 3)).toBe(3);
    expect(countWithin(Number.NaN, 1, 20, 3)).toBe(3);
  });
});
