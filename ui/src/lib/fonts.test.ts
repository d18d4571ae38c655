import { describe, expect, it, vi } from "vitest";
import { fileURLToPath } from "node:url";
import { read } from "../testing/sources";
import { addLaunchFonts, bytesOf, FAMILY, isEverydaySubset, LAUNCH_FAMILY, loadEverydayFonts } from "./fonts";

/** A face as the page's FontFaceSet holds it, recording whether it was asked to load. */
function face(unicodeRange: string, status: FontFaceLoadStatus = "unloaded", family = "BIZ UDPGothic") {
  const loads: number[] = [];
  const font = { family, unicodeRange, status, load: () => (loads.push(1), Promise.resolve(font)) };
  return { font: font as unknown as FontFace, loads };
}

// As WebKit serialises the CSS's ranges: in lower case.
const everyday = "U+0-ff, U+2000-206f, U+3000-30ff, U+4e00-9fff";

describe("the page's fonts", () => {
  it("decodes the shell's base64", () => {
    expect([...bytesOf("AAEAAP8=")]).toEqual([0, 1, 0, 0, 255]);
    expect(bytesOf("").length).toBe(0);
  });

  it("rejects launch fonts whose data is not base64 instead of throwing, so the page falls back to the CSS's faces", async () => {
    vi.stubGlobal("FontFace", class {});
    const added: FontFace[] = [];
    const set = { add: (face: FontFace) => added.push(face) } as unknown as FontFaceSet;
    const adding = addLaunchFonts([{ weight: 400, range: "U+20-7E", data: "not base64!" }], set);
    await expect(adding).rejects.toThrow(/character/i);
    expect(added).toEqual([]);
    vi.unstubAllGlobals();
  });

  it("loads the everyday subsets not loaded yet, never the whole files or the launch faces", async () => {
    const whole = face("U+0-10FFFF");
    const subset = face(everyday);
    const loaded = face(everyday, "loaded");
    const launch = face("U+0-ff, U+3042", "unloaded", "BIZ UDPGothic Launch");
    const other = face(everyday, "unloaded", "Other");
    await loadEverydayFonts([whole, subset, loaded, launch, other].map((f) => f.font));
    expect([whole, subset, loaded, launch, other].map((f) => f.loads.length)).toEqual([0, 1, 0, 0, 0]);
    expect(isEverydaySubset(subset.font)).toBe(true);
    expect(isEverydaySubset(launch.font)).toBe(false);
  });

  it("names the launch faces' family first and the bundled family next, where the page's text is styled", () => {
    const css = read(fileURLToPath(new URL("../app.css", import.meta.url)));
    expect(css).toContain(`font-family: "${LAUNCH_FAMILY}", "${FAMILY}", `);
  });
});
