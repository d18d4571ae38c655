// Keys and text of in-place editing, safe with Japanese input methods: while a composition is
// open (or the key merely confirms one), Enter and Escape belong to the IME, not to the editor.

export type EditKey = "commit" | "cancel" | "none";

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  isComposing: boolean;
  /** 229 marks a key the IME consumed; WebKit sends it for the Enter that ends a composition. */
  keyCode: number;
}

export function editKey(event: KeyLike, composing: boolean): EditKey {
  if (composing || event.isComposing || event.keyCode === 229) return "none";
  if (event.key === "Escape") return "cancel";
  if (event.key === "Enter" && !event.shiftKey && !event.altKey) return "commit";
  return "none";
}

/**
 * Text as the core accepts it: line breaks as `\n`, tabs kept, other control characters dropped
 * (pasted text can carry them), trailing white space trimmed.
 */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "")
    .trimEnd();
}

/** A name's text: cleaned, on one line, without surrounding white space. */
export function oneLine(text: string): string {
  return cleanText(text).replace(/\s*\n\s*/g, " ").trim();
}
