//! Idle upstream connections kept for the next message.

use std::time::Duration;

use super::Connection;

/// How many idle connections a [`Pool`] keeps, and for how long.
const POOL_MAX_IDLE: usize = 64;
const POOL_IDLE_TIME: Duration = Duration::from_secs(5);

/// Idle, healthy connections to one upstream, reused for the next message so it skips the
/// connect, greeting, EHLO and QUIT round trips (Postfix's smtp connection cache does the
/// same, for 2 s by default). A connection that broke, or whose RSET failed, is never put back.
#[derive(Debug, Default)]
pub struct Pool {
    idle: std::sync::Mutex<Vec<(std::time::Instant, Connection)>>,
}

impl Pool {
    /// The most recently used idle connection, if one is fresh enough.
    pub fn take(&self) -> Option<Connection> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        idle.retain(|(since, _)| since.elapsed() < POOL_IDLE_TIME);
        idle.pop().map(|(_, conn)| conn)
    }

    /// Keeps `conn` for reuse if it is healthy and there is room; otherwise drops it.
    pub fn put(&self, conn: Connection) {
        if !conn.is_reusable() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < POOL_MAX_IDLE {
            idle.push((std::time::Instant::now(), conn));
        }
    }
}
