// The canvas's and exports' colours are checked in tabiji-core (theme.rs: 4.5:1 for every text,
// 7:1 in the projector theme). These tests check the interface's own colours in app.css, and what
// the canvas takes from the theme.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kpiColour, NORMAL, PROJECTOR, THEME } from "./theme";

const css = readFileSync(new URL("../app.css", import.meta.url), "utf8");

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

/** The `--name: #rrggbb` custom properties of the CSS rule for `selector` in app.css. */
function variables(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  expect(start, `${selector} in app.css`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]]));
}

/** Text colours and what they are shown on, by custom property name. */
const TEXT_ON = [
  ["text", "surface"],
  ["text", "background"],
  ["text", "surface-muted"],
  ["muted", "surface"],
  ["muted", "background"],
  ["muted", "surface-muted"],
  ["accent-text", "accent"],
  ["danger", "surface"],
] as const;

describe("interface colours", () => {
  it("keep every text at 4.5:1 in the normal theme", () => {
    const colours = variables(":root");
    for (const [text, background] of TEXT_ON) {
      const ratio = contrast(colours[text], colours[background]);
      expect(ratio, `--${text} on --${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("keep every text at 7:1 on the presentation screen", () => {
    const colours = { ...variables(":root"), ...variables(".presenting") };
    for (const [text, background] of TEXT_ON) {
      const ratio = contrast(colours[text], colours[background]);
      expect(ratio, `--${text} on --${background} while presenting`).toBeGreaterThanOrEqual(7);
    }
  });
});

describe("canvas palettes", () => {
  it("give every KPI status a colour of its own", () => {
    const colours = (["unknown", "met", "near", "missed"] as const).map(kpiColour);
    expect(new Set(colours).size).toBe(4);
  });

  it("keep each persona's own colour normally, and colour curves by place on the projector", () => {
    expect(NORMAL.curveColour("#123456", 3)).toBe("#123456");
    const projected = [0, 1, 2, 3, 4].map((i) => PROJECTOR.curveColour("#123456", i));
    expect(new Set(projected).size).toBe(5);
    expect(PROJECTOR.curveColour("#123456", 5)).toBe(projected[0]);
    expect(PROJECTOR.curveWidth).toBeGreaterThan(NORMAL.curveWidth);
    expect(PROJECTOR.stages).toEqual(THEME.projector.stages);
  });
});
