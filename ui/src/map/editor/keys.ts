// The map screen's commands, and which one a key press means. Cmd stands for Ctrl on macOS.

/** Every command of the map screen; the menu bar sends these names too. */
export const COMMANDS = [
  "undo",
  "redo",
  "delete",
  "duplicate",
  "copy",
  "cut",
  "paste",
  "select-all",
  "edit",
  "deselect",
  "select-next",
  "select-previous",
  "add-point",
  "nudge-left",
  "nudge-right",
  "nudge-up",
  "nudge-down",
  "zoom-in",
  "zoom-out",
  "zoom-reset",
  "zoom-fit",
  "zoom-selection",
  "shortcuts",
  "back",
  "export",
  "copy-png",
  "import-actuals",
  "report",
  "revisions",
  "kpi-table",
  "committee",
  "spend-matrix",
  "present",
] as const;

export type Command = (typeof COMMANDS)[number];

export function isCommand(name: unknown): name is Command {
  return COMMANDS.includes(name as Command);
}

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const NUDGES: Record<string, Command> = {
  ArrowLeft: "nudge-left",
  ArrowRight: "nudge-right",
  ArrowUp: "nudge-up",
  ArrowDown: "nudge-down",
};

export function commandFor(e: KeyPress, mac: boolean): Command | null {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (key === "z") return e.shiftKey ? "redo" : "undo";
    if (key === "y" && !mac) return "redo";
    if (key === "d") return "duplicate";
    if (key === "c") return e.shiftKey ? "copy-png" : "copy";
    if (key === "e") return "export";
    if (e.shiftKey) {
      const views: Record<string, Command> = { s: "revisions", k: "kpi-table", b: "committee", m: "spend-matrix" };
      if (views[key]) return views[key];
    }
    if (key === "x") return "cut";
    if (key === "v") return "paste";
    if (key === "a") return "select-all";
    if (key === "0") return "zoom-reset";
    if (key === "=" || key === "+") return "zoom-in";
    if (key === "-") return "zoom-out";
    return null;
  }
  if (e.altKey) return key === "ArrowLeft" ? "back" : null;
  // GTK names Shift+Tab ISO_Left_Tab; the key's position says Tab on every platform.
  if (key === "Tab" || e.code === "Tab") return e.shiftKey ? "select-previous" : "select-next";
  // By the key's position too: with a Japanese input method on, the key reads "Process".
  if (key === "e" || (key === "Process" && e.code === "KeyE")) return "add-point";
  if (e.shiftKey && e.code === "Digit1") return "zoom-fit";
  if (e.shiftKey && e.code === "Digit2") return "zoom-selection";
  if (key === "?") return "shortcuts";
  if (key === "F5") return "present";
  if (key === "Delete" || key === "Backspace") return "delete";
  if (key === "Enter" || key === "F2") return "edit";
  if (key === "Escape") return "deselect";
  return NUDGES[key] ?? null;
}
