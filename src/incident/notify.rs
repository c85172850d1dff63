//! Notifications of incidents (DIR04 art. 8: every breach reported at once to the service
//! centre): an email through the relay upstream, a syslog message (RFC 5424) and a JSON
//! webhook (ureq, rustls) for the security team's SIEM. They wait in the store's outbox, written with the incident, and are
//! retried with a doubling delay until delivered: a collector or upstream that is down loses
//! none. Their text holds the reference, category, rule, sender, recipient classes and
//! action: no patient data (the incident has none).

use std::sync::Arc;
use std::time::Duration;

use tokio::io::AsyncWriteExt;
use tokio::sync::Notify;

use super::clock;
use super::model::Incident;
use super::store::{self, Pending, Store};
use crate::action::{self, NextHop};
use crate::config::{NotificationsConfig, SyslogTarget};
use crate::envelope::Envelope;

mod format;

use format::{digest_email, email, syslog};

/// What time it is: the system clock in production; tests give their own so that a digest
/// window can end without waiting for the wall clock.
pub type Clock = Arc<dyn Fn() -> time::OffsetDateTime + Send + Sync>;

/// The system clock (UTC).
pub fn system_clock() -> Clock {
    Arc::new(time::OffsetDateTime::now_utc)
}

/// The outbox worker.
pub struct Notifier {
    /// The store holding the outbox.
    pub store: Arc<dyn Store>,
    /// Where emails go (the relay upstream), if there is one.
    pub hop: Option<NextHop>,
    /// Channels and retry delays.
    pub config: NotificationsConfig,
    /// Sentinelle's host name (syslog HOSTNAME).
    pub hostname: String,
    /// Woken when an incident was recorded.
    pub wake: Arc<Notify>,
    /// The time used for due dates and digest windows ([`system_clock`] in production).
    pub clock: Clock,
}

impl Notifier {
    /// Delivers what is due, then waits for a new incident or the next retry, forever.
    pub async fn run(self) {
        loop {
            self.deliver_due().await;
            let poll = self.config.retry_initial.min(Duration::from_secs(30));
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(poll) => {}
            }
        }
    }

    /// One pass over the due notifications.
    pub async fn deliver_due(&self) {
        let now = store::timestamp((self.clock)());
        let due = {
            let store = Arc::clone(&self.store);
            tokio::task::spawn_blocking(move || store.due(&now, 50)).await
        };
        let due = match due {
            Ok(Ok(due)) => due,
            Ok(Err(err)) => {
                tracing::warn!(error = %err, "outbox not readable");
                return;
            }
            Err(_) => return,
        };
        let (digest, single): (Vec<Pending>, Vec<Pending>) = due
            .into_iter()
            .partition(|p| p.channel == "email" && self.config.email_digest_minutes.is_some());
        for pending in single {
            let outcome = self.deliver(&pending).await;
            self.settle(&pending, outcome).await;
        }
        if let Some(minutes) = self.config.email_digest_minutes {
            let now = (self.clock)();
            // A first attempt waits for the end of its window; a retry goes when due.
            let ready: Vec<Pending> = digest
                .into_iter()
                .filter(|p| p.attempts > 0 || window_ended(&p.next_attempt_at, minutes, now))
                .collect();
            if !ready.is_empty() {
                let outcome = self.digest(&ready).await;
                for pending in &ready {
                    self.settle(pending, outcome.clone()).await;
                }
            }
        }
    }

    /// Marks a notification delivered, or failed with its next attempt.
    async fn settle(&self, pending: &Pending, outcome: Result<(), String>) {
        let store = Arc::clone(&self.store);
        let id = pending.id;
        let now = (self.clock)();
        let delay = backoff(&self.config, pending.attempts);
        let result = tokio::task::spawn_blocking(move || match outcome {
            Ok(()) => store.delivered(id, &store::timestamp(now)),
            Err(error) => store.failed(id, &error, &store::timestamp(now + delay)),
        })
        .await;
        match result {
            Ok(Ok(())) => {}
            Ok(Err(err)) => tracing::warn!(error = %err, "outbox not updated"),
            Err(_) => tracing::warn!("outbox update task failed"),
        }
    }

    /// One email for several incidents.
    async fn digest(&self, pending: &[Pending]) -> Result<(), String> {
        let mut incidents = Vec::with_capacity(pending.len());
        for p in pending {
            let store = Arc::clone(&self.store);
            let reference = p.reference.clone();
            let entry = tokio::task::spawn_blocking(move || store.get(&reference))
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?;
            incidents.push(entry.incident);
        }
        let (Some(to), Some(_)) = (&self.config.email_to, &self.hop) else {
            return Err("no service centre address or no relay upstream".into());
        };
        let message = digest_email(&incidents, &self.config.email_from, to, (self.clock)());
        let result = self.send_email(to, message).await;
        if result.is_ok() {
            tracing::info!(incidents = incidents.len(), "notification digest delivered");
        }
        result
    }

    async fn deliver(&self, pending: &Pending) -> Result<(), String> {
        let incident = {
            let store = Arc::clone(&self.store);
            let reference = pending.reference.clone();
            tokio::task::spawn_blocking(move || store.get(&reference))
                .await
                .map_err(|e| e.to_string())?
                .map_err(|e| e.to_string())?
                .incident
        };
        let result = match pending.channel.as_str() {
            "email" => self.email(&incident).await,
            "syslog" => self.syslog(&incident).await,
            "webhook" => self.webhook(&incident).await,
            other => Err(format!("unknown channel {other}")),
        };
        match &result {
            Ok(()) => tracing::info!(
                incident = %incident.reference,
                channel = %pending.channel,
                "notification delivered"
            ),
            Err(error) => tracing::warn!(
                incident = %incident.reference,
                channel = %pending.channel,
                attempts = pending.attempts + 1,
                error = %error,
                "notification not delivered, will retry"
            ),
        }
        result
    }

    async fn email(&self, incident: &Incident) -> Result<(), String> {
        let Some(to) = &self.config.email_to else {
            return Err("no service centre address".into());
        };
        let message = email(incident, &self.config.email_from, to);
        let to = to.clone();
        self.send_email(&to, message).await
    }

    /// Sends one email to the service centre through the relay upstream.
    async fn send_email(&self, to: &str, message: Vec<u8>) -> Result<(), String> {
        let Some(hop) = &self.hop else {
            return Err("no relay upstream".into());
        };
        let envelope = Envelope {
            mail_from: smtp_proto::MailFrom {
                address: self.config.email_from.clone(),
                ..Default::default()
            },
            recipients: vec![smtp_proto::RcptTo {
                address: to.to_owned(),
                ..Default::default()
            }],
        };
        let reply = action::send(&envelope, &message, hop).await;
        if reply.is_positive() {
            Ok(())
        } else {
            Err(reply.first_line())
        }
    }

    async fn syslog(&self, incident: &Incident) -> Result<(), String> {
        let Some(target) = &self.config.syslog else {
            return Err("no syslog collector configured".into());
        };
        let line = syslog(incident, &self.hostname);
        match target {
            SyslogTarget::Udp(address) => {
                let socket = tokio::net::UdpSocket::bind("0.0.0.0:0")
                    .await
                    .map_err(|e| e.to_string())?;
                socket
                    .send_to(line.as_bytes(), address)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            SyslogTarget::Tcp(address) => {
                let connect = tokio::net::TcpStream::connect(address);
                let mut stream = tokio::time::timeout(Duration::from_secs(10), connect)
                    .await
                    .map_err(|_| "connection timed out".to_owned())?
                    .map_err(|e| e.to_string())?;
                // RFC 6587 octet counting.
                let framed = format!("{} {line}", line.len());
                stream
                    .write_all(framed.as_bytes())
                    .await
                    .map_err(|e| e.to_string())?;
                stream.shutdown().await.map_err(|e| e.to_string())
            }
        }
    }
}

impl Notifier {
    /// POSTs the incident as JSON (it holds no patient data: redacted samples only).
    async fn webhook(&self, incident: &Incident) -> Result<(), String> {
        let Some(url) = self.config.webhook.clone() else {
            return Err("no webhook configured".into());
        };
        let body = serde_json::to_vec(incident).map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(move || {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .timeout_global(Some(Duration::from_secs(10)))
                .build()
                .into();
            agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(&body[..])
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())?
    }
}

/// True once the digest window (of `minutes`, aligned on the clock) holding `at` has ended.
fn window_ended(at: &str, minutes: u64, now: time::OffsetDateTime) -> bool {
    let Some(at) = clock::parse(at) else {
        return true;
    };
    let window = i64::try_from(minutes.saturating_mul(60))
        .unwrap_or(i64::MAX)
        .max(1);
    let end = (at.unix_timestamp().div_euclid(window) + 1).saturating_mul(window);
    now.unix_timestamp() >= end
}

/// The delay before attempt `attempts + 1`: doubling from `retry_initial` up to `retry_max`.
fn backoff(config: &NotificationsConfig, attempts: i64) -> time::Duration {
    let factor = 2u32.saturating_pow(u32::try_from(attempts.clamp(0, 30)).unwrap_or(30));
    let delay = config
        .retry_initial
        .saturating_mul(factor)
        .min(config.retry_max);
    time::Duration::try_from(delay).unwrap_or(time::Duration::HOUR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incident::model::{Draft, Message, Recipient, Severity, Who};

    fn incident() -> Incident {
        Incident {
            id: "0190".into(),
            reference: "INC-2026-000007".into(),
            created_at: "2026-07-01T16:00:00Z".into(),
            draft: Draft {
                category: crate::policy::draft::Cause::Refusal(
                    crate::policy::Category::ConfidentialToPublicWebmail,
                ),
                rule: "DIR04 art. 6 (4)".into(),
                severity: Severity::High,
                action: crate::policy::draft::Enforcement::Refused,
                recipients: vec![Recipient {
                    address: "x@gmail.com".into(),
                    class: crate::policy::Class::PublicWebmail,
                    action: crate::policy::draft::RecipientAction::Refuse,
                    reason: None,
                }],
                findings: vec![],
                forward_signals: vec![],
                encryption: crate::policy::EncryptionFound::None,
                unscannable: vec![],
                policy_version: "v".into(),
            },
            who: Who {
                envelope_sender: "dre.gagnon@ssss.gouv.qc.ca".into(),
                establishment: Some("CHUM \"centre\"]".into()),
                ..Who::default()
            },
            message: Message::default(),
        }
    }

    #[test]
    fn the_syslog_line_is_rfc5424_with_escaped_parameters() {
        let line = syslog(&incident(), "sentinelle.test");
        assert!(line.starts_with(
            "<35>1 2026-07-01T16:00:00Z sentinelle.test sentinelle - INCIDENT [incident@32473 "
        ));
        assert!(
            line.contains(r#"establishment="CHUM \"centre\"\]""#),
            "{line}"
        );
    }

    #[test]
    fn the_email_is_french_then_english_in_montreal_time() {
        let text = String::from_utf8(email(&incident(), "s@x.example", "c@x.example")).unwrap();
        assert!(
            text.contains(
                "Subject: [Sentinelle] INC-2026-000007 confidential_to_public_webmail\r\n"
            )
        );
        assert!(text.contains("(2026-07-01 12:00 (HAE))"));
        assert!(text.find("Catégorie").unwrap() < text.find("Category").unwrap());
        assert!(text.contains("x@gmail.com (public_webmail, refuse)"));
        let headers = &text[..text.find("\r\n\r\n").unwrap()];
        assert!(headers.is_ascii());
    }

    #[test]
    fn digest_windows_end_on_the_clock() {
        let now = time::macros::datetime!(2026-07-01 16:15 UTC);
        assert!(window_ended("2026-07-01T15:59:00Z", 15, now));
        assert!(window_ended("2026-07-01T16:14:59Z", 15, now));
        assert!(!window_ended("2026-07-01T16:15:00Z", 15, now));
        let text = String::from_utf8(digest_email(
            &[incident(), incident()],
            "s@x.example",
            "c@x.example",
            now,
        ))
        .unwrap();
        assert!(text.contains("Subject: [Sentinelle] 2 incident(s) DIR04"));
        assert!(text.contains("Date: Wed, 01 Jul 2026 16:15:00 +0000\r\n"));
        assert_eq!(
            text.matches("INC-2026-000007 2026-07-01 12:00 (HAE) confidential_to_public_webmail")
                .count(),
            2
        );
    }

    #[test]
    fn retries_double_up_to_the_maximum() {
        let config = NotificationsConfig {
            email_to: None,
            email_from: "s@x.example".into(),
            syslog: None,
            webhook: None,
            email_digest_minutes: None,
            retry_initial: Duration::from_secs(10),
            retry_max: Duration::from_secs(60),
        };
        let secs = |a| backoff(&config, a).whole_seconds();
        assert_eq!(
            [secs(0), secs(1), secs(2), secs(3), secs(40)],
            [10, 20, 40, 60, 60]
        );
    }
}
