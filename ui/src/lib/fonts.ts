// Which faces of the bundled family the page draws with. The CSS declares the whole files and
// the everyday subsets (ui/scripts/web-fonts.mjs); after a launch with a map, the shell also
// hands the page both weights cut to that map's characters and the interface's
// (src-tauri/src/launch_fonts.rs), and the everyday subsets wait for the first click or key press.

export const FAMILY = "BIZ UDPGothic";
/**
 * The family the launch faces are added as, named first wherever text is drawn, so that WebKit
 * tries them before the CSS's faces: added to the CSS's own family, they came after the CSS's
 * faces, and the first frame waited for the everyday subsets it did not need. A character they
 * lack falls through to the next family, the bundled one.
 */
export const LAUNCH_FAMILY = "BIZ UDPGothic Launch";

/** One weight cut to a launched map's characters, as the shell's launch script holds it. */
export interface LaunchFont {
  weight: number;
  /** The characters it holds, as a CSS `unicode-range`. */
  range: string;
  /** The TrueType file in base64. */
  data: string;
}

export function isLaunchFont(value: unknown): value is LaunchFont {
  const font = value as LaunchFont | null;
  return (
    typeof font?.weight === "number" && typeof font.range === "string" && typeof font.data === "string"
  );
}

type FromBase64 = { fromBase64?: (data: string) => Uint8Array };

/** The bytes of a base64 text. */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as unknown as FromBase64).fromBase64;
  if (native) return new Uint8Array(native(base64));
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Adds the launch faces; settles once they can draw, or fails (data that is not base64
 * included: async, so that it rejects rather than throws) and leaves the CSS faces to draw. */
export async function addLaunchFonts(fonts: LaunchFont[], set: FontFaceSet = document.fonts): Promise<unknown> {
  const faces = fonts.map(
    (font) =>
      new FontFace(LAUNCH_FAMILY, bytesOf(font.data), {
        weight: String(font.weight),
        unicodeRange: font.range,
        display: "block",
      }),
  );
  for (const face of faces) set.add(face);
  return Promise.all(faces.map((face) => face.loaded));
}

/** Whether `face` is one of the everyday subsets: the bundled family's faces that do not
 * claim every character, as the whole files do (the launch faces are a family of their own). */
export function isEverydaySubset(face: FontFace): boolean {
  return face.family.replaceAll('"', "") === FAMILY && face.unicodeRange.toUpperCase() !== "U+0-10FFFF";
}

/** Loads the everyday subsets not loaded yet, never the whole files; settles once they have
 * loaded or failed (the whole files then draw). */
export function loadEverydayFonts(set: Iterable<FontFace> = document.fonts): Promise<unknown> {
  const loading = [...set].filter((face) => face.status === "unloaded" && isEverydaySubset(face));
  return Promise.all(loading.map((face) => face.load().catch(() => undefined)));
}
