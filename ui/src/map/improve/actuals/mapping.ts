// The import dialog's mapping in plain functions: a starting mapping, the choices the dialog
// offers, and what a summary says in the user's language.
import type { Aggregate } from "../../../lib/bindings/Aggregate";
import type { Mapping } from "../../../lib/bindings/Mapping";
import type { PeriodUnit } from "../../../lib/bindings/PeriodUnit";
import type { Summary } from "../../../lib/bindings/Summary";
import type { MessageKey } from "../../../lib/i18n/en";

export const AGGREGATES: Aggregate[] = ["none", "count", "sum", "average"];
export const PERIOD_UNITS: PeriodUnit[] = ["as_written", "month", "quarter", "fiscal_year", "fiscal_quarter"];

export function emptyMapping(): Mapping {
  return {
    kpi: null,
    kpi_name: null,
    kpi_values: {},
    actual: null,
    target: null,
    period: null,
    period_unit: "as_written",
    stage: null,
    stage_values: {},
    aggregate: "none",
  };
}

/** `values` with `value` standing for `target`, or no longer mapped when `target` is null. */
export function withValue(values: Record<string, string>, value: string, target: string | null): Record<string, string> {
  const next = { ...values };
  if (target === null) delete next[value];
  else next[value] = target;
  return next;
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The periods a file holds: listed when few, else the first and last and how many. */
export function periodsText(periods: string[], t: Translate, number: (value: number) => string): string {
  if (periods.length <= 4) return periods.join(", ");
  return t("actuals.period_range", { first: periods[0], last: periods[periods.length - 1], count: number(periods.length) });
}

/** What an import will do, one sentence a line, in the order people care about. */
export function summaryLines(summary: Summary, t: Translate, number: (value: number) => string): string[] {
  const listed = periodsText(summary.periods, t, number);
  const lines = [t("actuals.summary", { used: number(summary.used), rows: number(summary.rows), kpis: summary.kpis, periods: listed })];
  if (summary.replaced > 0) lines.push(t("actuals.replaces", { count: summary.replaced, periods: summary.replaced_periods.join(", ") }));
  if (summary.samples_replaced > 0) lines.push(t("actuals.samples", { count: summary.samples_replaced }));
  if (summary.targets > 0) lines.push(t("actuals.targets", { count: summary.targets }));
  if (summary.missing > 0) lines.push(t("actuals.missing", { count: number(summary.missing) }));
  for (const skipped of summary.unmapped) {
    lines.push(t("actuals.unmapped", { count: number(skipped.rows), column: skipped.column, value: skipped.value }));
  }
  for (const footer of summary.footer) lines.push(t("actuals.footer", { line: footer.line, text: footer.text }));
  return lines;
}
