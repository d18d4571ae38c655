-- Schema 4: the dots each card received in the latest dot vote of a workshop.
ALTER TABLE card ADD COLUMN votes INTEGER NOT NULL DEFAULT 0;
