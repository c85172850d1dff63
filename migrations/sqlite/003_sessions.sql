-- Signed-in console sessions, shared by every instance on the same store (a fleet behind a
-- load balancer keeps a user signed in whichever instance answers). The cookie's token is
-- kept only as its SHA-256, so that reading this table signs no one in; `last_seen` is in
-- Unix seconds. Removing an account removes its sessions.
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash TEXT PRIMARY KEY,
    account    TEXT NOT NULL REFERENCES console_accounts (name) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    last_seen  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS console_sessions_account ON console_sessions (account);
CREATE INDEX IF NOT EXISTS console_sessions_seen ON console_sessions (last_seen);
