// Names of the things a map's analysis refers to by id.
import type { Map } from "../lib/bindings/Map";

/** Every named thing of a map by id: stages, channels, departments, personas, KPIs, cards. */
export function namesOf(map: Map): globalThis.Map<string, string> {
  return new globalThis.Map<string, string>([
    ...map.stages.map((s) => [s.id, s.name] as const),
    ...map.channels.map((c) => [c.id, c.name] as const),
    ...map.departments.map((d) => [d.id, d.name] as const),
    ...map.personas.map((p) => [p.id, p.name] as const),
    ...map.kpis.map((k) => [k.id, k.name] as const),
    ...map.cards.map((c) => [c.id, c.text] as const),
  ]);
}
