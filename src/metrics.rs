//! The counters and timings `/metrics` shows, in the Prometheus text format: one registry,
//! built once at start-up and handed to the stages that count (the sessions, the checkpoint,
//! the incident record, the rules reload). Label values are fixed words only (a verdict, a
//! mode, a category, a recipient class, an outcome): never an address, a subject or
//! anything read from a message, so the metrics cannot leak patient data.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::policy::{Class, Decision, Treatment};

/// Labels: fixed words (`&'static str`), never message content.
type One = [(&'static str, &'static str); 1];
type Two = [(&'static str, &'static str); 2];

/// Sentinelle's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    messages: Family<Two, Counter>,
    refusals: Family<One, Counter>,
    recipients: Family<Two, Counter>,
    analysis: Histogram,
    ocr_seconds: Histogram,
    ocr_images: Counter,
    upstream: Family<One, Counter>,
    upstream_seconds: Histogram,
    sessions: Gauge,
    incident_writes: Family<One, Counter>,
    incident_seconds: Histogram,
    reloads: Family<One, Counter>,
    tls_handshakes: Family<One, Counter>,
    auth_failures: Counter,
    outbox_waiting: Family<One, Gauge>,
    outbox_failing: Family<One, Gauge>,
    /// Whether the last contact with the next hop failed (temporary failure: down,
    /// unreachable, timed out), and when it did, in seconds since the epoch.
    upstream_failing: AtomicBool,
    upstream_failed: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// A registry with every metric at zero.
    pub fn new() -> Metrics {
        let seconds = || Histogram::new(exponential_buckets(0.001, 2.0, 16));
        let mut metrics = Metrics {
            registry: Registry::with_prefix("sentinelle"),
            messages: Family::default(),
            refusals: Family::default(),
            recipients: Family::default(),
            analysis: seconds(),
            ocr_seconds: seconds(),
            ocr_images: Counter::default(),
            upstream: Family::default(),
            upstream_seconds: seconds(),
            sessions: Gauge::default(),
            incident_writes: Family::default(),
            incident_seconds: seconds(),
            reloads: Family::default(),
            tls_handshakes: Family::default(),
            auth_failures: Counter::default(),
            outbox_waiting: Family::default(),
            outbox_failing: Family::default(),
            upstream_failing: AtomicBool::new(false),
            upstream_failed: AtomicU64::new(0),
        };
        let r = &mut metrics.registry;
        r.register(
            "messages",
            "Messages judged, by verdict (relay, refuse, mixed) and mode",
            metrics.messages.clone(),
        );
        r.register(
            "refusals",
            "Refused recipients, by DIR04 category",
            metrics.refusals.clone(),
        );
        r.register(
            "recipients",
            "Recipients, by class and action (relay, relay_encrypted, refuse)",
            metrics.recipients.clone(),
        );
        r.register(
            "analysis_duration_seconds",
            "Time to read and judge one message (analysis, OCR, policy, preparation)",
            metrics.analysis.clone(),
        );
        r.register(
            "ocr_duration_seconds",
            "Time OCR took on one message's images (only messages whose images were read)",
            metrics.ocr_seconds.clone(),
        );
        r.register(
            "ocr_images",
            "Images handed to OCR (within the per-message budgets or refused by them)",
            metrics.ocr_images.clone(),
        );
        r.register(
            "upstream_transactions",
            "Messages handed to the next hop, by outcome (accepted, temporary, permanent)",
            metrics.upstream.clone(),
        );
        r.register(
            "upstream_duration_seconds",
            "Time spent with the next hop for one message",
            metrics.upstream_seconds.clone(),
        );
        r.register(
            "sessions_open",
            "SMTP sessions open now",
            metrics.sessions.clone(),
        );
        r.register(
            "incident_writes",
            "Incidents written to the store, by result (ok, error)",
            metrics.incident_writes.clone(),
        );
        r.register(
            "incident_write_duration_seconds",
            "Time to record one incident",
            metrics.incident_seconds.clone(),
        );
        r.register(
            "rule_reloads",
            "Rules reloads on SIGHUP, by result (ok, failed)",
            metrics.reloads.clone(),
        );
        r.register(
            "tls_handshakes",
            "TLS handshakes with SMTP clients (STARTTLS and implicit), by result (ok, failed)",
            metrics.tls_handshakes.clone(),
        );
        r.register(
            "auth_failures",
            "Failed SMTP AUTH attempts (submission mode)",
            metrics.auth_failures.clone(),
        );
        r.register(
            "outbox_waiting",
            "Notifications waiting for delivery in the shared outbox, by channel",
            metrics.outbox_waiting.clone(),
        );
        r.register(
            "outbox_failing",
            "Waiting notifications whose delivery failed at least once, by channel",
            metrics.outbox_failing.clone(),
        );
        metrics
    }

    /// One TLS handshake with a client.
    pub fn tls_handshake(&self, ok: bool) {
        let result = if ok { "ok" } else { "failed" };
        self.tls_handshakes
            .get_or_create(&[("result", result)])
            .inc();
    }

    /// One failed AUTH attempt.
    pub fn auth_failed(&self) {
        self.auth_failures.inc();
    }

    /// The outbox as read now (at each scrape): what waits and what failed, per channel.
    pub fn outbox(&self, outbox: &[crate::incident::store::Pending]) {
        const CHANNELS: [&str; 3] = ["email", "syslog", "webhook"];
        for channel in CHANNELS {
            let waiting = outbox.iter().filter(|p| p.channel == channel);
            let failing = waiting.clone().filter(|p| p.attempts > 0).count();
            let label = [("channel", channel)];
            self.outbox_waiting
                .get_or_create(&label)
                .set(waiting.count() as i64);
            self.outbox_failing
                .get_or_create(&label)
                .set(failing as i64);
        }
    }

    /// The metrics in the Prometheus text exposition format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }

    /// One message judged: its verdict, its recipients and refusals, the time it took.
    pub fn judged(
        &self,
        verdict: &'static str,
        mode: &'static str,
        decision: &Decision,
        took: Duration,
    ) {
        self.messages
            .get_or_create(&[("verdict", verdict), ("mode", mode)])
            .inc();
        for (class, treatment) in &decision.recipients {
            let action = match treatment {
                Treatment::Relay => "relay",
                Treatment::RelayEncrypted => "relay_encrypted",
                Treatment::Refuse(category) => {
                    self.refusals
                        .get_or_create(&[("category", category.as_str())])
                        .inc();
                    "refuse"
                }
            };
            self.recipients
                .get_or_create(&[("class", Class::as_str(*class)), ("action", action)])
                .inc();
        }
        self.analysis.observe(took.as_secs_f64());
    }

    /// OCR ran on a message's `images`, in `took`.
    pub fn ocr(&self, images: usize, took: Duration) {
        self.ocr_images.inc_by(images as u64);
        self.ocr_seconds.observe(took.as_secs_f64());
    }

    /// One message handed to the next hop, with the reply class it got (2, 4 or 5).
    pub fn upstream(&self, reply_class: u16, took: Duration) {
        let outcome = match reply_class {
            2 => "accepted",
            4 => "temporary",
            _ => "permanent",
        };
        self.upstream.get_or_create(&[("outcome", outcome)]).inc();
        self.upstream_seconds.observe(took.as_secs_f64());
        let failed = reply_class == 4;
        if failed {
            self.upstream_failed
                .store(epoch(SystemTime::now()), Ordering::Relaxed);
        }
        self.upstream_failing.store(failed, Ordering::Relaxed);
    }

    /// False when the last contact with the next hop within `fresh` of `now` failed and
    /// none succeeded since (a quiet server, with no recent contact, is healthy).
    pub fn upstream_healthy(&self, now: SystemTime, fresh: Duration) -> bool {
        let failed = self.upstream_failed.load(Ordering::Relaxed);
        !self.upstream_failing.load(Ordering::Relaxed)
            || epoch(now).saturating_sub(failed) > fresh.as_secs()
    }

    /// One incident write, with its result.
    pub fn incident_written(&self, ok: bool, took: Duration) {
        let result = if ok { "ok" } else { "error" };
        self.incident_writes
            .get_or_create(&[("result", result)])
            .inc();
        self.incident_seconds.observe(took.as_secs_f64());
    }

    /// One rules reload, with its result.
    pub fn reloaded(&self, ok: bool) {
        let result = if ok { "ok" } else { "failed" };
        self.reloads.get_or_create(&[("result", result)]).inc();
    }

    /// One SMTP session opened; the session is counted until the guard drops.
    pub fn session(&self) -> SessionGuard {
        self.sessions.inc();
        SessionGuard(self.sessions.clone())
    }
}

fn epoch(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Counts one open session while it lives.
#[derive(Debug)]
pub struct SessionGuard(Gauge);

impl Drop for SessionGuard {
    fn drop(&mut self) {
        self.0.dec();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metrics_follow_prometheus_names_and_count() {
        let metrics = Metrics::new();
        let session = metrics.session();
        metrics.reloaded(true);
        metrics.incident_written(false, Duration::from_millis(3));
        metrics.upstream(2, Duration::from_millis(12));
        let text = metrics.encode();
        assert!(text.contains("sentinelle_sessions_open 1"), "{text}");
        assert!(text.contains("sentinelle_rule_reloads_total{result=\"ok\"} 1"));
        assert!(text.contains("sentinelle_incident_writes_total{result=\"error\"} 1"));
        assert!(text.contains("sentinelle_upstream_transactions_total{outcome=\"accepted\"} 1"));
        assert!(text.contains("# TYPE sentinelle_analysis_duration_seconds histogram"));
        metrics.ocr(3, Duration::from_millis(900));
        let text = metrics.encode();
        assert!(text.contains("sentinelle_ocr_images_total 3"), "{text}");
        assert!(text.contains("sentinelle_ocr_duration_seconds_count 1"));
        drop(session);
        assert!(metrics.encode().contains("sentinelle_sessions_open 0"));
        let (now, minute) = (SystemTime::now(), Duration::from_secs(60));
        assert!(metrics.upstream_healthy(now, minute));
        metrics.upstream(4, Duration::from_millis(12));
        assert!(!metrics.upstream_healthy(now, minute));
        assert!(metrics.upstream_healthy(now + Duration::from_secs(120), minute));
        metrics.upstream(2, Duration::from_millis(12));
        assert!(metrics.upstream_healthy(now, minute), "a success since");
    }

    #[test]
    fn tls_auth_and_the_outbox_are_counted_by_fixed_words() {
        let metrics = Metrics::new();
        metrics.tls_handshake(true);
        metrics.tls_handshake(false);
        metrics.auth_failed();
        let pending = |channel: &str, attempts| crate::incident::store::Pending {
            id: 1,
            reference: "INC-2026-000001".into(),
            channel: channel.into(),
            attempts,
            next_attempt_at: "2026-12-07T10:00:00Z".into(),
            last_error: Some("collector down".into()),
        };
        metrics.outbox(&[
            pending("email", 0),
            pending("webhook", 2),
            pending("webhook", 0),
        ]);
        let text = metrics.encode();
        for line in [
            "sentinelle_tls_handshakes_total{result=\"ok\"} 1",
            "sentinelle_tls_handshakes_total{result=\"failed\"} 1",
            "sentinelle_auth_failures_total 1",
            "sentinelle_outbox_waiting{channel=\"webhook\"} 2",
            "sentinelle_outbox_failing{channel=\"webhook\"} 1",
            "sentinelle_outbox_waiting{channel=\"syslog\"} 0",
        ] {
            assert!(text.contains(line), "{line} missing from {text}");
        }
        assert!(!text.contains("INC-2026") && !text.contains("collector down"));
    }

    #[test]
    fn the_grafana_dashboard_names_only_metrics_that_exist() {
        let dashboard = include_str!("../contrib/grafana/sentinelle.json");
        // The registered names, as this file registers them (a family without samples
        // is not encoded, so the encoded text cannot list them all).
        let source = include_str!("metrics.rs");
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        let families: Vec<String> = code
            .split("r.register(")
            .skip(1)
            .filter_map(|rest| rest.split('"').nth(1))
            .map(|name| format!("sentinelle_{name}"))
            .collect();
        assert!(families.len() >= 15, "{families:?}");
        assert!(families.iter().all(|f| !f.contains(char::is_whitespace)));
        let mut named = 0;
        for (at, _) in dashboard.match_indices("sentinelle_") {
            let name: String = dashboard[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let family = ["_total", "_bucket"]
                .iter()
                .fold(name.as_str(), |n, suffix| {
                    n.strip_suffix(suffix).unwrap_or(n)
                });
            assert!(
                families.iter().any(|f| f == family),
                "{name} is not a metric: {families:?}"
            );
            named += 1;
        }
        assert!(named >= 11, "{named}");
    }
}
