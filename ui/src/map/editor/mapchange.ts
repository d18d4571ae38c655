// An edit's answer is what changed in the view the page holds (the core's `MapChange`): the
// cards and card boxes that stayed as they were, or only moved down, come as their index in the
// lists held.
import type { Kept } from "../../lib/bindings/Kept";
import type { MapChange } from "../../lib/bindings/MapChange";
import type { MapView } from "../../lib/bindings/MapView";

/** The view after `change`, made from `held`, the view it changes; `null` if `held` is another
 * view than the one the change was made against, or the change refers to what `held` lacks (the
 * page then asks for the whole view). Cards and boxes that did not change stay the same objects,
 * so the canvas leaves them as they are. */
export function applyChange(held: MapView, change: MapChange): MapView | null {
  if (change.base !== held.version) return null;
  // A card itself is never sent as moved; only its box is.
  const cards = resolve(change.cards, held.map.cards, null);
  const boxes = resolve(change.boxes, held.layout.cards, movedDown);
  if (!cards || !boxes) return null;
  const { view } = change;
  return { ...view, map: { ...view.map, cards }, layout: { ...view.layout, cards: boxes } };
}

function resolve<T extends object>(
  kept: Kept<T>[],
  held: readonly T[],
  moveDown: ((item: T, dy: number) => T) | null,
): T[] | null {
  const list: T[] = [];
  for (const item of kept) {
    let taken: T | undefined;
    if (typeof item === "number") taken = held[item];
    else if (Array.isArray(item)) taken = moveDown && held[item[0]] !== undefined ? moveDown(held[item[0]], item[1]) : undefined;
    else taken = item;
    if (taken === undefined) return null;
    list.push(taken);
  }
  return list;
}

/** What moves when a card box moves down: every coordinate of these names, wherever it is in
 * the box (tabiji-core's `CardBox::moved_down` moves the same, which a test there checks). */
const VERTICAL = new Set(["y", "baseline", "cy"]);

/** `value`, a card box or a part of one, `dy` further down. */
export function movedDown<T>(value: T, dy: number): T {
  if (Array.isArray(value)) return value.map((item) => movedDown(item, dy)) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      VERTICAL.has(key) && typeof field === "number" ? field + dy : movedDown(field, dy),
    ]),
  ) as T;
}
