// The fields of a KPI a user edits, in the order the panel and the KPI table show them.
export const KPI_FIELDS = ["name", "unit", "better", "target", "actual", "period", "source", "funnel"] as const;
export type KpiField = (typeof KPI_FIELDS)[number];
