// What an ownership gap says, in the report and on the canvas's warning signs.
import type { Gap } from "../../lib/bindings/Gap";
import { formatNumber, t } from "../../lib/i18n/index.svelte";

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
