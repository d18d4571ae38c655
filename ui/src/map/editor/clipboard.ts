// Cards copied with Ctrl+C, kept for the whole app session so that they can be pasted into
// another map opened later in the same window.
import type { Card } from "../../lib/bindings/Card";

let copied: Card[] = [];

export function copyCards(cards: Card[]): void {
  copied = cards.map((card) => ({ ...card }));
}

export function copiedCards(): Card[] {
  return copied;
}
