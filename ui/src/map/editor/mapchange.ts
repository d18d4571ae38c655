// An edit's answer is what changed in the view the page holds (the core's `MapChange`): the
// cards and card boxes that stayed as they were, or only moved down, come as their index in the
// lists held.
import type { CardBox } from "../../lib/bindings/CardBox";
import type { Kept } from "../../lib/bindings/Kept";
import type { MapChange } from "../../lib/bindings/MapChange";
import type { MapView } from "../../lib/bindings/MapView";
import type { TextLine } from "../../lib/bindings/TextLine";

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
  const taken = (item: Kept<T>): T | undefined => {
    if (typeof item === "number") return held[item];
    if (!Array.isArray(item)) return item;
    const [index, dy] = item;
    return moveDown && index in held ? moveDown(held[index], dy) : undefined;
  };
  const list: T[] = [];
  for (const item of kept) {
    const next = taken(item);
    if (next === undefined) return null;
    list.push(next);
  }
  return list;
}

/** `box` moved `dy` further down: every vertical coordinate in it, as tabiji-core's
 * `CardBox::moved_down` moves them (tests on both sides check the same rule). */
export function movedDown(box: CardBox, dy: number): CardBox {
  const lineDown = (line: TextLine): TextLine => ({ ...line, baseline: line.baseline + dy });
  const { rect, badge, lines, votes } = box;
  return {
    ...box,
    rect: { ...rect, y: rect.y + dy },
    badge: badge && {
      ...badge,
      rect: { ...badge.rect, y: badge.rect.y + dy },
      icon: badge.icon && { ...badge.icon, y: badge.icon.y + dy },
      label: lineDown(badge.label),
    },
    lines: lines.map(lineDown),
    votes: votes && { ...votes, cy: votes.cy + dy, label: lineDown(votes.label) },
  };
}
