//! The SMTP server side: one [`Session`] per connection, the only code that writes to clients.
//!
//! ESMTP (RFC 5321) with PIPELINING, SIZE, 8BITMIME, SMTPUTF8, ENHANCEDSTATUSCODES, STARTTLS,
//! AUTH PLAIN/LOGIN (under TLS, submission mode), CHUNKING/BDAT and DSN. Commands are parsed
//! by smtp-proto; framing, limits, state and TLS upgrade live here. The final reply to
//! DATA/BDAT LAST is written only after the checkpoint ([`crate::pipeline`]) decided and the
//! upstream answered.

mod auth;
mod data;
mod deadline;
mod ehlo;
mod mail;
pub mod message;
pub mod path;
mod record;
pub mod reply;
mod session;
#[cfg(test)]
mod tests;
mod transport;

use std::sync::Arc;

use ipnet::IpNet;

use crate::action::NextHop;
use crate::action::upstream::Target;
use crate::config::{Config, ListenerConfig};

pub use session::Session;
pub use transport::{TlsPeer, Transport};

/// What every session of one listener shares.
pub struct Context {
    /// The validated configuration.
    pub config: Arc<Config>,
    /// The listener the session arrived on (mode, TLS offer).
    pub listener: ListenerConfig,
    /// The TLS server configuration, if TLS is offered.
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// The rules in force (swapped whole on SIGHUP).
    pub rules: Arc<crate::rules::Live>,
    /// Where accepted mail goes.
    pub next_hop: NextHop,
    /// Submission mode: the server that checks credentials (same as the next hop).
    pub auth_target: Option<Arc<Target>>,
    /// Where incidents are recorded (before the client's final reply).
    pub incidents: Arc<dyn crate::incident::Store>,
    /// Wakes the notifier when an incident was recorded.
    pub notifier: Arc<tokio::sync::Notify>,
    /// What `/metrics` counts.
    pub metrics: Arc<crate::metrics::Metrics>,
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("listener", &self.listener)
            .finish_non_exhaustive()
    }
}

impl Context {
    /// True when `ip` is in the relay's trusted networks.
    pub fn trusts_network(&self, ip: std::net::IpAddr) -> bool {
        let ip = match ip {
            std::net::IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, std::net::IpAddr::V4),
            v4 => v4,
        };
        self.config
            .relay
            .trusted_networks
            .iter()
            .any(|net: &IpNet| net.contains(&ip))
    }

    /// True when a verified client certificate with `subject` is trusted to relay.
    pub fn trusts_certificate(&self, subject: &str) -> bool {
        let relay = &self.config.relay;
        relay.client_ca.is_some()
            && (relay.trusted_client_subjects.is_empty()
                || relay.trusted_client_subjects.iter().any(|s| s == subject))
    }
}
