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

/** The item with `id` in `list`, and its laid-out box, both or neither. */
function pair<T extends { id: string }, B extends { id: string }>(list: T[], boxes: B[], id: string): [T, B] | null {
  const item = list.find((x) => x.id === id);
  const box = boxes.find((x) => x.id === id);
  return item && box ? [item, box] : null;
}

const TARGETS: Record<EditTarget, Target> = {
  card: {
    find: (map, layout, id) => {
      const found = pair(map.cards, layout.cards, id);
      return found && { text: found[0].text, rect: found[1].rect };
    },
    fontSize: 13,
    maxlength: LIMITS.textChars,
    label: "editor.card_text",
    save: (id, text) => ({ op: "update_card", id, patch: { text } }),
  },
  stage: {
    find: (map, layout, id) => {
      const found = pair(map.stages, layout.stages, id);
      return found && { text: found[0].name, rect: found[1].header };
    },
    fontSize: 17,
    maxlength: LIMITS.nameChars,
    label: "field.stage_name",
    save: (id, name) => ({ op: "update_stage", id, patch: { name: oneLine(name) } }),
  },
  lane: {
    find: (map, layout, id) => {
      const found = pair(map.lanes, layout.lanes, id);
      // A lane header can be as tall as the lane's tallest cell: edit the name at its top only.
      const header = found?.[1].header;
      return found && header ? { text: found[0].name, rect: { ...header, height: Math.min(header.height, LANE_NAME_HEIGHT) } } : null;
    },
    fontSize: 14,
    maxlength: LIMITS.nameChars,
    label: "field.lane_name",
    save: (id, name) => ({ op: "update_lane", id, patch: { name: oneLine(name) } }),
  },
  kpi: {
    find: (map, layout, id) => {
      const found = pair(map.kpis, layout.kpis, id);
      return found && { text: found[0].name, rect: found[1].rect };
    },
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
