// The buying committee's figures and edits, kept out of the components so they can be tested.
import type { Map } from "../../lib/bindings/Map";
import type { Op } from "../../lib/bindings/Op";
import type { Persona } from "../../lib/bindings/Persona";
import { newId } from "../editor/ids";

/** Curve colours for new people: the Okabe–Ito palette, told apart with any colour vision. */
export const PERSONA_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"];

/** The stage ids `persona` takes part in once `stageId` is switched `on` or off, in stage order. */
export function involvement(map: Map, persona: Persona, stageId: string, on: boolean): string[] {
  const chosen = new Set(persona.stage_ids);
  if (on) chosen.add(stageId);
  else chosen.delete(stageId);
  return map.stages.map((s) => s.id).filter((id) => chosen.has(id));
}

/** Each stage's mean emotion score of `personaId`, for the stages where it has points. */
export function moodByStage(map: Map, personaId: string): globalThis.Map<string, number> {
  const sums = new globalThis.Map<string, { total: number; count: number }>();
  for (const point of map.emotion_points) {
    if (point.persona_id !== personaId) continue;
    const sum = sums.get(point.stage_id) ?? { total: 0, count: 0 };
    sums.set(point.stage_id, { total: sum.total + point.score, count: sum.count + 1 });
  }
  return new globalThis.Map([...sums].map(([stage, { total, count }]) => [stage, total / count]));
}

const rgb = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));

/** How far apart two `#rrggbb` colours look, roughly (a weighted RGB distance). */
function distance(a: string, b: string): number {
  const [p, q] = [rgb(a), rgb(b)];
  const meanRed = (p[0] + q[0]) / 2;
  const [dr, dg, db] = [p[0] - q[0], p[1] - q[1], p[2] - q[2]];
  return Math.sqrt((2 + meanRed / 256) * dr * dr + 4 * dg * dg + (2 + (255 - meanRed) / 256) * db * db);
}

/** The palette colour least like any curve colour already in use, so that curves stay told apart. */
export function distinctColour(used: string[]): string {
  const nearest = (c: string) => Math.min(Infinity, ...used.map((u) => distance(c, u.toLowerCase())));
  return PERSONA_COLOURS.reduce((best, c) => (nearest(c) > nearest(best) ? c : best));
}

/** A new person in `orgId`, taking part in every stage, in a colour unlike the others'. */
export function addPerson(map: Map, orgId: string, name: string): { op: Op; id: string } {
  const color = distinctColour(map.personas.map((p) => p.color));
  const id = newId("pe");
  const persona: Persona = {
    id,
    org_id: orgId,
    name,
    title: "",
    department: "",
    decision_authority: "",
    buying_role: "other",
    goals: "",
    worries: "",
    color,
    stage_ids: map.stages.map((s) => s.id),
  };
  return { id, op: { op: "add_persona", persona, index: null } };
}

export function addOrganisation(name: string): Op {
  return {
    op: "add_org",
    org: { id: newId("or"), name, industry: "", company_size: "", adoption_purpose: "", budget_cycle: "" },
    index: null,
  };
}
