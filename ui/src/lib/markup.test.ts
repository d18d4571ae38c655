import { describe, expect, it } from "vitest";
import { read, sourceFiles } from "../testing/sources";

// DESIGN.md principle 5: user text is always text. Nothing in the UI may parse a string as markup
// or run it as code, so a card that says <script> only ever shows those characters.
const FORBIDDEN = [/\binnerHTML\b/, /\bouterHTML\b/, /\binsertAdjacentHTML\b/, /\{@html\b/, /\beval\s*\(/, /new Function\s*\(/];

describe("the UI's source", () => {
  it("never turns a string into markup or code", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.flatMap((file) => {
      const text = read(file);
      return FORBIDDEN.filter((pattern) => pattern.test(text)).map((pattern) => `${file}: ${pattern}`);
    });
    expect(offenders).toEqual([]);
  });
});
