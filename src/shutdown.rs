//! The shutdown signal, in two phases: drain (stop accepting, let transactions in flight
//! finish) and close (the grace deadline passed: every session says 421 and closes).
//!
//! A session that is told to close before its final reply to DATA leaves the message with
//! the client, which retries: nothing is lost.

use tokio::sync::watch;

/// Where the server is in its shutdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Normal operation.
    Running,
    /// No new connections; idle sessions close with 421, transactions in flight finish.
    Draining,
    /// The grace deadline passed: every session closes with 421 now.
    Closing,
}

/// The sending half, held by the server.
#[derive(Debug)]
pub struct Trigger {
    tx: watch::Sender<Phase>,
}

/// The receiving half, cloned into every session.
#[derive(Debug, Clone)]
pub struct Shutdown {
    rx: watch::Receiver<Phase>,
}

/// A new shutdown pair in the running phase.
pub fn channel() -> (Trigger, Shutdown) {
    let (tx, rx) = watch::channel(Phase::Running);
    (Trigger { tx }, Shutdown { rx })
}

impl Trigger {
    /// Moves to `phase` (never backwards).
    pub fn set(&self, phase: Phase) {
        self.tx.send_if_modified(|current| {
            if phase > *current {
                *current = phase;
                true
            } else {
                false
            }
        });
    }
}

impl Shutdown {
    /// The current phase.
    pub fn phase(&self) -> Phase {
        *self.rx.borrow()
    }

    /// Resolves once the phase is at least `phase`. Never resolves if the trigger is dropped early.
    pub async fn reached(&mut self, phase: Phase) {
        if self.rx.wait_for(|current| *current >= phase).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn phases_only_move_forward() {
        let (trigger, mut shutdown) = channel();
        assert_eq!(shutdown.phase(), Phase::Running);
        trigger.set(Phase::Closing);
        trigger.set(Phase::Draining);
        assert_eq!(shutdown.phase(), Phase::Closing);
        shutdown.reached(Phase::Draining).await;
    }
}
