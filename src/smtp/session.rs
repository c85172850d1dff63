//! One SMTP session: reading and framing, the state machine, replies, timeouts, STARTTLS and
//! shutdown. Per-verb handling lives in the sibling files.
//! Reads are bounded by deadlines (whole command line, message transfer): see `deadline`.

use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use smtp_proto::request::receiver::{BdatReceiver, DataReceiver};
use smtp_proto::{Error as ProtoError, Request};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::time::{Instant, timeout, timeout_at};

use super::Context;
use super::auth::Sasl;
use super::deadline::Transfer;
use super::reply::{self, Reply};
use super::transport::Transport;
use crate::action::UpstreamSession;
use crate::config::ListenerTls;
use crate::envelope::{Envelope, SessionFacts};
use crate::shutdown::{Phase, Shutdown};
use crate::stream::Stream;

const READ_BUFFER: usize = 16 * 1024;

/// What the session is reading.
pub(super) enum State {
    /// Command lines.
    Command,
    /// DATA content, up to CRLF.CRLF.
    Data(DataReceiver),
    /// One BDAT chunk.
    Bdat(BdatReceiver),
    /// An AUTH exchange: the next line is a SASL response.
    Sasl(Sasl),
}

/// Whether the session goes on after a step.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Flow {
    Continue,
    Close,
}

/// The state of one mail transaction, from MAIL FROM to its end: reset by replacing it.
#[derive(Default)]
pub(super) struct Transaction {
    pub(super) envelope: Option<Envelope>,
    pub(super) message: Vec<u8>,
    /// The message grew past the size limit: keep reading it, then refuse it.
    pub(super) oversize: bool,
    /// BDAT was used in this transaction (DATA may not follow).
    pub(super) bdat_used: bool,
    /// The message transfer, from DATA or the first BDAT to its end.
    pub(super) transfer: Option<Transfer>,
}

/// One SMTP session over one connection: a TCP/TLS [`Stream`] in the server, an in-memory
/// stream in tests and the fuzz target.
pub struct Session<S: Transport = Stream> {
    pub(super) ctx: Arc<Context>,
    pub(super) stream: S,
    rbuf: Vec<u8>,
    rstart: usize,
    rend: usize,
    pub(super) out: Vec<u8>,
    line: Vec<u8>,
    discarding_line: bool,
    /// When the command line being read must be complete (set when the wait for it begins).
    pub(super) line_deadline: Option<Instant>,
    pub(super) state: State,
    pub(super) facts: SessionFacts,
    pub(super) esmtp: bool,
    pub(super) greeted: bool,
    pub(super) trusted: bool,
    pub(super) tx: Transaction,
    pub(super) auth_failures: u32,
    errors: u32,
    pub(super) upstream: UpstreamSession,
    pub(super) shutdown: Shutdown,
}

static SESSION_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A unique, roughly time-sortable session id.
fn session_id() -> String {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let n = SESSION_COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{millis:x}{:05x}", n & 0xfffff)
}

impl<S: Transport> Session<S> {
    /// A session over an accepted (and, for implicit TLS, handshaken) connection.
    pub fn new(ctx: Arc<Context>, stream: S, client_ip: IpAddr, shutdown: Shutdown) -> Self {
        let trusted = ctx.trusts_network(client_ip);
        let facts = SessionFacts {
            session_id: session_id(),
            mode: ctx.listener.mode,
            client_ip,
            helo: String::new(),
            tls_version: None,
            client_cert_subject: None,
            authenticated_as: None,
        };
        let mut session = Session {
            ctx,
            stream,
            rbuf: vec![0; READ_BUFFER],
            rstart: 0,
            rend: 0,
            out: Vec::with_capacity(1024),
            line: Vec::new(),
            discarding_line: false,
            line_deadline: None,
            state: State::Command,
            facts,
            esmtp: false,
            greeted: false,
            trusted,
            tx: Transaction::default(),
            auth_failures: 0,
            errors: 0,
            upstream: UpstreamSession::default(),
            shutdown,
        };
        session.note_tls();
        session
    }

    /// The session id (also in logs and the Received header).
    pub fn id(&self) -> &str {
        &self.facts.session_id
    }

    /// Runs the session to its end. Never panics on client input.
    pub async fn run(self) {
        use tracing::Instrument as _;
        let span = tracing::info_span!(
            "session",
            session = %self.facts.session_id,
            client = %self.facts.client_ip,
            mode = self.facts.mode.as_str()
        );
        self.serve().instrument(span).await;
    }

    async fn serve(mut self) {
        tracing::debug!("session opened");
        self.reply(&reply::greeting(&self.ctx.config.hostname));
        loop {
            if self.rstart == self.rend {
                if self.flush().await.is_err() {
                    break;
                }
                match self.read_more().await {
                    Ok(()) => {}
                    Err(closing) => {
                        if let Some(last) = closing {
                            self.reply(&last);
                            let _ = self.flush().await;
                        }
                        break;
                    }
                }
            }
            match self.step().await {
                Flow::Continue => {}
                Flow::Close => {
                    let _ = self.flush().await;
                    break;
                }
            }
        }
        // TLS needs its close_notify; plain TCP is closed by the drop (a shutdown() after the
        // client's own close only fails with ENOTCONN).
        if self.stream.is_tls() {
            let _ = self.stream.shutdown().await;
        }
        tracing::debug!("session closed");
    }

    /// Queues a reply; it is written before the next read (RFC 2920 batching).
    pub(super) fn reply(&mut self, reply: &Reply) {
        reply.write_to(&mut self.out);
    }

    pub(super) async fn flush(&mut self) -> std::io::Result<()> {
        if self.out.is_empty() {
            return Ok(());
        }
        let result = timeout(self.ctx.config.timeouts.command, async {
            self.stream.write_all(&self.out).await?;
            self.stream.flush().await
        })
        .await;
        self.out.clear();
        match result {
            Ok(r) => r,
            Err(_) => Err(std::io::ErrorKind::TimedOut.into()),
        }
    }

    /// True between MAIL FROM and the end of the transaction.
    pub(super) fn in_transaction(&self) -> bool {
        self.tx.envelope.is_some() || !matches!(self.state, State::Command)
    }

    /// Reads more input. `Err(Some(reply))`: close after sending it; `Err(None)`: close now.
    async fn read_more(&mut self) -> Result<(), Option<Reply>> {
        let (deadline, expired) = self.read_deadline();
        // Idle sessions leave as soon as draining starts; a transaction may finish until the deadline.
        let leave_at = if self.in_transaction() {
            Phase::Closing
        } else {
            Phase::Draining
        };
        let mut shutdown = self.shutdown.clone();
        tokio::select! {
            read = timeout_at(deadline, self.stream.read(&mut self.rbuf)) => match read {
                Ok(Ok(0)) => {
                    if self.in_transaction() {
                        tracing::info!("client disconnected during a transaction: nothing relayed");
                    }
                    Err(None)
                }
                Ok(Ok(n)) => {
                    self.rstart = 0;
                    self.rend = n;
                    Ok(())
                }
                Ok(Err(_)) => Err(None),
                Err(_) => {
                    let transfer = self.tx.transfer.map_or(0, |t| t.octets);
                    tracing::info!(
                        limit = expired.as_str(),
                        transfer_octets = transfer,
                        "client timeout: closing"
                    );
                    Err(Some(expired.reply()))
                }
            },
            () = shutdown.reached(leave_at) => Err(Some(reply::SHUTTING_DOWN)),
        }
    }

    /// Processes buffered input in the current state.
    async fn step(&mut self) -> Flow {
        match &mut self.state {
            State::Data(_) | State::Bdat(_) => {
                let mut iter = self.rbuf[self.rstart..self.rend].iter();
                let before = iter.len();
                let (done, bdat) = match &mut self.state {
                    State::Data(receiver) => {
                        (receiver.ingest(&mut iter, &mut self.tx.message), false)
                    }
                    State::Bdat(receiver) => {
                        (receiver.ingest(&mut iter, &mut self.tx.message), true)
                    }
                    _ => (false, false),
                };
                let consumed = before - iter.len();
                self.rstart += consumed;
                if let Some(transfer) = &mut self.tx.transfer {
                    transfer.octets += consumed as u64;
                }
                self.check_size();
                match (done, bdat) {
                    (false, _) => Flow::Continue,
                    (true, false) => self.end_of_data().await,
                    (true, true) => self.end_of_chunk().await,
                }
            }
            State::Command | State::Sasl(_) => match self.take_line() {
                Some(Ok(line)) => {
                    let flow = if matches!(self.state, State::Sasl(_)) {
                        self.sasl_line(&line).await
                    } else {
                        self.command(&line).await
                    };
                    self.line = line;
                    self.line.clear();
                    flow
                }
                Some(Err(())) => {
                    self.line.clear();
                    if matches!(self.state, State::Sasl(_)) {
                        self.state = State::Command;
                    }
                    self.error(&reply::LINE_TOO_LONG)
                }
                None => Flow::Continue,
            },
        }
    }

    /// Keeps the buffered message bounded: past the limit it is dropped and only counted.
    fn check_size(&mut self) {
        if self.tx.message.len() > self.ctx.config.limits.max_message_size {
            self.tx.oversize = true;
            self.tx.message.clear();
        }
    }

    /// Extracts one complete line (with its LF) from the buffer. `None`: need more input;
    /// `Some(Err)`: the line exceeded the limit and was discarded up to its end.
    fn take_line(&mut self) -> Option<Result<Vec<u8>, ()>> {
        let max = self.ctx.config.limits.max_command_line;
        let available = &self.rbuf[self.rstart..self.rend];
        match memchr::memchr(b'\n', available) {
            Some(pos) => {
                let (head, _) = available.split_at(pos + 1);
                self.rstart += pos + 1;
                // The next line gets its own deadline, from when the wait for it begins.
                self.line_deadline = None;
                if self.discarding_line {
                    self.discarding_line = false;
                    return Some(Err(()));
                }
                if self.line.len() + head.len() > max {
                    return Some(Err(()));
                }
                let mut line = std::mem::take(&mut self.line);
                line.extend_from_slice(head);
                Some(Ok(line))
            }
            None => {
                self.rstart = self.rend;
                if !self.discarding_line {
                    if self.line.len() + available.len() > max {
                        self.discarding_line = true;
                        self.line.clear();
                    } else {
                        self.line.extend_from_slice(available);
                    }
                }
                None
            }
        }
    }

    /// Counts a protocol error and queues its reply; too many close the session.
    pub(super) fn error(&mut self, reply: &Reply) -> Flow {
        self.errors += 1;
        self.reply(reply);
        if self.errors >= self.ctx.config.limits.max_errors {
            self.reply(&reply::TOO_MANY_ERRORS);
            return Flow::Close;
        }
        Flow::Continue
    }

    /// Parses and dispatches one command line.
    async fn command(&mut self, line: &[u8]) -> Flow {
        let request = match Request::parse(&mut line.iter()) {
            Ok(request) => request.into_owned(),
            Err(err) => return self.parse_error(&err),
        };
        match request {
            Request::Ehlo { host } => self.ehlo(host, true),
            Request::Helo { host } => self.ehlo(host, false),
            Request::Mail { from } => self.mail(from, line).await,
            Request::Rcpt { to } => self.rcpt(to, line),
            Request::Data => self.data(),
            Request::Bdat {
                chunk_size,
                is_last,
            } => self.bdat(chunk_size, is_last).await,
            Request::Auth {
                mechanism,
                initial_response,
            } => self.auth(mechanism, initial_response).await,
            Request::StartTls => self.starttls().await,
            Request::Rset => {
                self.reset_transaction();
                self.reply(&reply::RESET);
                Flow::Continue
            }
            Request::Noop { .. } => {
                self.reply(&reply::OK);
                Flow::Continue
            }
            Request::Quit => {
                self.reply(&reply::BYE);
                Flow::Close
            }
            Request::Vrfy { .. } => {
                self.reply(&reply::VRFY_DISABLED);
                Flow::Continue
            }
            Request::Lhlo { .. }
            | Request::Expn { .. }
            | Request::Help { .. }
            | Request::Etrn { .. }
            | Request::Atrn { .. }
            | Request::Burl { .. } => self.error(&reply::NOT_IMPLEMENTED),
        }
    }

    fn parse_error(&mut self, err: &ProtoError) -> Flow {
        let reply = match err {
            ProtoError::UnknownCommand => &reply::UNKNOWN_COMMAND,
            ProtoError::InvalidSenderAddress => &reply::BAD_SENDER_ADDRESS,
            ProtoError::InvalidRecipientAddress => &reply::BAD_RECIPIENT_ADDRESS,
            ProtoError::UnsupportedParameter { .. } => &reply::UNSUPPORTED_PARAMETER,
            ProtoError::ResponseTooLong => &reply::LINE_TOO_LONG,
            _ => &reply::SYNTAX_ERROR,
        };
        self.error(reply)
    }

    /// Forgets the current transaction (RSET, end of message, EHLO, STARTTLS).
    pub(super) fn reset_transaction(&mut self) {
        self.tx = Transaction::default();
        self.state = State::Command;
    }

    /// STARTTLS (RFC 3207): reply, drop anything pipelined behind the command (the
    /// CVE-2011-0411 class: it must not be executed after the handshake), handshake, and
    /// forget everything learnt before.
    async fn starttls(&mut self) -> Flow {
        if self.stream.is_tls() {
            return self.error(&reply::TLS_ALREADY_ACTIVE);
        }
        let Some(config) = self
            .ctx
            .tls
            .clone()
            .filter(|_| self.ctx.listener.tls == ListenerTls::StartTls)
        else {
            return self.error(&reply::TLS_UNAVAILABLE);
        };
        self.reply(&reply::start_tls());
        if self.flush().await.is_err() {
            return Flow::Close;
        }
        let discarded = self.rend - self.rstart;
        if discarded > 0 {
            tracing::warn!(
                bytes = discarded,
                "input pipelined behind STARTTLS discarded"
            );
        }
        self.rstart = self.rend;
        self.line.clear();
        let limit = self.ctx.config.timeouts.tls_handshake;
        let secured = self.stream.start_tls(config, limit).await;
        self.ctx.metrics.tls_handshake(secured);
        if !secured {
            tracing::info!("STARTTLS handshake failed");
            return Flow::Close;
        }
        self.greeted = false;
        self.esmtp = false;
        self.facts.helo.clear();
        self.reset_transaction();
        self.note_tls();
        Flow::Continue
    }

    /// Records the TLS version and the client certificate, and trusts a relay client by it.
    fn note_tls(&mut self) {
        let Some(peer) = self.stream.tls_peer() else {
            return;
        };
        self.facts.tls_version = peer.version;
        if let Some(subject) = peer.subject {
            if self.ctx.trusts_certificate(&subject) {
                self.trusted = true;
            }
            self.facts.client_cert_subject = Some(subject);
        }
    }
}
