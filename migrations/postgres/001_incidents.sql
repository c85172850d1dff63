-- Incidents, review events and the notification outbox, as in migrations/sqlite/.
CREATE TABLE IF NOT EXISTS incidents (
    seq           BIGINT PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    reference     TEXT NOT NULL UNIQUE,
    year          BIGINT NOT NULL,
    number        BIGINT NOT NULL,
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
    seq           BIGINT PRIMARY KEY,
    reference     TEXT NOT NULL,
    record        TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS reviews_reference ON reviews (reference);

CREATE TABLE IF NOT EXISTS outbox (
    id              BIGSERIAL PRIMARY KEY,
    reference       TEXT NOT NULL REFERENCES incidents (reference),
    channel         TEXT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
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
    seq        BIGINT PRIMARY KEY,
    record     TEXT NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);
