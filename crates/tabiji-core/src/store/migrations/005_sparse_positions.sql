-- Schema 5: positions are sparse. They need only be distinct within a list, their order being
-- the list's order, so that a move or an insert writes one row (see store/ordered.rs). Schema 4
-- and older required 0, 1, … n−1, and refuse such a file as newer rather than as damaged.
-- The dense positions of an older file are spread 1024 apart, leaving room between neighbours.
UPDATE stage SET position = position * 1024;
UPDATE lane SET position = position * 1024;
UPDATE channel SET position = position * 1024;
UPDATE department SET position = position * 1024;
UPDATE org_persona SET position = position * 1024;
UPDATE persona SET position = position * 1024;
UPDATE card SET position = position * 1024;
UPDATE kpi SET position = position * 1024;
