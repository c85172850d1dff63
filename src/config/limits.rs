//! `[limits]`, `[timeouts]` and `[analysis]`: every bound, checked against one table of
//! ranges ([`bounds`]); each default is written once, in the `Default` implementations.

use std::time::Duration;

use toml::Spanned;

use super::ConfigError;
use super::raw;
use super::validate::Checker;

/// Every limit, each overridable from `[limits]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionLimits {
    /// Largest message accepted, in bytes (SIZE; default 35 MB).
    pub max_message_size: usize,
    /// Recipients per transaction.
    pub max_recipients: usize,
    /// Longest command line, CRLF included (at most 4096).
    pub max_command_line: usize,
    /// Longest header line, CRLF excluded (RFC 5322 §2.1.1: 998).
    pub max_header_line: usize,
    /// Concurrent sessions overall.
    pub max_sessions: usize,
    /// Concurrent sessions per client address.
    pub max_sessions_per_client: usize,
    /// AUTH failures before the session is closed.
    pub max_auth_failures: u32,
    /// Delay before answering a failed AUTH, multiplied by the failure count.
    pub auth_failure_delay: Duration,
    /// Protocol errors before the session is closed.
    pub max_errors: u32,
    /// Slowest DATA/BDAT transfer accepted past `data_rate_grace`, in bytes per second
    /// (0: no minimum). Postfix's `smtpd_min_data_rate` is 500.
    pub min_data_rate: u64,
}

impl Default for SessionLimits {
    fn default() -> Self {
        SessionLimits {
            max_message_size: 35 * 1024 * 1024,
            max_recipients: 100,
            max_command_line: 2048,
            max_header_line: 998,
            max_sessions: 1000,
            max_sessions_per_client: 100,
            max_auth_failures: 3,
            auth_failure_delay: Duration::from_secs(1),
            max_errors: 20,
            min_data_rate: 500,
        }
    }
}

/// Timeouts (RFC 5321 §4.5.3.2 for the server side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeouts {
    /// Waiting for the next command.
    pub command: Duration,
    /// Waiting for the next block of message data.
    pub data: Duration,
    /// The whole message transfer, from DATA (or the first BDAT) to its end.
    pub data_total: Duration,
    /// How long a transfer may run before `min_data_rate` applies.
    pub data_rate_grace: Duration,
    /// TLS handshake.
    pub tls_handshake: Duration,
    /// How long sessions in flight may finish after a shutdown signal.
    pub shutdown_grace: Duration,
    /// Connecting to the upstream (TCP, greeting, EHLO, STARTTLS).
    pub upstream_connect: Duration,
    /// Each upstream command reply.
    pub upstream_command: Duration,
    /// The upstream's reply to the end of data.
    pub upstream_data: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            command: Duration::from_secs(300),
            data: Duration::from_secs(180),
            data_total: Duration::from_secs(600),
            data_rate_grace: Duration::from_secs(30),
            tls_handshake: Duration::from_secs(30),
            shutdown_grace: Duration::from_secs(30),
            upstream_connect: Duration::from_secs(30),
            upstream_command: Duration::from_secs(120),
            upstream_data: Duration::from_secs(300),
        }
    }
}

/// The accepted range of every count in the file, in one table: `(name, min, max)`.
pub(super) mod bounds {
    /// A setting's name and its accepted range.
    pub struct Bound(pub &'static str, pub u64, pub u64);

    pub const MAX_MESSAGE_SIZE: Bound = Bound("max_message_size", 1024, 1 << 32);
    pub const MAX_RECIPIENTS: Bound = Bound("max_recipients", 1, 10_000);
    pub const MAX_COMMAND_LINE: Bound = Bound("max_command_line", 512, 4096);
    pub const MAX_HEADER_LINE: Bound = Bound("max_header_line", 78, 1 << 20);
    pub const MAX_SESSIONS: Bound = Bound("max_sessions", 1, 100_000);
    pub const MAX_SESSIONS_PER_CLIENT: Bound = Bound("max_sessions_per_client", 1, 100_000);
    pub const MAX_AUTH_FAILURES: Bound = Bound("max_auth_failures", 1, 100);
    pub const AUTH_FAILURE_DELAY_MS: Bound = Bound("auth_failure_delay_ms", 0, 60_000);
    pub const MAX_ERRORS: Bound = Bound("max_errors", 1, 1000);
    pub const MIN_DATA_RATE: Bound = Bound("min_data_rate", 0, 1 << 30);
    pub const MAX_MIME_DEPTH: Bound = Bound("max_mime_depth", 1, 100);
    pub const MAX_PARTS: Bound = Bound("max_parts", 1, 1_000_000);
    pub const MAX_EXPANDED_BYTES: Bound = Bound("max_expanded_bytes", 1024, 1 << 34);
    pub const MAX_ARCHIVE_DEPTH: Bound = Bound("max_archive_depth", 0, 10);
    pub const MAX_EXPANSION_RATIO: Bound = Bound("max_expansion_ratio", 2, 100_000);
    pub const THREADS: Bound = Bound("threads", 1, 16);
    pub const IMAGE_MIN_PIXELS: Bound = Bound("image_min_pixels", 0, 1 << 24);
    pub const OCR_MAX_IMAGES: Bound = Bound("ocr_max_images", 0, 1000);
    pub const OCR_MAX_PIXELS: Bound = Bound("ocr_max_pixels", 1 << 16, 1 << 34);
    pub const EMAIL_DIGEST_MINUTES: Bound = Bound("email_digest_minutes", 1, 1440);
}

use bounds::Bound;

impl Checker<'_> {
    pub(super) fn limits(&self, raw: raw::RawLimits) -> Result<SessionLimits, ConfigError> {
        let d = SessionLimits::default();
        let count = |value, default: usize, bound| self.bounded(value, default as u64, bound);
        let delay = u64::try_from(d.auth_failure_delay.as_millis()).unwrap_or(u64::MAX);
        Ok(SessionLimits {
            max_message_size: count(
                raw.max_message_size,
                d.max_message_size,
                &bounds::MAX_MESSAGE_SIZE,
            )?,
            max_recipients: count(
                raw.max_recipients,
                d.max_recipients,
                &bounds::MAX_RECIPIENTS,
            )?,
            max_command_line: count(
                raw.max_command_line,
                d.max_command_line,
                &bounds::MAX_COMMAND_LINE,
            )?,
            max_header_line: count(
                raw.max_header_line,
                d.max_header_line,
                &bounds::MAX_HEADER_LINE,
            )?,
            max_sessions: count(raw.max_sessions, d.max_sessions, &bounds::MAX_SESSIONS)?,
            max_sessions_per_client: count(
                raw.max_sessions_per_client,
                d.max_sessions_per_client,
                &bounds::MAX_SESSIONS_PER_CLIENT,
            )?,
            max_auth_failures: self.bounded(
                raw.max_auth_failures,
                d.max_auth_failures.into(),
                &bounds::MAX_AUTH_FAILURES,
            )? as u32,
            auth_failure_delay: Duration::from_millis(self.bounded(
                raw.auth_failure_delay_ms,
                delay,
                &bounds::AUTH_FAILURE_DELAY_MS,
            )? as u64),
            max_errors: self.bounded(raw.max_errors, d.max_errors.into(), &bounds::MAX_ERRORS)?
                as u32,
            min_data_rate: self.bounded(
                raw.min_data_rate,
                d.min_data_rate,
                &bounds::MIN_DATA_RATE,
            )? as u64,
        })
    }

    /// A count from the file, checked against its bound, or `default` when absent.
    pub(super) fn bounded(
        &self,
        value: Option<Spanned<u64>>,
        default: u64,
        Bound(what, min, max): &Bound,
    ) -> Result<usize, ConfigError> {
        let value = match value {
            None => {
                return usize::try_from(default)
                    .map_err(|_| self.missing(format!("{what}: default too large")));
            }
            Some(v) => v,
        };
        if !(*min..=*max).contains(value.get_ref()) {
            return Err(self.invalid(
                value.span(),
                format!("{what} must be between {min} and {max}"),
            ));
        }
        usize::try_from(*value.get_ref()).map_err(|_| self.invalid(value.span(), "too large"))
    }

    pub(super) fn analysis(
        &self,
        raw: &raw::RawAnalysis,
    ) -> Result<crate::analysis::Limits, ConfigError> {
        let d = crate::analysis::Limits::default();
        let count = |value, default: usize, bound| self.bounded(value, default as u64, bound);
        let time_limit = match raw.time_limit.clone() {
            None => d.time_limit,
            Some(v) if v.get_ref().is_finite() && (0.01..=600.0).contains(v.get_ref()) => {
                Some(Duration::from_secs_f64(*v.get_ref()))
            }
            Some(v) => {
                return Err(self.invalid(
                    v.span(),
                    "time_limit is a number of seconds between 0.01 and 600",
                ));
            }
        };
        Ok(crate::analysis::Limits {
            max_mime_depth: count(
                raw.max_mime_depth.clone(),
                d.max_mime_depth,
                &bounds::MAX_MIME_DEPTH,
            )?,
            max_parts: count(raw.max_parts.clone(), d.max_parts, &bounds::MAX_PARTS)?,
            max_expanded_bytes: count(
                raw.max_expanded_bytes.clone(),
                d.max_expanded_bytes,
                &bounds::MAX_EXPANDED_BYTES,
            )?,
            max_archive_depth: count(
                raw.max_archive_depth.clone(),
                d.max_archive_depth,
                &bounds::MAX_ARCHIVE_DEPTH,
            )?,
            max_expansion_ratio: count(
                raw.max_expansion_ratio.clone(),
                d.max_expansion_ratio,
                &bounds::MAX_EXPANSION_RATIO,
            )?,
            time_limit,
            threads: count(raw.threads.clone(), d.threads, &bounds::THREADS)?,
            image_min_pixels: count(
                raw.image_min_pixels.clone(),
                d.image_min_pixels as usize,
                &bounds::IMAGE_MIN_PIXELS,
            )? as u64,
        })
    }

    pub(super) fn timeouts(&self, raw: raw::RawTimeouts) -> Result<Timeouts, ConfigError> {
        let d = Timeouts::default();
        let pick = |value: Option<Spanned<f64>>, default: Duration| match value {
            None => Ok(default),
            Some(v)
                if v.get_ref().is_finite() && *v.get_ref() > 0.0 && *v.get_ref() <= 86_400.0 =>
            {
                Ok(Duration::from_secs_f64(*v.get_ref()))
            }
            Some(v) => Err(self.invalid(
                v.span(),
                "a timeout is a number of seconds between 0 and 86400",
            )),
        };
        Ok(Timeouts {
            command: pick(raw.command, d.command)?,
            data: pick(raw.data, d.data)?,
            data_total: pick(raw.data_total, d.data_total)?,
            data_rate_grace: pick(raw.data_rate_grace, d.data_rate_grace)?,
            tls_handshake: pick(raw.tls_handshake, d.tls_handshake)?,
            shutdown_grace: pick(raw.shutdown_grace, d.shutdown_grace)?,
            upstream_connect: pick(raw.upstream_connect, d.upstream_connect)?,
            upstream_command: pick(raw.upstream_command, d.upstream_command)?,
            upstream_data: pick(raw.upstream_data, d.upstream_data)?,
        })
    }
}
