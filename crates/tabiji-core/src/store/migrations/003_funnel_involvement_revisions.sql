-- Schema 3: funnel KPIs, the stages each persona takes part in, and named revisions of the map.
ALTER TABLE kpi ADD COLUMN funnel INTEGER NOT NULL DEFAULT 0;

-- A JSON array of stage ids. An existing persona is taken to be involved in the stages where its
-- emotion curve has points.
ALTER TABLE persona ADD COLUMN stage_ids TEXT NOT NULL DEFAULT '[]';
UPDATE persona SET stage_ids = (
    SELECT json_group_array(id) FROM (
        SELECT s.id FROM stage s
        WHERE EXISTS (SELECT 1 FROM emotion_point e WHERE e.persona_id = persona.id AND e.stage_id = s.id)
        ORDER BY s.position
    )
);

-- A revision is the whole map as it stood when saved, as JSON in the file format
-- (docs/file-format.md), so that it reads back whatever the schema has become since.
CREATE TABLE revision (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    map        TEXT NOT NULL
);
