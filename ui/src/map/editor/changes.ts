// The ops behind each editing gesture, built from the current map. Pure: easy to test, and the
// core still checks every op it receives.
import type { Card } from "../../lib/bindings/Card";
import type { CardKind } from "../../lib/bindings/CardKind";
import type { Kpi } from "../../lib/bindings/Kpi";
import type { Map } from "../../lib/bindings/Map";
import type { Op } from "../../lib/bindings/Op";
import type { EmotionPlace } from "./emotion";
import { newId } from "./ids";

export interface CellRef {
  stageId: string;
  laneId: string;
}

/** Several ops as one undo step; a single op as itself. */
export function asOneStep(ops: Op[]): Op | null {
  if (ops.length === 0) return null;
  return ops.length === 1 ? ops[0] : { op: "batch", ops };
}

export function cardsOfCell(map: Map, cell: CellRef): Card[] {
  return map.cards.filter((c) => c.stage_id === cell.stageId && c.lane_id === cell.laneId);
}

/**
 * The `move_card` indices that bring `dragged` (in this order) together into a cell whose cards
 * are `cellIds`, starting at `index` among the cell's cards that are not dragged. Each op's index
 * counts the cell as it is when that op runs (after the moved card left its old place).
 */
export function planMove(
  cellIds: string[],
  dragged: string[],
  index: number,
): { steps: { id: string; index: number }[]; result: string[] } {
  const draggedSet = new Set(dragged);
  const others = cellIds.filter((id) => !draggedSet.has(id));
  const anchor = others[index] as string | undefined;
  const current = [...cellIds];
  const steps: { id: string; index: number }[] = [];
  dragged.forEach((id, k) => {
    const from = current.indexOf(id);
    if (from >= 0) current.splice(from, 1);
    let at: number;
    if (k > 0) at = current.indexOf(dragged[k - 1]) + 1;
    else at = anchor === undefined ? current.length : current.indexOf(anchor);
    current.splice(at, 0, id);
    steps.push({ id, index: at });
  });
  return { steps, result: current };
}

/** Moves cards (kept in map order) to `index` among the other cards of `target`. */
export function moveCards(map: Map, ids: ReadonlySet<string>, target: CellRef, index: number): Op | null {
  const dragged = map.cards.filter((c) => ids.has(c.id)).map((c) => c.id);
  const cellIds = cardsOfCell(map, target).map((c) => c.id);
  const { steps, result } = planMove(cellIds, dragged, index);
  if (result.length === cellIds.length && result.every((id, i) => id === cellIds[i])) return null;
  return asOneStep(
    steps.map((step) => ({
      op: "move_card" as const,
      id: step.id,
      stage_id: target.stageId,
      lane_id: target.laneId,
      index: step.index,
    })),
  );
}

export function blankCard(cell: CellRef, kind: CardKind, fields: Partial<Card> = {}): Card {
  return {
    id: newId("cd"),
    stage_id: cell.stageId,
    lane_id: cell.laneId,
    kind,
    text: "",
    channel_id: null,
    department_id: null,
    persona_id: null,
    cost: null,
    effect: null,
    notes: "",
    votes: 0,
    ...fields,
  };
}

export function addCard(card: Card, index: number | null): Op {
  return { op: "add_card", card, index };
}

export function deleteCards(ids: Iterable<string>): Op | null {
  return asOneStep([...ids].map((id) => ({ op: "delete_card" as const, id })));
}

/**
 * Copies of `ids`, each right after its original. Within a cell the later cards are copied first,
 * so inserting a copy never shifts the place of a card still to be copied.
 */
export function duplicateCards(map: Map, ids: ReadonlySet<string>): { op: Op | null; ids: string[] } {
  const ops: Op[] = [];
  const copies: string[] = [];
  const chosen = map.cards.filter((c) => ids.has(c.id));
  for (const card of [...chosen].reverse()) {
    const cell = cardsOfCell(map, { stageId: card.stage_id, laneId: card.lane_id });
    // A copy starts without the original's dots.
    const copy = { ...card, id: newId("cd"), votes: 0 };
    ops.push(addCard(copy, cell.findIndex((c) => c.id === card.id) + 1));
    copies.unshift(copy.id);
  }
  return { op: asOneStep(ops), ids: copies };
}

/**
 * Pastes copied cards (possibly from another map) at the end of `target`. References to channels,
 * departments or personas this map does not have are dropped; the text is kept.
 */
export function pasteCards(map: Map, cards: Card[], target: CellRef): { op: Op | null; ids: string[] } {
  const has = (list: { id: string }[], id: string | null) => (id !== null && list.some((x) => x.id === id) ? id : null);
  const pasted = cards.map((card) =>
    blankCard(target, card.kind, {
      text: card.text,
      notes: card.notes,
      cost: card.cost,
      effect: card.effect,
      channel_id: has(map.channels, card.channel_id),
      department_id: has(map.departments, card.department_id),
      persona_id: has(map.personas, card.persona_id),
    }),
  );
  return { op: asOneStep(pasted.map((card) => addCard(card, null))), ids: pasted.map((c) => c.id) };
}

/** Moves cards one stage left/right (`dx`) or one lane up/down (`dy`), to the end of that cell. */
export function nudgeCards(map: Map, ids: ReadonlySet<string>, dx: -1 | 0 | 1, dy: -1 | 0 | 1): Op | null {
  const visibleLanes = map.lanes.filter((l) => !l.hidden && l.kind !== "emotions" && l.kind !== "kpis");
  const ops: Op[] = [];
  // Cards arriving in a cell go after the ones staying there, in their map order.
  const arrived = new globalThis.Map<string, number>();
  for (const card of map.cards.filter((c) => ids.has(c.id))) {
    const stage = map.stages[map.stages.findIndex((s) => s.id === card.stage_id) + dx];
    const lane = visibleLanes[visibleLanes.findIndex((l) => l.id === card.lane_id) + dy];
    if (!stage || !lane) return null;
    const target = { stageId: stage.id, laneId: lane.id };
    const key = `${stage.id}/${lane.id}`;
    const staying = cardsOfCell(map, target).filter((c) => !ids.has(c.id)).length;
    const before = arrived.get(key) ?? 0;
    arrived.set(key, before + 1);
    ops.push({ op: "move_card", id: card.id, stage_id: stage.id, lane_id: lane.id, index: staying + before });
  }
  return asOneStep(ops);
}

/** A new KPI at the end of `stageId`'s KPIs, named `name` until the user names it. */
export function addKpi(stageId: string, name: string): { op: Op; id: string } {
  const id = newId("kp");
  const kpi: Kpi = { id, stage_id: stageId, name, unit: "", target: null, actual: null, period: "", source: "", history: [], funnel: false, better: "higher", sample: false };
  return { id, op: { op: "add_kpi", kpi, index: null } };
}

export function deleteKpis(ids: Iterable<string>): Op | null {
  return asOneStep([...ids].map((id) => ({ op: "delete_kpi" as const, id })));
}

export function addEmotionPoint(personaId: string, place: EmotionPlace): { op: Op; id: string } {
  const id = newId("ep");
  return {
    id,
    op: {
      op: "add_emotion_point",
      point: { id, persona_id: personaId, stage_id: place.stageId, x: place.x, score: place.score, quote: "" },
    },
  };
}

export function moveEmotionPoint(id: string, place: EmotionPlace): Op {
  return { op: "update_emotion_point", id, patch: { stage_id: place.stageId, x: place.x, score: place.score } };
}

export function deleteEmotionPoints(ids: Iterable<string>): Op | null {
  return asOneStep([...ids].map((id) => ({ op: "delete_emotion_point" as const, id })));
}
