import { describe, expect, it } from "vitest";
import { commandFor, isCommand, type KeyPress } from "./keys";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  code: "",
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("commandFor", () => {
  it("undoes with Ctrl+Z and redoes with Ctrl+Shift+Z or Ctrl+Y", () => {
    expect(commandFor(press("z", { ctrlKey: true }), false)).toBe("undo");
    expect(commandFor(press("Z", { ctrlKey: true, shiftKey: true }), false)).toBe("redo");
    expect(commandFor(press("y", { ctrlKey: true }), false)).toBe("redo");
  });

  it("uses Cmd instead of Ctrl on macOS", () => {
    expect(commandFor(press("z", { metaKey: true }), true)).toBe("undo");
    expect(commandFor(press("z", { ctrlKey: true }), true)).toBeNull();
    expect(commandFor(press("d", { metaKey: true }), true)).toBe("duplicate");
  });

  it("opens the analysis views with Ctrl+Shift and a letter, and only with Shift", () => {
    expect(commandFor(press("S", { ctrlKey: true, shiftKey: true }), false)).toBe("revisions");
    expect(commandFor(press("K", { ctrlKey: true, shiftKey: true }), false)).toBe("kpi-table");
    expect(commandFor(press("B", { ctrlKey: true, shiftKey: true }), false)).toBe("committee");
    expect(commandFor(press("m", { metaKey: true, shiftKey: true }), true)).toBe("spend-matrix");
    expect(commandFor(press("k", { ctrlKey: true }), false)).toBeNull();
    expect(commandFor(press("Q", { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });

  it("presents with F5", () => {
    expect(commandFor(press("F5"), false)).toBe("present");
  });

  it("exports with Ctrl+E and copies the map as a picture with Ctrl+Shift+C", () => {
    expect(commandFor(press("e", { ctrlKey: true }), false)).toBe("export");
    expect(commandFor(press("C", { ctrlKey: true, shiftKey: true }), false)).toBe("copy-png");
    expect(commandFor(press("c", { metaKey: true, shiftKey: true }), true)).toBe("copy-png");
  });

  it("moves through the canvas with Tab and Shift+Tab", () => {
    expect(commandFor(press("Tab"), false)).toBe("select-next");
    expect(commandFor(press("Tab", { shiftKey: true }), false)).toBe("select-previous");
    expect(commandFor(press("Unidentified", { code: "Tab", shiftKey: true }), false)).toBe("select-previous");
  });

  it("adds an emotion point with E, also while a Japanese input method is on", () => {
    expect(commandFor(press("e"), false)).toBe("add-point");
    expect(commandFor(press("Process", { code: "KeyE" }), false)).toBe("add-point");
    expect(commandFor(press("Process", { code: "KeyA" }), false)).toBeNull();
    expect(commandFor(press("e", { ctrlKey: true }), false)).not.toBe("add-point");
  });

  it("maps editing keys", () => {
    expect(commandFor(press("Delete"), false)).toBe("delete");
    expect(commandFor(press("Backspace"), false)).toBe("delete");
    expect(commandFor(press("Enter"), false)).toBe("edit");
    expect(commandFor(press("F2"), false)).toBe("edit");
    expect(commandFor(press("Escape"), false)).toBe("deselect");
    expect(commandFor(press("ArrowRight"), false)).toBe("nudge-right");
    expect(commandFor(press("c", { ctrlKey: true }), false)).toBe("copy");
    expect(commandFor(press("v", { ctrlKey: true }), false)).toBe("paste");
  });

  it("maps zoom keys and Shift+1 on any layout", () => {
    expect(commandFor(press("0", { ctrlKey: true }), false)).toBe("zoom-reset");
    expect(commandFor(press("!", { shiftKey: true, code: "Digit1" }), false)).toBe("zoom-fit");
    expect(commandFor(press("-", { ctrlKey: true }), false)).toBe("zoom-out");
    expect(commandFor(press("@", { shiftKey: true, code: "Digit2" }), false)).toBe("zoom-selection");
  });

  it("opens the shortcuts sheet with ?", () => {
    expect(commandFor(press("?", { shiftKey: true, code: "Slash" }), false)).toBe("shortcuts");
  });

  it("ignores plain letters, which belong to typing", () => {
    expect(commandFor(press("a"), false)).toBeNull();
    expect(commandFor(press("あ"), false)).toBeNull();
  });
});

describe("isCommand", () => {
  it("knows the menu bar's names and nothing else", () => {
    expect(isCommand("undo")).toBe(true);
    expect(isCommand("zoom-selection")).toBe(true);
    expect(isCommand("eval")).toBe(false);
    expect(isCommand(undefined)).toBe(false);
  });
});
