//! MAIL FROM and RCPT TO: who may start a transaction (never an open relay), the submission
//! sender rule (DIR04 art. 6 (2)), SIZE, the recipient limit, paths as written and routing
//! forms in recipients.

use smtp_proto::{MAIL_BODY_BINARYMIME, MailFrom, RcptTo};

use super::path;
use super::reply;
use super::session::{Flow, Session};
use crate::envelope::{Envelope, Mode};

use super::transport::Transport;

impl<S: Transport> Session<S> {
    /// MAIL FROM. `line` is the command as received: the reverse-path is taken from it as
    /// written (a quoted local part keeps its quotes), without any source route.
    pub(super) async fn mail(&mut self, mut from: MailFrom<String>, line: &[u8]) -> Flow {
        if !self.greeted {
            return self.error(&reply::NEED_HELO);
        }
        if self.tx.envelope.is_some() {
            return self.error(&reply::NESTED_MAIL);
        }
        let Some(raw_path) = path::forward_path(line) else {
            return self.error(&reply::BAD_SENDER_ADDRESS);
        };
        from.address = path::without_source_route(raw_path).to_owned();
        match self.ctx.listener.mode {
            Mode::Relay if !self.trusted => {
                tracing::info!("relay attempt from an untrusted client refused");
                return self.error(&reply::RELAY_DENIED);
            }
            Mode::Relay => {}
            Mode::Submission => {
                let Some(account) = self.facts.authenticated_as.as_deref() else {
                    return self.error(&reply::AUTH_REQUIRED);
                };
                let rules = self.ctx.rules.current();
                if !rules.sender.allows(account, &from.address) {
                    tracing::info!("envelope sender is not the authenticated account's");
                    // DIR04 art. 6 (2): on record before the refusal, named in it.
                    let draft = crate::incident::model::Draft::sender_not_corporate(
                        Vec::new(),
                        rules.version.clone(),
                    );
                    let recorded = self
                        .record_incident(draft, &from.address, Vec::new(), Default::default())
                        .await;
                    return match recorded {
                        Ok(reference) => {
                            self.error(&reply::SENDER_NOT_ACCOUNT.with_reference(&reference))
                        }
                        Err(temporary) => self.error(&temporary),
                    };
                }
            }
        }
        if from.flags & MAIL_BODY_BINARYMIME != 0 {
            return self.error(&reply::UNSUPPORTED_PARAMETER);
        }
        if from.size > self.ctx.config.limits.max_message_size {
            self.reply(&reply::TOO_BIG);
            return Flow::Continue;
        }
        self.tx.envelope = Some(Envelope {
            mail_from: from,
            recipients: Vec::new(),
        });
        self.reply(&reply::SENDER_OK);
        Flow::Continue
    }

    /// RCPT TO. `line` is the command as received: the path is taken from it, not from
    /// smtp-proto's unquoted form, and routing forms are refused ([`path`]).
    pub(super) fn rcpt(&mut self, mut to: RcptTo<String>, line: &[u8]) -> Flow {
        let max = self.ctx.config.limits.max_recipients;
        if self.tx.envelope.is_none() {
            return self.error(&reply::NEED_MAIL);
        }
        let Some(raw_path) = path::forward_path(line).filter(|p| !p.is_empty()) else {
            return self.error(&reply::BAD_RECIPIENT_ADDRESS);
        };
        if let Some(form) = path::routing(raw_path) {
            tracing::info!(
                form = form.as_str(),
                "recipient with explicit routing refused"
            );
            return self.error(&reply::ROUTED_RECIPIENT);
        }
        // Relayed and judged exactly as the client wrote it (a quoted local part keeps its quotes).
        to.address = raw_path.to_owned();
        let Some(envelope) = self.tx.envelope.as_mut() else {
            return self.error(&reply::NEED_MAIL);
        };
        if envelope.recipients.len() >= max {
            self.reply(&reply::TOO_MANY_RECIPIENTS);
            return Flow::Continue;
        }
        envelope.recipients.push(to);
        self.reply(&reply::RECIPIENT_OK);
        Flow::Continue
    }
}
