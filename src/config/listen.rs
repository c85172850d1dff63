//! `[[listener]]` and `[tls]`: where Sentinelle listens and with which certificate.

use std::collections::BTreeMap;
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
    /// PEM CA that signs the security team's client certificates (HTTPS only).
    pub client_ca: Option<PathBuf>,
    /// Verified client-certificate subjects (RFC 4514, as `keys`/logs print them) and the
    /// console account each one signs in as.
    pub client_accounts: BTreeMap<String, String>,
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
        if let Some(ca) = raw.client_ca.as_ref().filter(|_| !raw.tls) {
            return Err(self.invalid(
                ca.span(),
                "client_ca needs tls = true: client certificates come with HTTPS",
            ));
        }
        if !raw.client_accounts.is_empty() && raw.client_ca.is_none() {
            return Err(
                self.missing("[console] client_accounts needs client_ca (the CA that signs them)")
            );
        }
        Ok(ConsoleConfig {
            address,
            tls: raw.tls,
            client_ca: raw.client_ca.map(|ca| PathBuf::from(ca.into_inner())),
            client_accounts: raw.client_accounts,
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
