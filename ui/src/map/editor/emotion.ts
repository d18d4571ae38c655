// Between scene points and emotion points: which stage, where in it (0–1) and what score.
import type { Layout } from "../../lib/bindings/Layout";
import type { Map } from "../../lib/bindings/Map";
import { LIMITS } from "../../lib/bindings/constants";
import type { Point } from "../viewport";

const SCORE_MIN = LIMITS.scoreMin;
const SCORE_MAX = LIMITS.scoreMax;
/** Scores snap to this step, fine enough for a curve and coarse enough to hit on purpose. */
const SCORE_STEP = 0.1;

export interface EmotionPlace {
  stageId: string;
  x: number;
  score: number;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** Where an emotion point dropped at `p` sits; `null` when the map has no emotion lane or stages. */
export function emotionPlace(layout: Layout, p: Point): EmotionPlace | null {
  const scale = layout.emotion_scale;
  if (!scale || layout.stages.length === 0) return null;
  const first = layout.stages[0].column;
  const last = layout.stages[layout.stages.length - 1].column;
  const x = clamp(p.x, first.x, last.x + last.width - 0.001);
  const stage = layout.stages.find((s) => x >= s.column.x && x < s.column.x + s.column.width) ?? layout.stages[0];
  const fraction = clamp((x - stage.column.x) / stage.column.width, 0, 1);
  const ratio = (p.y - scale.top) / (scale.bottom - scale.top);
  const raw = SCORE_MAX - ratio * (SCORE_MAX - SCORE_MIN);
  const score = clamp(Math.round(raw / SCORE_STEP) * SCORE_STEP, SCORE_MIN, SCORE_MAX);
  return { stageId: stage.id, x: Math.round(fraction * 1000) / 1000, score: Math.round(score * 10) / 10 };
}

/** Whether `p` lies inside the emotion lane (where a click adds a point). */
export function inEmotionLane(layout: Layout, p: Point): boolean {
  const lane = layout.lanes.find((l) => l.kind === "emotions");
  if (!lane || layout.stages.length === 0) return false;
  const left = layout.stages[0].column.x;
  return p.y >= lane.row.y && p.y < lane.row.y + lane.row.height && p.x >= left && p.x < layout.width;
}

/** The scene point of an emotion place: the inverse of `emotionPlace`. */
export function placePoint(layout: Layout, place: EmotionPlace): Point | null {
  const scale = layout.emotion_scale;
  const stage = layout.stages.find((s) => s.id === place.stageId);
  if (!scale || !stage) return null;
  return {
    x: stage.column.x + place.x * stage.column.width,
    y: scale.top + ((SCORE_MAX - place.score) / (SCORE_MAX - SCORE_MIN)) * (scale.bottom - scale.top),
  };
}

/** Steps of the arrow keys on a selected emotion point: half a score point, a tenth of a stage. */
const KEY_SCORE_STEP = 0.5;
const KEY_X_STEP = 0.1;

/**
 * Where an arrow key moves an emotion point: up and down change the score, left and right move it
 * along the journey, into the neighbouring stage past either edge.
 */
export function stepPoint(stageIds: string[], place: EmotionPlace, dx: -1 | 0 | 1, dy: -1 | 0 | 1): EmotionPlace {
  const score = Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round((place.score - dy * KEY_SCORE_STEP) * 10) / 10));
  let index = stageIds.indexOf(place.stageId);
  let x = Math.round((place.x + dx * KEY_X_STEP) * 1000) / 1000;
  if (x > 1 && index < stageIds.length - 1) {
    index += 1;
    x = Math.round((x - 1) * 1000) / 1000;
  } else if (x < 0 && index > 0) {
    index -= 1;
    x = Math.round((x + 1) * 1000) / 1000;
  }
  return { stageId: stageIds[index], x: Math.min(1, Math.max(0, x)), score };
}

/**
 * Where a point added from the keyboard goes: in the middle of the stage of what is selected (a
 * card, a stage or an emotion point), or of the first stage, on the neutral line.
 */
export function placeForNewPoint(map: Map, selection: ReadonlySet<string>): EmotionPlace | null {
  const stageOfSelection =
    map.cards.find((c) => selection.has(c.id))?.stage_id ??
    map.emotion_points.find((p) => selection.has(p.id))?.stage_id ??
    map.stages.find((s) => selection.has(s.id))?.id;
  const stageId = stageOfSelection ?? map.stages[0]?.id;
  return stageId ? { stageId, x: 0.5, score: 0 } : null;
}
