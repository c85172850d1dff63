//! Deadlines for reading from a client: a whole command line within `[timeouts] command`
//! of the wait for it; a message transfer (DATA, or every BDAT chunk of a transaction)
//! within `data_total`, at `min_data_rate` on average once past `data_rate_grace`, with at
//! most `data` between two reads. Deadlines, not per-read waits, so a client trickling a
//! byte at a time cannot hold a session (slowloris).

use std::time::Duration;

use tokio::time::Instant;

use super::reply::{self, Reply};
use super::session::{Session, State};

/// A message transfer in progress: since when, and how many octets came.
#[derive(Debug, Clone, Copy)]
pub(super) struct Transfer {
    pub(super) started: Instant,
    pub(super) octets: u64,
}

/// The limit a read is bounded by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limit {
    /// The whole command line (`[timeouts] command`).
    Command,
    /// The wait for the next block of message data (`data`).
    Data,
    /// The whole message transfer (`data_total`).
    DataTotal,
    /// The transfer's average rate past the grace period (`min_data_rate`).
    MinDataRate,
}

impl Limit {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Limit::Command => "command",
            Limit::Data => "data",
            Limit::DataTotal => "data_total",
            Limit::MinDataRate => "min_data_rate",
        }
    }

    pub(super) fn reply(self) -> Reply {
        match self {
            Limit::Command | Limit::Data => reply::TIMEOUT,
            Limit::DataTotal | Limit::MinDataRate => reply::TRANSFER_TOO_SLOW,
        }
    }
}

use super::transport::Transport;

impl<S: Transport> Session<S> {
    /// The instant the next read must complete by, and which limit that is: the command
    /// line's deadline or, in DATA/BDAT, the wait for the next block; during a transfer also
    /// its total deadline and the time by which its octets would fall under the minimum rate.
    pub(super) fn read_deadline(&mut self) -> (Instant, Limit) {
        let now = Instant::now();
        let timeouts = &self.ctx.config.timeouts;
        let mut limit = match self.state {
            State::Data(_) | State::Bdat(_) => (now + timeouts.data, Limit::Data),
            State::Command | State::Sasl(_) => (
                *self.line_deadline.get_or_insert(now + timeouts.command),
                Limit::Command,
            ),
        };
        let Some(transfer) = self.tx.transfer else {
            return limit;
        };
        let total = transfer.started + timeouts.data_total;
        if total < limit.0 {
            limit = (total, Limit::DataTotal);
        }
        let rate = self.ctx.config.limits.min_data_rate;
        // At `rate` octets a second past the grace period, the octets received so far last
        // until this instant (none when it is too far away to matter).
        let by = Duration::try_from_secs_f64(transfer.octets as f64 / rate.max(1) as f64)
            .ok()
            .and_then(|earned| {
                transfer
                    .started
                    .checked_add(timeouts.data_rate_grace + earned)
            });
        if let Some(by) = by.filter(|by| rate > 0 && *by < limit.0) {
            limit = (by, Limit::MinDataRate);
        }
        limit
    }

    /// Starts timing a message transfer (DATA, or the first BDAT of a transaction).
    pub(super) fn start_transfer(&mut self) {
        if self.tx.transfer.is_none() {
            self.tx.transfer = Some(Transfer {
                started: Instant::now(),
                octets: 0,
            });
        }
    }
}
