-- The security team's console accounts (`sentinelle console user ...`). Passwords are
-- Argon2id PHC strings; `failures` and `locked_until` lock an account after repeated wrong
-- passwords, shared by every instance on the same store.
CREATE TABLE IF NOT EXISTS console_accounts (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    failures      BIGINT NOT NULL DEFAULT 0,
    locked_until  TEXT
);

-- What the console filters and sorts on that the chained record holds inside its JSON:
-- derived from it (and the latest review) when recorded, filled in for older incidents at
-- start-up, never chained itself. Removed with its incident.
CREATE TABLE IF NOT EXISTS facets (
    seq      BIGINT PRIMARY KEY REFERENCES incidents (seq) ON DELETE CASCADE,
    severity TEXT NOT NULL,
    status   TEXT NOT NULL,
    sender   TEXT NOT NULL,
    classes  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facets_status ON facets (status, seq);
CREATE INDEX IF NOT EXISTS incidents_category ON incidents (category, seq);

-- Who looked at what in the console (DIR04 art. 12: the ministry may ask who looked):
-- every view of an incident, every export and every action, a hash chain like the reviews.
CREATE TABLE IF NOT EXISTS access_log (
    seq           BIGINT PRIMARY KEY,
    record        TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL
);
