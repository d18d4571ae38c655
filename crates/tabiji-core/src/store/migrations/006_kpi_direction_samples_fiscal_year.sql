-- Schema 6: a KPI says which way it improves (existing KPIs: higher is better) and whether its
-- figures are a template's samples (existing ones: real); the map says in which month its fiscal
-- year begins (April when not set). The migration's hook then cleans text that schema 6 refuses:
-- noncharacters become U+FFFD and a repeated revision name gets a number.
ALTER TABLE kpi ADD COLUMN better TEXT NOT NULL DEFAULT 'higher' CHECK (better IN ('higher', 'lower'));
ALTER TABLE kpi ADD COLUMN sample INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1));
ALTER TABLE map_info ADD COLUMN fiscal_year_start INTEGER NOT NULL DEFAULT 4
    CHECK (fiscal_year_start BETWEEN 1 AND 12);
