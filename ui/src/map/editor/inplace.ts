// What editing text in place edits: a card's text, or a stage's, lane's or KPI's name — where its
// field goes on the canvas, how big its text is, how long it may be, and the op that saves it.
import { LIMITS } from "../../lib/bindings/constants";
import type { Layout } from "../../lib/bindings/Layout";
import type { Map } from "../../lib/bindings/Map";
import type { Op } from "../../lib/bindings/Op";
import type { Rect } from "../../lib/bindings/Rect";
import { type MessageKey, t } from "../../lib/i18n/index.svelte";
import { oneLine } from "./typing";

export type EditTarget = "card" | "stage" | "lane" | "kpi";

export interface InPlaceText {
  rect: Rect;
  text: string;
  fontSize: number;
  maxlength: number;
  label: string;
  /** The op that gives the item `text` (a name is kept on one line). */
  save: (text: string) => Op;
}

/** The height of the field that edits a lane's name, at the top of its header. */
export const LANE_NAME_HEIGHT = 64;

interface Target {
  /** The item's text and where its field goes, if the item is in the map and laid out. */
  find: (map: Map, layout: Layout, id: string) => { text: string; rect: Rect } | null;
  fontSize: number;
  maxlength: number;
  label: MessageKey;
  save: (id: string, text: string) => Op;
}

/** The text of the item with `id` in `list` and the place of its box in `boxes`, if it has both. */
function locate<T extends { id: string }, B extends { id: string }>(
  list: T[],
  boxes: B[],
  id: string,
  text: (item: T) => string,
  rect: (box: B) => Rect,
): { text: string; rect: Rect } | null {
  const item = list.find((x) => x.id === id);
  const box = boxes.find((x) => x.id === id);
  return item && box ? { text: text(item), rect: rect(box) } : null;
}

const TARGETS: Record<EditTarget, Target> = {
  card: {
    find: (map, layout, id) => locate(map.cards, layout.cards, id, (c) => c.text, (b) => b.rect),
    fontSize: 13,
    maxlength: LIMITS.textChars,
    label: "editor.card_text",
    save: (id, text) => ({ op: "update_card", id, patch: { text } }),
  },
  stage: {
    find: (map, layout, id) => locate(map.stages, layout.stages, id, (s) => s.name, (b) => b.header),
    fontSize: 17,
    maxlength: LIMITS.nameChars,
    label: "field.stage_name",
    save: (id, name) => ({ op: "update_stage", id, patch: { name: oneLine(name) } }),
  },
  lane: {
    // A lane header can be as tall as the lane's tallest cell: edit the name at its top only.
    find: (map, layout, id) =>
      locate(map.lanes, layout.lanes, id, (l) => l.name, (b) => ({ ...b.header, height: Math.min(b.header.height, LANE_NAME_HEIGHT) })),
    fontSize: 14,
    maxlength: LIMITS.nameChars,
    label: "field.lane_name",
    save: (id, name) => ({ op: "update_lane", id, patch: { name: oneLine(name) } }),
  },
  kpi: {
    find: (map, layout, id) => locate(map.kpis, layout.kpis, id, (k) => k.name, (b) => b.rect),
    fontSize: 13,
    maxlength: LIMITS.nameChars,
    label: "field.kpi_name",
    save: (id, name) => ({ op: "update_kpi", id, patch: { name: oneLine(name) } }),
  },
};

export function inPlaceText(map: Map, layout: Layout, target: EditTarget, id: string): InPlaceText | null {
  const spec = TARGETS[target];
  const found = spec.find(map, layout, id);
  if (!found) return null;
  return { ...found, fontSize: spec.fontSize, maxlength: spec.maxlength, label: t(spec.label), save: (text) => spec.save(id, text) };
}

/** Which kind of item `id` is, among those that edit in place. */
export function editTargetOf(map: Map, id: string): EditTarget | null {
  const lists: [EditTarget, { id: string }[]][] = [
    ["card", map.cards],
    ["kpi", map.kpis],
    ["stage", map.stages],
    ["lane", map.lanes],
  ];
  return lists.find(([, list]) => list.some((x) => x.id === id))?.[0] ?? null;
}
