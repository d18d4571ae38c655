// Where the keyboard goes after a row is added to a table: its first field, text selected.

/** Focuses the field with `testid` and selects its text, so that typing replaces it. */
export function focusToTypeOver(testid: string): void {
  const field = document.querySelector<HTMLInputElement>(`[data-testid="${testid}"]`);
  field?.focus();
  field?.select();
}
