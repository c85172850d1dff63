//! Test support: Sentinelle started on free loopback ports, a programmable sink upstream, a
//! test CA, and a raw SMTP client for protocol-level attacks.

#![allow(dead_code)]

pub mod ca;
pub mod docs;
pub mod sink;
pub mod webdriver;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use sentinelle::config::Config;
use sentinelle::rules;
use sentinelle::server::{self, Listener, ServerError};
use sentinelle::stream::Stream;
use smtp_proto::Response;
use smtp_proto::response::parser::ResponseReceiver;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use ca::TestCa;
pub use sink::{Behavior, EndOfData, Sink};

/// A running Sentinelle.
pub struct Sentinelle {
    /// One address per configured listener, in order.
    pub addrs: Vec<SocketAddr>,
    /// The admin listener's address (metrics, health): always on, on a free loopback port.
    pub console: SocketAddr,
    /// The incident store (a SQLite file in a temporary directory unless the configuration
    /// names one).
    pub incidents: std::path::PathBuf,
    _incidents_dir: Option<tempfile::TempDir>,
    stop: Option<oneshot::Sender<()>>,
    handle: JoinHandle<Result<(), ServerError>>,
}

impl Sentinelle {
    /// Starts Sentinelle on `toml`; each listener's address is replaced by a free loopback port.
    pub async fn start(toml: &str) -> Sentinelle {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
        let (toml, incidents_dir) = if toml.contains("[incidents]") {
            (toml.to_owned(), None)
        } else {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("incidents.db");
            (
                format!("{toml}\n[incidents]\nstore = \"{}\"\n", path.display()),
                Some(dir),
            )
        };
        let config = Config::parse(&toml, "test").unwrap_or_else(|e| panic!("{e}"));
        let incidents = match &config.incidents.store {
            sentinelle::incident::store::Backend::Sqlite(path) => path.clone(),
            sentinelle::incident::store::Backend::Postgres(_) => Default::default(),
        };
        let mut listeners = Vec::new();
        let mut addrs = Vec::new();
        for listener in &config.listeners {
            let socket = server::listen("127.0.0.1:0".parse().unwrap()).unwrap();
            addrs.push(socket.local_addr().unwrap());
            listeners.push(Listener {
                socket,
                config: listener.clone(),
            });
        }
        let (stop, stopped) = oneshot::channel::<()>();
        let rules = Arc::new(rules::Live::load(rules::Sources::of(&config, 2026)).expect("rules"));
        let console = server::listen("127.0.0.1:0".parse().unwrap()).unwrap();
        let console_addr = console.local_addr().unwrap();
        let bound = server::Bound {
            smtp: listeners,
            console: Some(console),
        };
        let metrics = Arc::new(sentinelle::metrics::Metrics::new());
        let handle = tokio::spawn(server::run(
            Arc::new(config),
            rules,
            bound,
            metrics,
            async {
                let _ = stopped.await;
            },
        ));
        Sentinelle {
            addrs,
            console: console_addr,
            incidents,
            _incidents_dir: incidents_dir,
            stop: Some(stop),
            handle,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.addrs[0]
    }

    /// Signals shutdown (SIGTERM's effect) without waiting.
    pub fn signal_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Signals shutdown and waits until every session ended.
    pub async fn stop(mut self) {
        self.signal_stop();
        tokio::time::timeout(Duration::from_secs(60), &mut self.handle)
            .await
            .expect("server did not stop")
            .unwrap()
            .unwrap();
    }
}

/// A relay-mode configuration towards `upstream`, trusting loopback, plain SMTP.
pub fn relay_config(upstream: SocketAddr, extra: &str) -> String {
    format!(
        r#"
hostname = "sentinelle.test"
[[listener]]
address = "127.0.0.1:0"
mode = "relay"
tls = "none"
[relay]
trusted_networks = ["127.0.0.0/8"]
upstream = {{ kind = "smtp", address = "{upstream}" }}
[timeouts]
shutdown_grace = 5
upstream_connect = 2
upstream_command = 2
upstream_data = 2
{extra}
"#
    )
}

/// A sink with `behavior` and a relay-mode Sentinelle in front of it.
pub async fn relay_pair(behavior: Behavior, extra: &str) -> (Sink, Sentinelle) {
    let sink = Sink::start(behavior).await;
    let sentinelle = Sentinelle::start(&relay_config(sink.addr, extra)).await;
    (sink, sentinelle)
}

/// One transaction from dre.gagnon@ssss.gouv.qc.ca to `recipients` (each must be accepted)
/// on a fresh connection: the final reply's code and text.
pub async fn send(
    sentinelle: &Sentinelle,
    recipients: &[&str],
    message: impl AsRef<[u8]>,
) -> (u16, String) {
    let (mut client, _) = Client::connect(sentinelle.addr()).await;
    client.cmd("EHLO exchange01.test").await;
    client.cmd("MAIL FROM:<dre.gagnon@ssss.gouv.qc.ca>").await;
    for rcpt in recipients {
        assert_eq!(client.cmd(&format!("RCPT TO:<{rcpt}>")).await.code, 250);
    }
    client.cmd("DATA").await;
    client.send(message.as_ref()).await;
    let reply = client.cmd(".").await;
    client.cmd("QUIT").await;
    (reply.code, reply.message)
}

/// A free loopback port with nothing listening on it.
pub async fn dead_port() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap()
}

/// A raw SMTP client, for tests that need byte-level control.
pub struct Client {
    stream: Stream,
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl Client {
    /// Connects and reads the greeting.
    pub async fn connect(addr: SocketAddr) -> (Client, Response<String>) {
        let tcp = TcpStream::connect(addr).await.unwrap();
        tcp.set_nodelay(true).unwrap();
        let mut client = Client {
            stream: Stream::Plain(tcp),
            buf: vec![0; 65536],
            start: 0,
            end: 0,
        };
        let greeting = client.reply().await;
        (client, greeting)
    }

    /// Connects with implicit TLS, trusting `ca_pem`, and reads the greeting.
    pub async fn connect_tls(addr: SocketAddr, ca_pem: &str) -> (Client, Response<String>) {
        let tcp = TcpStream::connect(addr).await.unwrap();
        let tls = tls_connect(tcp, ca_pem, None).await;
        let mut client = Client {
            stream: Stream::Tls(Box::new(tls)),
            buf: vec![0; 65536],
            start: 0,
            end: 0,
        };
        let greeting = client.reply().await;
        (client, greeting)
    }

    /// Connects and says EHLO.
    pub async fn greeted(addr: SocketAddr) -> Client {
        let (mut client, _) = Client::connect(addr).await;
        let ehlo = client.cmd("EHLO exchange01.test").await;
        assert_eq!(ehlo.code, 250, "{ehlo:?}");
        client
    }

    /// MAIL FROM and every RCPT TO (each must be accepted), then DATA (354).
    pub async fn start_data(&mut self, from: &str, rcpts: &[&str]) {
        let reply = self.cmd(&format!("MAIL FROM:<{from}>")).await;
        assert_eq!(reply.code, 250, "{reply:?}");
        for rcpt in rcpts {
            let reply = self.cmd(&format!("RCPT TO:<{rcpt}>")).await;
            assert_eq!(reply.code, 250, "{reply:?}");
        }
        let reply = self.cmd("DATA").await;
        assert_eq!(reply.code, 354, "{reply:?}");
    }

    /// Sends a message (ending with CRLF) and the terminator; returns the final reply.
    pub async fn finish_data(&mut self, raw: &[u8]) -> Response<String> {
        self.send(raw).await;
        self.cmd(".").await
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).await.unwrap();
        self.stream.flush().await.unwrap();
    }

    /// Sends a command line (CRLF added) and reads its reply.
    pub async fn cmd(&mut self, line: &str) -> Response<String> {
        self.send(format!("{line}\r\n").as_bytes()).await;
        self.reply().await
    }

    /// Reads one reply (10 s at most).
    pub async fn reply(&mut self) -> Response<String> {
        tokio::time::timeout(Duration::from_secs(10), self.try_reply())
            .await
            .expect("no reply within 10 s")
            .expect("connection closed")
    }

    /// Reads one reply, or None when the server closed the connection.
    pub async fn try_reply(&mut self) -> Option<Response<String>> {
        let mut parser = ResponseReceiver::default();
        loop {
            if self.start < self.end {
                let mut iter = self.buf[self.start..self.end].iter();
                let before = iter.len();
                let parsed = parser.parse(&mut iter);
                self.start += before - iter.len();
                match parsed {
                    Ok(reply) => return Some(reply),
                    Err(smtp_proto::Error::NeedsMoreData { .. }) => {}
                    Err(err) => panic!("bad reply: {err}"),
                }
            }
            self.start = 0;
            self.end = match self.stream.read(&mut self.buf).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => n,
            };
        }
    }

    /// True when the server closes the connection (within 10 s) without another reply.
    pub async fn closed(&mut self) -> bool {
        matches!(
            tokio::time::timeout(Duration::from_secs(10), self.try_reply()).await,
            Ok(None)
        )
    }

    /// The connection itself, for tests that write and read concurrently. Bytes the client
    /// had read but not parsed are dropped: take it between replies.
    pub fn into_stream(self) -> Stream {
        self.stream
    }

    /// STARTTLS then the TLS handshake (with an optional client certificate).
    pub async fn starttls(mut self, ca_pem: &str, client_cert: Option<&ca::ClientCert>) -> Client {
        let reply = self.cmd("STARTTLS").await;
        assert_eq!(reply.code, 220, "{reply:?}");
        self.handshake(ca_pem, client_cert).await
    }

    /// The TLS handshake after a 220 to a STARTTLS sent by the test itself. Bytes the
    /// client had buffered are dropped, as RFC 3207 requires.
    pub async fn starttls_after_reply(self, ca_pem: &str) -> Client {
        self.handshake(ca_pem, None).await
    }

    async fn handshake(self, ca_pem: &str, client_cert: Option<&ca::ClientCert>) -> Client {
        let Stream::Plain(tcp) = self.stream else {
            panic!("already TLS")
        };
        let tls = tls_connect(tcp, ca_pem, client_cert).await;
        Client {
            stream: Stream::Tls(Box::new(tls)),
            buf: self.buf,
            start: 0,
            end: 0,
        }
    }
}

async fn tls_connect(
    tcp: TcpStream,
    ca_pem: &str,
    client_cert: Option<&ca::ClientCert>,
) -> tokio_rustls::TlsStream<TcpStream> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName};
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(CertificateDer::from_pem_slice(ca_pem.as_bytes()).unwrap())
        .unwrap();
    let builder = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots);
    let config = match client_cert {
        Some(cert) => builder
            .with_client_auth_cert(
                vec![CertificateDer::from_pem_slice(cert.cert_pem.as_bytes()).unwrap()],
                PrivateKeyDer::from_pem_slice(cert.key_pem.as_bytes()).unwrap(),
            )
            .unwrap(),
        None => builder.with_no_client_auth(),
    };
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tls = connector
        .connect(ServerName::try_from("localhost").unwrap(), tcp)
        .await
        .unwrap();
    tokio_rustls::TlsStream::Client(tls)
}

/// A small well-formed message.
pub fn message(subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Dre Julie Gagnon <julie.gagnon@ssss.gouv.qc.ca>\r\nTo: <collegue@ssss.gouv.qc.ca>\r\nSubject: {subject}\r\nMessage-ID: <{subject}@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

/// Strips Sentinelle's Received header (the first header field, folded) from relayed bytes.
pub fn strip_received(data: &[u8]) -> &[u8] {
    assert!(data.starts_with(b"Received: "), "no Received header first");
    let mut pos = 0;
    loop {
        let eol = data[pos..].windows(2).position(|w| w == b"\r\n").unwrap() + pos + 2;
        pos = eol;
        if !matches!(data.get(pos), Some(b' ') | Some(b'\t')) {
            return &data[pos..];
        }
    }
}

/// True when `program` runs. When it does not, the test is skipped with a note, except on CI
/// (`CI` set), where a missing tool fails the test: CI must not pass by skipping.
pub fn tool(program: &str) -> bool {
    let present = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok();
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is not installed and CI is set: this test must run on CI"
        );
        eprintln!("{program} not present: skipped");
    }
    present
}

/// `sentinelle check` of `message` from dre.gagnon@ssss.gouv.qc.ca to `to`, with the
/// configuration `config` when given: the JSON report (the SMTP path's decision).
pub fn check(message: &[u8], to: &str, config: Option<&str>) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.eml");
    std::fs::write(&file, message).unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_sentinelle"));
    command
        .args(["check", "--from", "dre.gagnon@ssss.gouv.qc.ca", "--to", to])
        .arg(&file);
    if let Some(config) = config {
        let path = dir.path().join("sentinelle.toml");
        std::fs::write(&path, config).unwrap();
        command.arg("--config").arg(path);
    }
    let output = command.output().unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}
