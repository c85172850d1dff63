//! The SMTP client towards the next hop: the only code that talks to the upstream.
//!
//! Built on smtp-proto's reply parser over our own TCP stream with TCP_NODELAY (lettre's
//! transport drops MAIL/RCPT parameters, stops at the first refused recipient and stalls
//! ~40 ms per message on Nagle). It pipelines MAIL and RCPT (RFC 2920), sends the message
//! with BDAT when offered (RFC 3030, the exact bytes) or DATA with dot-stuffing, and passes
//! DSN parameters through. It never retries a DATA: a failure becomes a 4xx for the client.

use std::sync::Arc;
use std::time::Duration;

use smtp_proto::Response;
use smtp_proto::response::parser::ResponseReceiver;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;
use zeroize::Zeroizing;

use crate::config::{SmtpUpstream, Timeouts, UpstreamTls};
use crate::envelope::{Envelope, rcpt_command};
use crate::stream::Stream;

mod capabilities;
mod pool;
mod stuffing;

pub use capabilities::Capabilities;
pub use pool::Pool;
use stuffing::DotStuffer;

/// Why an exchange with the upstream failed (its refusals are replies, not errors).
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// No TCP connection could be made.
    #[error("upstream unreachable: {0}")]
    Unreachable(std::io::Error),
    /// The upstream did not answer in time.
    #[error("upstream timeout during {0}")]
    Timeout(&'static str),
    /// The connection broke or the upstream spoke something that is not SMTP.
    #[error("upstream connection failed: {0}")]
    Broken(String),
    /// STARTTLS is required and the upstream does not offer it, or the handshake failed.
    #[error("upstream TLS failed: {0}")]
    Tls(String),
    /// The upstream refused the session before any transaction (greeting, EHLO).
    #[error("upstream refused the session: {0}")]
    Refused(Answer),
}

/// A reply from the upstream.
pub type Answer = Response<String>;

/// Credentials to replay to the upstream, held in memory for one session only.
#[derive(Clone)]
pub struct Credentials {
    /// The account name.
    pub username: String,
    /// The password, wiped from memory when dropped.
    pub password: Zeroizing<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}, <redacted>)", self.username)
    }
}

/// How to reach one upstream SMTP server.
#[derive(Debug)]
pub struct Target {
    /// Address and TLS mode.
    pub config: SmtpUpstream,
    /// rustls client configuration, when TLS is used.
    pub tls: Option<Arc<rustls::ClientConfig>>,
    /// Name sent in EHLO.
    pub helo_name: String,
    /// Upstream timeouts.
    pub timeouts: Timeouts,
    /// Idle connections kept for reuse (only for upstreams that need no per-session AUTH).
    pub pool: Pool,
}

/// One open SMTP connection to the upstream, greeted and EHLO'd (and TLS'd if configured).
pub struct Connection {
    stream: Stream,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    parser: ResponseReceiver,
    caps: Capabilities,
    timeouts: Timeouts,
    /// True once a transaction failed mid-way: the connection must not be reused.
    poisoned: bool,
    /// DATA was accepted (354): the next bytes are message content.
    in_data: bool,
}

/// The upstream's answers to the start of a transaction.
#[derive(Debug)]
pub struct Opening {
    /// The reply to MAIL FROM.
    pub mail: Answer,
    /// One reply per RCPT TO (none when MAIL was refused without pipelining).
    pub rcpts: Vec<Answer>,
    /// The reply to a pipelined DATA, if DATA was pipelined.
    pub data: Option<Answer>,
}

impl Opening {
    /// The worst refusal among the answers, if any (MAIL, RCPT, or a pipelined DATA not 354).
    pub fn refusal(&self) -> Option<&Answer> {
        std::iter::once(&self.mail)
            .chain(self.rcpts.iter())
            .filter(|r| r.code != 250 && r.code != 251)
            .chain(self.data.iter().filter(|r| r.code != 354))
            .max_by_key(|r| r.code / 100)
    }
}

/// Message bytes are written to the upstream in pieces of this size (one write for most mail).
const WRITE_BUFFER: usize = 256 * 1024;

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("caps", &self.caps)
            .finish()
    }
}

impl Connection {
    /// Connects, reads the greeting, says EHLO, and does STARTTLS or implicit TLS as configured.
    pub async fn open(target: &Target) -> Result<Connection, UpstreamError> {
        let deadline = target.timeouts.upstream_connect;
        timeout(deadline, Self::open_inner(target))
            .await
            .map_err(|_| UpstreamError::Timeout("connect"))?
    }

    async fn open_inner(target: &Target) -> Result<Connection, UpstreamError> {
        let cfg = &target.config;
        let tcp = TcpStream::connect((cfg.host.as_str(), cfg.port))
            .await
            .map_err(UpstreamError::Unreachable)?;
        // Nagle plus delayed ACKs would stall every message ~40 ms.
        tcp.set_nodelay(true)
            .map_err(|e| UpstreamError::Broken(e.to_string()))?;
        let stream = if cfg.tls == UpstreamTls::Implicit {
            Stream::Tls(Box::new(Self::handshake(target, tcp).await?))
        } else {
            Stream::Plain(tcp)
        };
        let mut conn = Connection {
            stream,
            buf: vec![0; 8192],
            start: 0,
            end: 0,
            parser: ResponseReceiver::default(),
            caps: Capabilities::default(),
            timeouts: target.timeouts.clone(),
            poisoned: false,
            in_data: false,
        };
        let greeting = conn
            .read_reply(target.timeouts.upstream_connect, "greeting")
            .await?;
        if greeting.code != 220 {
            return Err(UpstreamError::Refused(greeting));
        }
        conn.ehlo(&target.helo_name).await?;
        if cfg.tls == UpstreamTls::StartTls {
            if !conn.caps.starttls {
                return Err(UpstreamError::Tls("STARTTLS not offered".into()));
            }
            conn.command("STARTTLS\r\n", "STARTTLS").await?;
            let reply = conn
                .read_reply(target.timeouts.upstream_connect, "STARTTLS")
                .await?;
            if reply.code != 220 {
                return Err(UpstreamError::Tls(format!(
                    "STARTTLS answered {}",
                    reply.code
                )));
            }
            conn = conn.upgrade(target).await?;
            conn.ehlo(&target.helo_name).await?;
        }
        Ok(conn)
    }

    async fn handshake(
        target: &Target,
        tcp: TcpStream,
    ) -> Result<tokio_rustls::TlsStream<TcpStream>, UpstreamError> {
        let config = target
            .tls
            .clone()
            .ok_or_else(|| UpstreamError::Tls("no TLS configuration".into()))?;
        let name = crate::tls::upstream_name(&target.config)
            .map_err(|e| UpstreamError::Tls(e.to_string()))?;
        let tls = tokio_rustls::TlsConnector::from(config)
            .connect(name, tcp)
            .await
            .map_err(|e| UpstreamError::Tls(e.to_string()))?;
        Ok(tokio_rustls::TlsStream::Client(tls))
    }

    /// Swaps the plain stream for TLS after a 220 to STARTTLS. Anything the server sent
    /// before the handshake is discarded (the client-side "response injection" class).
    async fn upgrade(self, target: &Target) -> Result<Connection, UpstreamError> {
        let Connection {
            stream,
            buf,
            timeouts,
            ..
        } = self;
        let Stream::Plain(tcp) = stream else {
            return Err(UpstreamError::Tls("TLS already active".into()));
        };
        Ok(Connection {
            stream: Stream::Tls(Box::new(Self::handshake(target, tcp).await?)),
            buf,
            start: 0,
            end: 0,
            parser: ResponseReceiver::default(),
            caps: Capabilities::default(),
            timeouts,
            poisoned: false,
            in_data: false,
        })
    }

    async fn ehlo(&mut self, helo_name: &str) -> Result<(), UpstreamError> {
        self.command(&format!("EHLO {helo_name}\r\n"), "EHLO")
            .await?;
        let reply = self
            .read_reply(self.timeouts.upstream_command, "EHLO")
            .await?;
        if reply.code != 250 {
            return Err(UpstreamError::Refused(reply));
        }
        self.caps = Capabilities::parse(&reply.message);
        Ok(())
    }

    /// The upstream's capabilities.
    pub fn capabilities(&self) -> &Capabilities {
        &self.caps
    }

    /// False once a transaction broke: such a connection is closed, not reused.
    pub fn is_reusable(&self) -> bool {
        !self.poisoned && !self.in_data
    }

    /// AUTH PLAIN with the client's credentials (RFC 4616). Returns the upstream's reply.
    pub async fn authenticate(
        &mut self,
        credentials: &Credentials,
    ) -> Result<Answer, UpstreamError> {
        use base64::Engine as _;
        let token = Zeroizing::new(format!(
            "\0{}\0{}",
            credentials.username,
            credentials.password.as_str()
        ));
        let line = Zeroizing::new(format!(
            "AUTH PLAIN {}\r\n",
            base64::engine::general_purpose::STANDARD.encode(token.as_bytes())
        ));
        self.command(&line, "AUTH").await?;
        self.read_reply(self.timeouts.upstream_command, "AUTH")
            .await
    }

    /// Sends MAIL FROM and the RCPT TOs of `recipients` (indexes into the envelope),
    /// pipelined when offered (RFC 2920). With `with_data`, DATA is pipelined behind them too,
    /// saving a round trip; it is only asked when the upstream pipelines and has no CHUNKING.
    pub async fn begin(
        &mut self,
        envelope: &Envelope,
        recipients: &[usize],
        size: usize,
        with_data: bool,
    ) -> Result<Opening, UpstreamError> {
        let size = self.caps.size.then_some(size);
        let mail = envelope.mail_command(size, self.caps.dsn);
        let rcpts: Vec<String> = recipients
            .iter()
            .filter_map(|&i| envelope.recipients.get(i))
            .map(|r| rcpt_command(r, self.caps.dsn))
            .collect();
        let wait = self.timeouts.upstream_command;
        let mut opening = Opening {
            mail: Answer::new(0, 0, 0, 0, String::new()),
            rcpts: Vec::with_capacity(recipients.len()),
            data: None,
        };
        if self.caps.pipelining {
            let pipeline_data = with_data && !self.caps.chunking;
            let mut batch: String = std::iter::once(mail).chain(rcpts).collect();
            if pipeline_data {
                batch.push_str("DATA\r\n");
            }
            self.command(&batch, "MAIL").await?;
            opening.mail = self.read_reply(wait, "MAIL").await?;
            for _ in recipients {
                opening.rcpts.push(self.read_reply(wait, "RCPT").await?);
            }
            if pipeline_data {
                let data = self.read_reply(wait, "DATA").await?;
                self.in_data = data.code == 354;
                opening.data = Some(data);
            }
        } else {
            self.command(&mail, "MAIL").await?;
            opening.mail = self.read_reply(wait, "MAIL").await?;
            if opening.mail.code == 250 {
                for rcpt in rcpts {
                    self.command(&rcpt, "RCPT").await?;
                    opening.rcpts.push(self.read_reply(wait, "RCPT").await?);
                }
            }
        }
        Ok(opening)
    }

    /// Sends the message (the parts, concatenated) and returns the upstream's final reply.
    pub async fn send_message(&mut self, parts: &[&[u8]]) -> Result<Answer, UpstreamError> {
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if self.caps.chunking {
            self.write_raw(format!("BDAT {total} LAST\r\n").as_bytes(), "BDAT")
                .await?;
            for part in parts {
                self.write_raw(part, "BDAT").await?;
            }
        } else {
            if !self.in_data {
                self.command("DATA\r\n", "DATA").await?;
                let reply = self
                    .read_reply(self.timeouts.upstream_command, "DATA")
                    .await?;
                if reply.code != 354 {
                    return Ok(reply);
                }
                self.in_data = true;
            }
            // One write for messages up to WRITE_BUFFER, with the terminator.
            let mut stuffer = DotStuffer::default();
            let mut out = Vec::with_capacity(WRITE_BUFFER.min(total + total / 64 + 8));
            for part in parts {
                for chunk in part.chunks(WRITE_BUFFER) {
                    stuffer.push(chunk, &mut out);
                    if out.len() >= WRITE_BUFFER {
                        self.write_raw(&out, "DATA").await?;
                        out.clear();
                    }
                }
            }
            stuffer.finish(&mut out);
            self.write_raw(&out, "DATA").await?;
        }
        self.flush("end of data").await?;
        let reply = self
            .read_reply(self.timeouts.upstream_data, "end of data")
            .await;
        self.in_data = false;
        reply
    }

    /// Abandons a transaction that was begun but will not be sent: RSET, and the connection
    /// back for reuse. If DATA was already accepted (pipelined), the only safe abort is to
    /// close without the final dot, so the upstream discards the transaction (RFC 5321 §3.3).
    pub async fn abandon(mut self) -> Option<Connection> {
        if self.in_data {
            drop(self);
            return None;
        }
        self.command("RSET\r\n", "RSET").await.ok()?;
        let reply = self
            .read_reply(self.timeouts.upstream_command, "RSET")
            .await
            .ok()?;
        (reply.code == 250).then_some(self)
    }

    /// QUIT politely; errors are irrelevant at this point. In the middle of DATA, QUIT would
    /// be message text: the connection is just closed, which aborts the transaction.
    pub async fn quit(mut self) {
        if !self.in_data && self.command("QUIT\r\n", "QUIT").await.is_ok() {
            let _ = self.read_reply(Duration::from_secs(2), "QUIT").await;
        }
        let _ = self.stream.shutdown().await;
    }

    async fn command(&mut self, line: &str, stage: &'static str) -> Result<(), UpstreamError> {
        self.write_raw(line.as_bytes(), stage).await?;
        self.flush(stage).await
    }

    async fn write_raw(&mut self, bytes: &[u8], stage: &'static str) -> Result<(), UpstreamError> {
        let wait = self.timeouts.upstream_command;
        let result = timeout(wait, self.stream.write_all(bytes)).await;
        self.check_io(result, stage)
    }

    async fn flush(&mut self, stage: &'static str) -> Result<(), UpstreamError> {
        let wait = self.timeouts.upstream_command;
        let result = timeout(wait, self.stream.flush()).await;
        self.check_io(result, stage)
    }

    fn check_io(
        &mut self,
        result: Result<std::io::Result<()>, tokio::time::error::Elapsed>,
        stage: &'static str,
    ) -> Result<(), UpstreamError> {
        match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(err)) => {
                self.poisoned = true;
                Err(UpstreamError::Broken(format!("{stage}: {err}")))
            }
            Err(_) => {
                self.poisoned = true;
                Err(UpstreamError::Timeout(stage))
            }
        }
    }

    async fn read_reply(
        &mut self,
        wait: Duration,
        stage: &'static str,
    ) -> Result<Answer, UpstreamError> {
        match timeout(wait, self.read_reply_inner(stage)).await {
            Ok(result) => {
                if result.is_err() {
                    self.poisoned = true;
                }
                result
            }
            Err(_) => {
                self.poisoned = true;
                Err(UpstreamError::Timeout(stage))
            }
        }
    }

    async fn read_reply_inner(&mut self, stage: &'static str) -> Result<Answer, UpstreamError> {
        loop {
            if self.start < self.end {
                let mut iter = self.buf[self.start..self.end].iter();
                let before = iter.len();
                let parsed = self.parser.parse(&mut iter);
                self.start += before - iter.len();
                match parsed {
                    Ok(reply) => {
                        self.parser.reset();
                        return Ok(reply);
                    }
                    Err(smtp_proto::Error::NeedsMoreData { .. }) => {}
                    Err(err) => {
                        return Err(UpstreamError::Broken(format!("{stage}: bad reply: {err}")));
                    }
                }
            }
            self.start = 0;
            self.end = 0;
            let read = self
                .stream
                .read(&mut self.buf)
                .await
                .map_err(|e| UpstreamError::Broken(format!("{stage}: {e}")))?;
            if read == 0 {
                return Err(UpstreamError::Broken(format!("{stage}: connection closed")));
            }
            self.end = read;
        }
    }
}
