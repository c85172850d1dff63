-- Incidents and their review events, each a hash chain (see src/incident/store/chain.rs).
-- `record` is the exact JSON text the hash covers; the other columns are for searching and
-- are checked against it by `sentinelle incidents verify`.
CREATE TABLE IF NOT EXISTS incidents (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    reference     TEXT NOT NULL UNIQUE,
    year          INTEGER NOT NULL,
    number        INTEGER NOT NULL,
    created_at    TEXT NOT NULL,
    category      TEXT NOT NULL,
    establishment TEXT,
    record        TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL,
    UNIQUE (year, number)
);
CREATE INDEX IF NOT EXISTS incidents_created_at ON incidents (created_at);

CREATE TABLE IF NOT EXISTS reviews (
    seq           INTEGER PRIMARY KEY,
    reference     TEXT NOT NULL,
    record        TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_reference ON reviews (reference);

-- Notifications waiting for delivery (DIR04 art. 8): one row per incident and channel,
-- written in the incident's transaction, retried with backoff until delivered.
CREATE TABLE IF NOT EXISTS outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    reference       TEXT NOT NULL REFERENCES incidents (reference),
    channel         TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at    TEXT,
    last_error      TEXT,
    UNIQUE (reference, channel)
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, next_attempt_at);

-- Retention (`sentinelle incidents purge --before DATE`): what was purged, signed with
-- Ed25519, so the remaining chain still verifies from where the purged part ended. Review
-- events are kept (they hold no message data) and keep their own chain whole.
CREATE TABLE IF NOT EXISTS checkpoints (
    seq        INTEGER PRIMARY KEY,
    record     TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);
