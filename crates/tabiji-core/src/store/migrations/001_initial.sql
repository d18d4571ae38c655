-- Schema 1: the whole map. Orderings are dense 0-based `position` columns, checked by `validate`.
CREATE TABLE map_info (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    title       TEXT NOT NULL,
    description TEXT NOT NULL,
    language    TEXT NOT NULL CHECK (language IN ('ja', 'en')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE stage (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    width    REAL NOT NULL
);

CREATE TABLE lane (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    name     TEXT NOT NULL,
    hidden   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE channel (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    mode     TEXT NOT NULL CHECK (mode IN ('offline', 'online')),
    icon     TEXT NOT NULL
);

CREATE TABLE department (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL
);

CREATE TABLE org_persona (
    id               TEXT PRIMARY KEY,
    position         INTEGER NOT NULL,
    name             TEXT NOT NULL,
    industry         TEXT NOT NULL,
    company_size     TEXT NOT NULL,
    adoption_purpose TEXT NOT NULL,
    budget_cycle     TEXT NOT NULL
);

CREATE TABLE persona (
    id                 TEXT PRIMARY KEY,
    org_id             TEXT NOT NULL REFERENCES org_persona (id),
    position           INTEGER NOT NULL,
    name               TEXT NOT NULL,
    title              TEXT NOT NULL,
    department         TEXT NOT NULL,
    decision_authority TEXT NOT NULL,
    buying_role        TEXT NOT NULL,
    goals              TEXT NOT NULL,
    worries            TEXT NOT NULL,
    color              TEXT NOT NULL
);

CREATE TABLE card (
    id            TEXT PRIMARY KEY,
    stage_id      TEXT NOT NULL REFERENCES stage (id),
    lane_id       TEXT NOT NULL REFERENCES lane (id),
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    text          TEXT NOT NULL,
    channel_id    TEXT REFERENCES channel (id),
    department_id TEXT REFERENCES department (id),
    persona_id    TEXT REFERENCES persona (id),
    cost          REAL,
    effect        REAL,
    notes         TEXT NOT NULL
);
CREATE INDEX card_by_cell ON card (stage_id, lane_id, position);

CREATE TABLE emotion_point (
    id         TEXT PRIMARY KEY,
    persona_id TEXT NOT NULL REFERENCES persona (id),
    stage_id   TEXT NOT NULL REFERENCES stage (id),
    x          REAL NOT NULL CHECK (x >= 0 AND x <= 1),
    score      REAL NOT NULL CHECK (score >= -2 AND score <= 2),
    quote      TEXT NOT NULL
);
CREATE INDEX emotion_point_by_persona ON emotion_point (persona_id);

CREATE TABLE kpi (
    id       TEXT PRIMARY KEY,
    stage_id TEXT NOT NULL REFERENCES stage (id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    unit     TEXT NOT NULL,
    target   REAL,
    actual   REAL,
    period   TEXT NOT NULL,
    source   TEXT NOT NULL
);
CREATE INDEX kpi_by_stage ON kpi (stage_id, position);
