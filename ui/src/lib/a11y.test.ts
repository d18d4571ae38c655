// Screen readers name a control by its text or its label: a button showing only a symbol (×, ●,
// ?) needs an aria-label, or it is announced as "button" and nothing more.
import { describe, expect, it } from "vitest";
import { read, sourceFiles } from "../testing/sources";

/** Each `<button …>…</button>` of some markup: its attributes and its content. */
function buttons(markup: string): { attributes: string; content: string }[] {
  const found = [];
  for (let start = markup.indexOf("<button"); start >= 0; start = markup.indexOf("<button", start + 1)) {
    // The tag ends at the first ">" outside {expressions} (an arrow function has one inside).
    let depth = 0;
    let end = start;
    for (; end < markup.length; end++) {
      const c = markup[end];
      if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) break;
    }
    const close = markup.indexOf("</button>", end);
    if (close < 0) break;
    found.push({ attributes: markup.slice(start + 7, end), content: markup.slice(end + 1, close) });
  }
  return found;
}

describe("controls", () => {
  it("are found with their attributes whatever their handlers hold", () => {
    const [button] = buttons(`<button title={t("x")} onclick={() => (on = !on)}>●</button>`);
    expect(button.content).toBe("●");
    expect(button.attributes).toContain("onclick");
  });

  it("that show no words carry a label for screen readers", () => {
    const offenders = sourceFiles()
      .filter((file) => file.endsWith(".svelte"))
      .flatMap((file) =>
        buttons(read(file))
          .filter(({ attributes, content }) => {
            const shown = content.replace(/<[^>]*>/g, "");
            const words = shown.includes("{") || /\p{L}/u.test(shown);
            return !words && !/aria-label(ledby)?=/.test(attributes);
          })
          .map(({ content }) => `${file}: ${content.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
