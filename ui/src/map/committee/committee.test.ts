import { describe, expect, it } from "vitest";
import type { Map } from "../../lib/bindings/Map";
import type { Persona } from "../../lib/bindings/Persona";
import { addPerson, distinctColour, involvement, moodByStage, PERSONA_COLOURS } from "./committee";

const person = (id: string, color: string, stage_ids: string[]) => ({ id, color, stage_ids }) as unknown as Persona;

const map = {
  stages: [{ id: "s1" }, { id: "s2" }, { id: "s3" }],
  personas: [person("p1", "#0072B2", ["s3", "s1"]), person("p2", "#d55e00", [])],
  emotion_points: [
    { persona_id: "p1", stage_id: "s1", score: 1 },
    { persona_id: "p1", stage_id: "s1", score: -2 },
    { persona_id: "p2", stage_id: "s1", score: 2 },
    { persona_id: "p1", stage_id: "s3", score: 1.5 },
  ],
} as unknown as Map;

describe("involvement", () => {
  it("adds a stage and lists the stages in the map's order", () => {
    expect(involvement(map, map.personas[0], "s2", true)).toEqual(["s1", "s2", "s3"]);
  });

  it("removes a stage, and adding one already there changes nothing", () => {
    expect(involvement(map, map.personas[0], "s1", false)).toEqual(["s3"]);
    expect(involvement(map, map.personas[0], "s3", true)).toEqual(["s1", "s3"]);
  });

  it("drops stages the map no longer has", () => {
    expect(involvement(map, person("p3", "#000000", ["gone", "s2"]), "s1", true)).toEqual(["s1", "s2"]);
  });
});

describe("moodByStage", () => {
  it("averages one persona's points per stage and leaves stages without points out", () => {
    const mood = moodByStage(map, "p1");
    expect(mood.get("s1")).toBe(-0.5);
    expect(mood.get("s3")).toBe(1.5);
    expect(mood.has("s2")).toBe(false);
  });
});

describe("distinctColour", () => {
  it("takes the first palette colour when none is used, and never one already used", () => {
    expect(distinctColour([])).toBe(PERSONA_COLOURS[0]);
    expect(distinctColour(["#0072B2"])).not.toBe("#0072b2");
  });

  it("keeps away from colours near those in use, not only from the same ones", () => {
    // The template's blue, green and orange: the palette's blue, green and vermilion are too close.
    const chosen = distinctColour(["#2563eb", "#059669", "#d97706"]);
    expect(["#0072b2", "#009e73", "#d55e00", "#e69f00", "#56b4e9"]).not.toContain(chosen);
  });
});

describe("addPerson", () => {
  it("joins every stage of the map in the organisation given", () => {
    const { op, id } = addPerson(map, "o1", "Ito");
    expect(op).toMatchObject({ op: "add_persona", persona: { id, org_id: "o1", name: "Ito", buying_role: "other" } });
    expect(op.op === "add_persona" && op.persona.stage_ids).toEqual(["s1", "s2", "s3"]);
  });
});
