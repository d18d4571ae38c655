import { describe, expect, it } from "vitest";
import { CARD_COLOURS, kpiColour, MODE_COLOURS, STAGE_COLOURS, THEME } from "./theme";

/** WCAG relative luminance of `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe("canvas colours", () => {
  it("keep white stage names readable (4.5:1)", () => {
    for (const colour of STAGE_COLOURS) expect(contrast(colour, "#ffffff"), colour).toBeGreaterThanOrEqual(4.5);
  });

  it("keep card text readable on every card kind (4.5:1)", () => {
    for (const [kind, c] of Object.entries(CARD_COLOURS)) {
      expect(contrast(c.text, c.fill), kind).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("keep badge labels readable (4.5:1)", () => {
    for (const [mode, c] of Object.entries(MODE_COLOURS)) {
      expect(contrast(c.text, c.fill), mode).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("give every KPI status a colour of its own", () => {
    const colours = (["unknown", "met", "near", "missed"] as const).map(kpiColour);
    expect(new Set(colours).size).toBe(4);
  });

  it("keep stage names readable on every stage colour", () => {
    for (const colour of STAGE_COLOURS) expect(contrast(colour, THEME.stageText), colour).toBeGreaterThanOrEqual(4.5);
  });
});
