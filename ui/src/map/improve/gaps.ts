// What an ownership gap says, in the report and on the canvas's warning signs.
import type { Gap } from "../../lib/bindings/Gap";
import type { Map } from "../../lib/bindings/Map";
import { formatNumber, t } from "../../lib/i18n/index.svelte";

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

export function describeGap(gap: Gap, name: (id: string) => string): string {
  switch (gap.kind) {
    case "stage_without_owner":
      return t("report.gap.stage", { stage: name(gap.stage_id) });
    case "touchpoint_without_owner":
      return t("report.gap.touchpoint", { stage: name(gap.stage_id), card: name(gap.card_id) });
    case "hand_off_while_mood_drops":
      return t("report.gap.handoff", {
        from: name(gap.from_stage),
        to: name(gap.to_stage),
        giver: name(gap.from_department),
        taker: name(gap.to_department),
        persona: name(gap.persona_id),
        drop: formatNumber(gap.drop),
      });
  }
}
