//! `[[listener]]` and `[tls]`: where Sentinelle listens and with which certificate.

use std::net::SocketAddr;
use std::path::PathBuf;

use super::ConfigError;
use super::raw;
use super::validate::Checker;
use crate::envelope::Mode;

/// How a listener offers TLS (`tls = "none" | "starttls" | "implicit"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListenerTls {
    /// Plain SMTP, no STARTTLS offered (loopback or tests only).
    None,
    /// STARTTLS offered (ports 25 and 587): the default.
    #[default]
    #[serde(rename = "starttls")]
    StartTls,
    /// TLS from the first byte (port 465, RFC 8314).
    Implicit,
}

/// One address to listen on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerConfig {
    /// Socket address to bind.
    pub address: SocketAddr,
    /// Relay or submission.
    pub mode: Mode,
    /// TLS offer.
    pub tls: ListenerTls,
}

/// TLS server certificate.
#[derive(Debug, Clone)]
pub struct TlsConfig {
    /// PEM certificate chain.
    pub cert: PathBuf,
    /// PEM private key.
    pub key: PathBuf,
    /// Generate a throwaway self-signed pair when both files are absent.
    pub generate_if_missing: bool,
}

/// The admin listener (`[console]`): the security team's console, `/metrics`, `/healthz`
/// and `/readyz`. Off unless an address is given (the embedded default gives loopback).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsoleConfig {
    /// Where the admin listener binds.
    pub address: Option<SocketAddr>,
    /// Serve it over HTTPS with the `[tls]` certificate (cookies then marked Secure).
    pub tls: bool,
}

impl Checker<'_> {
    pub(super) fn console(&self, raw: raw::RawConsole) -> Result<ConsoleConfig, ConfigError> {
        let address = raw
            .address
            .map(|a| {
                a.get_ref().parse::<SocketAddr>().map_err(|_| {
                    self.invalid(a.span(), "address must be IP:port, like \"127.0.0.1:8025\"")
                })
            })
            .transpose()?;
        Ok(ConsoleConfig {
            address,
            tls: raw.tls,
        })
    }

    pub(super) fn listener(&self, raw: raw::RawListener) -> Result<ListenerConfig, ConfigError> {
        let address = raw.address.get_ref().parse::<SocketAddr>().map_err(|_| {
            self.invalid(
                raw.address.span(),
                "address must be IP:port, like \"127.0.0.1:2525\"",
            )
        })?;
        Ok(ListenerConfig {
            address,
            mode: raw.mode,
            tls: raw.tls,
        })
    }
}
