//! DATA and BDAT, and the end of a message: checks, the checkpoint ([`pipeline::check`]),
//! the incident record, the relay, one final reply.
//!
//! The final reply is written only after the upstream answered (before-queue proxy): a crash
//! or an outage before then leaves the message with the client, which retries.

use std::time::{Instant, SystemTime};

use smtp_proto::request::receiver::{BdatReceiver, DataReceiver};

use super::message::{self, Malformed};
use super::reply::{self, Reply};
use super::session::{Flow, Session, State};
use crate::action;
use crate::analysis;
use crate::pipeline;
use crate::shutdown::Phase;

use super::transport::Transport;

impl<S: Transport> Session<S> {
    pub(super) fn data(&mut self) -> Flow {
        let Some(envelope) = &self.tx.envelope else {
            return self.error(&reply::NEED_MAIL);
        };
        if envelope.recipients.is_empty() {
            return self.error(&reply::NEED_RCPT);
        }
        if self.tx.bdat_used {
            return self.error(&reply::MIXED_DATA_BDAT);
        }
        // Reserve what the client announced (SIZE), within the limit, to avoid regrowing.
        let announced = envelope.mail_from.size;
        let reserve = if announced > 0 { announced } else { 64 * 1024 };
        let reserve = reserve.min(self.ctx.config.limits.max_message_size);
        let mut receiver = DataReceiver::new();
        // smtp-proto's receiver starts as if mid-line; feed it the CRLF that ended the DATA
        // command so a first line "." ends the message and a first ".." is un-stuffed.
        let mut scratch = Vec::new();
        receiver.ingest(&mut b"\r\n".iter(), &mut scratch);
        self.tx.message.clear();
        self.tx.message.reserve(reserve);
        self.tx.oversize = false;
        self.state = State::Data(receiver);
        self.start_transfer();
        self.reply(&reply::start_data());
        Flow::Continue
    }

    pub(super) async fn bdat(&mut self, chunk_size: usize, is_last: bool) -> Flow {
        // The chunk is read whatever happens (RFC 3030 §2: the octets follow the command).
        self.state = State::Bdat(BdatReceiver::new(chunk_size, is_last));
        self.start_transfer();
        let no_recipients = self
            .tx
            .envelope
            .as_ref()
            .is_none_or(|e| e.recipients.is_empty());
        if no_recipients {
            // Read and drop the chunk, then refuse it.
            self.tx.oversize = true;
        } else {
            self.tx.bdat_used = true;
        }
        if self.tx.message.len().saturating_add(chunk_size)
            > self.ctx.config.limits.max_message_size
        {
            self.tx.oversize = true;
            self.tx.message.clear();
        }
        if chunk_size == 0 {
            // No octets follow (RFC 3030 §2: `BDAT 0 LAST` ends the message): answer now
            // rather than wait for input that will not come.
            return self.end_of_chunk().await;
        }
        Flow::Continue
    }

    pub(super) async fn end_of_chunk(&mut self) -> Flow {
        let State::Bdat(receiver) = &self.state else {
            return Flow::Continue;
        };
        let is_last = receiver.is_last;
        let size = self.tx.message.len();
        self.state = State::Command;
        if self
            .tx
            .envelope
            .as_ref()
            .is_none_or(|e| e.recipients.is_empty())
        {
            self.tx.message.clear();
            self.tx.oversize = false;
            self.tx.transfer = None;
            return self.error(&reply::NEED_RCPT);
        }
        if !is_last {
            if self.tx.oversize {
                self.reply(&reply::TOO_BIG);
            } else {
                self.reply(&reply::chunk_received(size));
            }
            return Flow::Continue;
        }
        self.end_of_message().await
    }

    pub(super) async fn end_of_data(&mut self) -> Flow {
        self.state = State::Command;
        self.end_of_message().await
    }

    /// The whole message is in: check it, decide, act, and give the one final reply.
    async fn end_of_message(&mut self) -> Flow {
        let started = Instant::now();
        let Some(envelope) = self.tx.envelope.take() else {
            return self.error(&reply::NEED_MAIL);
        };
        let raw = std::mem::take(&mut self.tx.message);
        let oversize = std::mem::replace(&mut self.tx.oversize, false);
        self.tx.bdat_used = false;
        self.tx.transfer = None;
        if oversize {
            tracing::info!("message over the size limit refused");
            self.reply(&reply::TOO_BIG);
            return Flow::Continue;
        }
        match message::check(&raw, self.ctx.config.limits.max_header_line) {
            Ok(()) => {}
            Err(Malformed::BareNewline) => {
                tracing::warn!(
                    size = raw.len(),
                    "bare CR or LF in message: refused, closing"
                );
                self.reply(&reply::BARE_NEWLINE);
                return Flow::Close;
            }
            Err(Malformed::HeaderLineTooLong) => {
                tracing::info!(size = raw.len(), "header line too long: refused");
                self.reply(&reply::HEADER_LINE_TOO_LONG);
                return Flow::Continue;
            }
        }
        // The checkpoint reads the whole message (attachments included, up to the analysis
        // time limit) and may encrypt it: it runs on the blocking pool, not on a session
        // thread, with the rules in force now.
        let rules = self.ctx.rules.current();
        let hostname = self.ctx.config.hostname.clone();
        let facts = self.facts.clone();
        let metrics = std::sync::Arc::clone(&self.ctx.metrics);
        // Its log lines keep the session's span and subscriber.
        let span = tracing::Span::current();
        let dispatch = tracing::dispatcher::get_default(Clone::clone);
        let checked = tokio::task::spawn_blocking(move || {
            tracing::dispatcher::with_default(&dispatch, || {
                span.in_scope(|| {
                    let input = pipeline::Input {
                        envelope: &envelope,
                        raw: &raw,
                        facts: &facts,
                        now: SystemTime::now(),
                    };
                    let judging = std::time::Instant::now();
                    let checked = pipeline::check(&input, &rules, &hostname);
                    let verdict = checked.plan.label();
                    metrics.judged(
                        verdict,
                        facts.mode.as_str(),
                        &checked.decision,
                        judging.elapsed(),
                    );
                    if let Some((images, took)) =
                        checked.reading.content.as_ref().and_then(|c| c.ocr)
                    {
                        metrics.ocr(images, took);
                    }
                    (checked.plan, checked.reading.headers, envelope, raw)
                })
            })
        })
        .await;
        let Ok((plan, headers, envelope, raw)) = checked else {
            // The checkpoint failed (a bug, not the input's fault): the client keeps the
            // message and retries.
            tracing::error!("checkpoint failed: temporary failure, the client will retry");
            self.reply(&reply::LOCAL_ERROR);
            return Flow::Continue;
        };
        // Every enforcement is on record before anything is relayed or answered.
        let plan = match self.record(plan, &envelope, &raw, &headers).await {
            Ok(plan) => plan,
            Err(reply) => {
                self.reply(&reply);
                return Flow::Continue;
            }
        };
        let trace = message::received_header(
            &self.facts,
            &self.ctx.config.hostname,
            self.esmtp,
            SystemTime::now(),
        );
        // Earlier pipelined replies go out before the (possibly long) upstream exchange.
        if self.flush().await.is_err() {
            return Flow::Close;
        }
        let mut shutdown = self.shutdown.clone();
        let outcome = tokio::select! {
            outcome = action::execute(
                &plan,
                &envelope,
                &trace,
                &raw,
                &self.ctx.next_hop,
                &mut self.upstream,
            ) => outcome,
            () = shutdown.reached(Phase::Closing) => {
                // The client has no final reply: the message stays with it.
                tracing::warn!("shutdown deadline reached during relay: client will retry");
                self.reply(&reply::SHUTTING_DOWN);
                return Flow::Close;
            }
        };
        let relayed = plan
            .actions
            .iter()
            .any(|a| !matches!(a, action::Action::Refuse(_)));
        if relayed {
            let class = match outcome.reply.grade() {
                reply::Grade::Positive => 2,
                reply::Grade::Transient => 4,
                reply::Grade::Permanent => 5,
            };
            let took = std::time::Duration::from_millis(
                outcome.upstream_ms.try_into().unwrap_or(u64::MAX),
            );
            self.ctx.metrics.upstream(class, took);
        }
        self.log_outcome(
            &raw,
            &headers,
            &envelope,
            plan.label(),
            &outcome.reply,
            started,
            outcome.upstream_ms,
        );
        self.reply(&outcome.reply);
        Flow::Continue
    }

    /// Records the plan's incident, if any, and puts its reference in the refusals. A
    /// store that cannot be written is a temporary failure: the client keeps the message.
    async fn record(
        &self,
        mut plan: action::Plan,
        envelope: &crate::envelope::Envelope,
        raw: &[u8],
        headers: &analysis::HeaderFacts,
    ) -> Result<action::Plan, Reply> {
        let Some(draft) = plan.incident.take() else {
            return Ok(plan);
        };
        let message = crate::incident::model::Message {
            message_id: headers.message_id.clone(),
            size: raw.len(),
            sha256: {
                use sha2::Digest as _;
                crate::incident::store::chain::hex(&sha2::Sha256::digest(raw))
            },
        };
        let reference = self
            .record_incident(draft, envelope.sender(), headers.from.clone(), message)
            .await?;
        for action in &mut plan.actions {
            if let action::Action::Refuse(reply) = action
                && reply.grade() == reply::Grade::Permanent
            {
                *reply = reply.with_reference(&reference);
            }
        }
        Ok(plan)
    }

    #[allow(clippy::too_many_arguments)]
    fn log_outcome(
        &self,
        raw: &[u8],
        headers: &analysis::HeaderFacts,
        envelope: &crate::envelope::Envelope,
        decision: &str,
        reply: &Reply,
        started: Instant,
        upstream_ms: u128,
    ) {
        tracing::info!(
            size = raw.len(),
            msgid_hash = headers.message_id_hash.as_deref().unwrap_or("-"),
            recipients = envelope.recipients.len(),
            decision,
            reply = reply.code,
            upstream_ms,
            total_ms = started.elapsed().as_millis(),
            "message"
        );
    }
}
