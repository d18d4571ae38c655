import { describe, expect, it } from "vitest";
import type { Summary } from "../../../lib/bindings/Summary";
import { catalogues, format } from "../../../lib/i18n/index.svelte";
import { summaryLines, withValue } from "./mapping";

const t = (key: keyof typeof catalogues.en, params?: Record<string, string | number>) => format(catalogues.en[key], params);

const summary: Summary = {
  rows: 120,
  used: 100,
  kpis: 3,
  periods: ["2026-10", "2026-11"],
  missing: 4,
  unmapped: [{ column: "Deal Stage", value: "closedlost", rows: 16 }],
  replaced: 2,
  replaced_periods: ["2026-11"],
  samples_replaced: 1,
  targets: 0,
  footer: [{ line: 123, text: "Total 120" }],
  encoding: "UTF-16LE",
};

describe("the import summary", () => {
  it("says what is read, what is replaced and what is skipped, a line each", () => {
    expect(summaryLines(summary, t, String)).toEqual([
      "Ready: 100 of 120 rows give actuals for 3 KPIs, periods 2026-10, 2026-11.",
      "Replaces 2 actuals already in the map for 2026-11.",
      "Replaces the sample figures of 1 KPIs.",
      "4 rows have no figure (empty, —, N/A …) and are skipped.",
      "16 rows whose Deal Stage is “closedlost” are skipped: the mapping does not name it.",
      "Line 123 follows the data and is skipped: Total 120",
    ]);
  });

  it("lists many periods as a range", () => {
    const many = { ...summary, periods: ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"], replaced: 0, samples_replaced: 0, missing: 0, unmapped: [], footer: [] };
    expect(summaryLines(many, t, String)).toEqual(["Ready: 100 of 120 rows give actuals for 3 KPIs, periods 5 periods, 2026-01 to 2026-05."]);
  });
});

describe("a value mapping", () => {
  it("maps a value to a target and forgets it again", () => {
    const mapped = withValue({}, "presentationscheduled", "kp_3");
    expect(mapped).toEqual({ presentationscheduled: "kp_3" });
    expect(withValue(mapped, "presentationscheduled", null)).toEqual({});
  });
});
