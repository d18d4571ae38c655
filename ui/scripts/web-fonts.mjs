// Makes the webview's first font: the bundled family cut down to the characters most text uses.
//
// The bundled BIZ UDPGothic files (assets/fonts) hold 11,700 characters in 4.6 MB a weight, and
// WebKit reads a web font whole before it draws with it: on opening a 2,000-card map that was
// 80–100 ms of the first frame (docs/benchmarks.md). This writes, for each weight, a subset with
// the characters of everyday Japanese and English text (JIS X 0208's symbols, kana and
// first-level kanji, Latin-1, common punctuation and symbols), about a third of the bytes, and
// the @font-face rules that use it (faces.css), so that the ranges are written in one place:
//
// - the whole file is declared first, for any character the subset lacks;
// - the subset is declared last, so WebKit tries it first for the ranges it claims; only a
//   character it does not hold (a second-level kanji, say) makes WebKit load the whole file.
//
// A subset keeps each glyph's advance and the family's vertical metrics, so text is laid out
// just as the core measures it with the whole files; this checks that before writing. Hinting
// is left out: the app draws text unhinted (src-tauri/src/lib.rs).
//
// It also lists every character the interface's source holds (interface-characters.txt): the
// shell cuts the fonts a launched map's first frame needs to that map's characters and these
// (src-tauri/src/launch_fonts.rs).
//
// Run by `npm run build` and `npm run dev`; writes the subsets only when they are older than the
// fonts and this script, and the character list only when it changed.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as hb from "harfbuzzjs";

const here = dirname(fileURLToPath(import.meta.url));
const fonts = join(here, "..", "..", "assets", "fonts");
const out = join(here, "..", "generated", "fonts");
const family = "BIZ UDPGothic";
const weights = { Regular: 400, Bold: 700 };

/** The blocks the subset claims in CSS. What the subset lacks of them falls through to the whole file. */
const ranges = [
  [0x0000, 0x00ff], // Basic Latin and Latin-1
  [0x2000, 0x206f], // General Punctuation
  [0x20a0, 0x20cf], // currency symbols
  [0x2100, 0x23ff], // letter-like symbols, number forms, arrows, mathematical and technical
  [0x2460, 0x27bf], // enclosed numbers, box drawing, shapes, dingbats
  [0x3000, 0x30ff], // CJK symbols and punctuation, hiragana, katakana
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xff00, 0xffef], // half- and full-width forms
];

/** The characters of the given rows of JIS X 0208, read through EUC-JP. */
function jisX0208(rows) {
  const decoder = new TextDecoder("euc-jp", { fatal: true });
  const found = new Set();
  for (const row of rows) {
    for (let cell = 1; cell <= 94; cell++) {
      try {
        found.add(decoder.decode(new Uint8Array([0xa0 + row, 0xa0 + cell])).codePointAt(0));
      } catch {
        // an unassigned cell
      }
    }
  }
  return found;
}

/** Second-level kanji that the app's own texts use (the b2b template's 稟議, an approval request):
 * opening the template must not need the whole files (tests/e2e/tests/fonts.rs checks). */
const appKanji = "稟";

/** JIS X 0208's rows 1–8 (symbols, kana, Greek, Cyrillic, box drawing) and 16–47 (first-level
 * kanji), the app's own second-level kanji, and every character of the blocks `ranges` claims
 * below the ideographs. */
function commonCodePoints() {
  const rows = [...Array(8).keys()].map((i) => i + 1).concat([...Array(32).keys()].map((i) => i + 16));
  const found = jisX0208(rows);
  for (const kanji of appKanji) found.add(kanji.codePointAt(0));
  for (const [start, end] of ranges) {
    if (start === 0x4e00) continue;
    for (let c = start; c <= end; c++) found.add(c);
  }
  return found;
}

/** HarfBuzz's subsetter, straight from its WebAssembly build (harfbuzzjs wraps only shaping). */
async function subsetter() {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm"));
  const { instance } = await WebAssembly.instantiate(wasm);
  const api = instance.exports;
  const NO_HINTING = 0x1;
  return (bytes, codePoints) => {
    const data = api.malloc(bytes.byteLength);
    new Uint8Array(api.memory.buffer).set(bytes, data);
    const blob = api.hb_blob_create(data, bytes.byteLength, 2 /* writable */, 0, 0);
    const face = api.hb_face_create(blob, 0);
    api.hb_blob_destroy(blob);
    const input = api.hb_subset_input_create_or_fail();
    const unicodes = api.hb_subset_input_unicode_set(input);
    for (const c of codePoints) api.hb_set_add(unicodes, c);
    api.hb_subset_input_set_flags(input, api.hb_subset_input_get_flags(input) | NO_HINTING);
    const subset = api.hb_subset_or_fail(face, input);
    api.hb_subset_input_destroy(input);
    if (!subset) throw new Error("HarfBuzz could not subset the font");
    const result = api.hb_face_reference_blob(subset);
    const start = api.hb_blob_get_data(result, 0);
    const copy = new Uint8Array(api.memory.buffer, start, api.hb_blob_get_length(result)).slice();
    api.hb_blob_destroy(result);
    api.hb_face_destroy(subset);
    api.hb_face_destroy(face);
    api.free(data);
    return copy;
  };
}

/** Fails unless each character of `part` has the advance it has in `whole`, and the metrics
 * that place a line are the same. */
function checkSameMetrics(whole, part, name) {
  const [wholeFont, partFont] = [whole, part].map((bytes) => new hb.Font(new hb.Face(new hb.Blob(bytes))));
  const partCodes = partFont.face.collectUnicodes();
  for (const code of partCodes) {
    const [expected, got] = [wholeFont, partFont].map((font) => font.glyphHAdvance(font.glyph(code)));
    if (got !== expected) {
      throw new Error(`${name}: U+${code.toString(16).toUpperCase()} is ${got} units wide in the subset, ${expected} in the font`);
    }
  }
  const [wholeExtents, partExtents] = [wholeFont.hExtents(), partFont.hExtents()];
  if (JSON.stringify(wholeExtents) !== JSON.stringify(partExtents) || wholeFont.face.upem !== partFont.face.upem) {
    throw new Error(`${name}: the subset's vertical metrics differ from the font's`);
  }
  return partCodes.length;
}

function facesCss() {
  const unicodeRange = ranges
    .map((range) => range.map((c) => c.toString(16).toUpperCase().padStart(4, "0")).join("-"))
    .map((range) => `U+${range}`)
    .join(", ");
  const face = (weight, src, extra = "") =>
    `@font-face {\n  font-family: "${family}";\n  font-weight: ${weight};\n  font-display: block;\n  src: url("${src}") format("truetype");${extra}\n}`;
  const rules = ["/* Written by ui/scripts/web-fonts.mjs, which says why. */"];
  for (const [name, weight] of Object.entries(weights)) {
    rules.push(face(weight, `../../../assets/fonts/BIZUDPGothic-${name}.ttf`));
  }
  for (const [name, weight] of Object.entries(weights)) {
    rules.push(face(weight, `./BIZUDPGothic-${name}-common.ttf`, `\n  unicode-range: ${unicodeRange};`));
  }
  return rules.join("\n\n") + "\n";
}

/** Every character of the interface's source files (tests aside), sorted, without line breaks. */
function interfaceCharacters() {
  const found = new Set();
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(svelte|ts)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
        for (const c of readFileSync(path, "utf8")) if (c >= " ") found.add(c);
      }
    }
  };
  walk(join(here, "..", "src"));
  return [...found].sort((a, b) => a.codePointAt(0) - b.codePointAt(0)).join("");
}

function writeInterfaceCharacters() {
  const path = join(out, "interface-characters.txt");
  const characters = interfaceCharacters();
  // Unchanged, it keeps its time: the shell's build reads it.
  if (!existsSync(path) || readFileSync(path, "utf8") !== characters) writeFileSync(path, characters);
}

async function main() {
  mkdirSync(out, { recursive: true });
  writeInterfaceCharacters();
  const sources = Object.keys(weights).map((name) => join(fonts, `BIZUDPGothic-${name}.ttf`));
  const outputs = Object.keys(weights).map((name) => join(out, `BIZUDPGothic-${name}-common.ttf`));
  const css = join(out, "faces.css");
  const newestInput = Math.max(...[...sources, fileURLToPath(import.meta.url)].map((p) => statSync(p).mtimeMs));
  if ([...outputs, css].every((p) => existsSync(p) && statSync(p).mtimeMs > newestInput)) return;

  const subset = await subsetter();
  const codePoints = commonCodePoints();
  sources.forEach((source, i) => {
    const whole = readFileSync(source);
    const part = subset(whole, codePoints);
    const characters = checkSameMetrics(whole, part, source);
    writeFileSync(outputs[i], part);
    console.log(`web-fonts: ${outputs[i]}: ${characters} characters, ${part.byteLength} bytes`);
  });
  writeFileSync(css, facesCss());
}

await main();
