import { describe, expect, it } from "vitest";
import { cleanText, editKey, type KeyLike, oneLine } from "./typing";

const key = (k: Partial<KeyLike>): KeyLike => ({ key: "", shiftKey: false, altKey: false, isComposing: false, keyCode: 0, ...k });

describe("editKey", () => {
  it("commits on Enter and cancels on Escape", () => {
    expect(editKey(key({ key: "Enter", keyCode: 13 }), false)).toBe("commit");
    expect(editKey(key({ key: "Escape", keyCode: 27 }), false)).toBe("cancel");
  });

  it("leaves Shift+Enter and Alt+Enter to make a new line", () => {
    expect(editKey(key({ key: "Enter", shiftKey: true }), false)).toBe("none");
    expect(editKey(key({ key: "Enter", altKey: true }), false)).toBe("none");
  });

  it("never commits or cancels while an IME composition is open", () => {
    expect(editKey(key({ key: "Enter", keyCode: 13 }), true)).toBe("none");
    expect(editKey(key({ key: "Enter", isComposing: true, keyCode: 13 }), false)).toBe("none");
    expect(editKey(key({ key: "Escape", isComposing: true }), false)).toBe("none");
  });

  it("ignores the Enter that confirms a composition (keyCode 229, after compositionend)", () => {
    expect(editKey(key({ key: "Enter", keyCode: 229 }), false)).toBe("none");
  });
});

describe("cleanText", () => {
  it("keeps Japanese, emoji, tabs and line breaks", () => {
    expect(cleanText("展示会で名刺交換\t👍\n次回アポ")).toBe("展示会で名刺交換\t👍\n次回アポ");
  });

  it("normalises Windows line breaks and drops other control characters", () => {
    expect(cleanText("a\r\nb\rc\u0000d\u001be\u0085")).toBe("a\nb\ncde");
  });

  it("trims trailing white space only", () => {
    expect(cleanText("  indented  \n\n")).toBe("  indented");
  });
});

describe("oneLine", () => {
  it("joins lines with a space and trims", () => {
    expect(oneLine("  認知\r\n 興味\n")).toBe("認知 興味");
  });
});
