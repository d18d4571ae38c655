-- Schema 2: each KPI keeps the actuals of earlier periods (JSON array of {period, actual}),
-- added by CSV imports of actuals.
ALTER TABLE kpi ADD COLUMN history TEXT NOT NULL DEFAULT '[]';
