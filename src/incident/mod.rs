//! Incidents: the record of every enforcement (DIR04 art. 8, 12-14), written before the
//! client gets its final reply, chained by hashes so that a changed, removed or inserted
//! record shows (`sentinelle incidents verify`).
//!
//! [`model`] is the record (never a body, a subject, an attachment name or an identifier's
//! value: findings carry redacted samples only); [`store`] is the only code that touches the
//! database.

pub mod checkpoint;
pub mod clock;
pub mod listing;
pub mod model;
pub mod notify;
pub mod report;
pub mod store;

pub use model::{Draft, Incident, Status};
pub use store::{Store, StoreError};
