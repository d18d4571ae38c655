// Numbers as people type them: full-width digits from a Japanese IME, thousands separators.

/**
 * The number in `text` if it is one within [min, max]; `null` for an empty field; `undefined`
 * when the text is not such a number (the field then shows its old value again).
 */
export function parseNumber(text: string, min: number, max: number): number | null | undefined {
  // NFKC turns full-width digits, points and commas into ASCII; the minus sign it leaves alone.
  const plain = text.normalize("NFKC").replace(/\u2212/g, "-").replace(/[,\s]/g, "");
  if (plain === "") return null;
  const value = Number(plain);
  return Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

/**
 * A count typed in a number field bound with `bind:value` (which gives `null` or `NaN` for an empty
 * or half-typed field): rounded and kept within [min, max], or `fallback` when there is none.
 */
export function countWithin(value: number | null | undefined, min: number, max: number, fallback: number): number {
  if (value === null || value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}
