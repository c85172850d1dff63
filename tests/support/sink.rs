//! A programmable upstream SMTP server for the tests: records what it accepted and can be told
//! to refuse, fail temporarily, require AUTH, offer CHUNKING or never answer.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sentinelle::stream::Stream;
use smtp_proto::request::receiver::DataReceiver;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Notify;

#[derive(Clone, Default, Debug)]
pub struct Behavior {
    /// Reply to MAIL instead of 250.
    pub mail_reply: Option<String>,
    /// Reply to RCPT for addresses containing the key.
    pub rcpt_reply: Option<(String, String)>,
    /// Reply to the end of data instead of 250.
    pub data_reply: Option<String>,
    /// Offer CHUNKING.
    pub chunking: bool,
    /// Require AUTH PLAIN with these credentials.
    pub auth: Option<(String, String)>,
    /// Accept connections and never say anything (open connections stop answering too).
    pub silent: bool,
    /// Offer STARTTLS with this server configuration.
    pub tls: Option<Arc<rustls::ServerConfig>>,
    /// Written in clear right after the 220 to STARTTLS, before the handshake (the response
    /// injection attack on the client side).
    pub starttls_inject: Option<String>,
    /// What happens once the final dot of DATA is read.
    pub end_of_data: EndOfData,
}

/// The sink's answer to the end of DATA.
#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub enum EndOfData {
    /// `data_reply`, or 250 and the message is recorded.
    #[default]
    Reply,
    /// Never answer (the message counts as held, not delivered) until the peer goes away.
    Hold,
    /// Close the connection without an answer.
    Cut,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// The delivery arrived over TLS.
    pub tls: bool,
    pub mail: String,
    pub rcpts: Vec<String>,
    pub data: Vec<u8>,
    pub auth_user: Option<String>,
    pub used_bdat: bool,
}

#[derive(Default)]
struct State {
    behavior: Mutex<Behavior>,
    deliveries: Mutex<Vec<Delivery>>,
    notify: Notify,
    /// Messages read to their final dot and held without an answer.
    held: Mutex<usize>,
}

#[derive(Clone)]
pub struct Sink {
    pub addr: SocketAddr,
    state: Arc<State>,
}

impl Sink {
    pub async fn start(behavior: Behavior) -> Sink {
        Self::start_on("127.0.0.1:0".parse().unwrap(), behavior).await
    }

    /// Starts on a given loopback address (to bring a "down" upstream back).
    pub async fn start_on(addr: SocketAddr, behavior: Behavior) -> Sink {
        let listener = sentinelle::server::listen(addr).unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State::default());
        *state.behavior.lock().unwrap() = behavior;
        let st = state.clone();
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let st = st.clone();
                tokio::spawn(async move {
                    let _ = serve(tcp, st).await;
                });
            }
        });
        Sink { addr, state }
    }

    pub fn set(&self, behavior: Behavior) {
        *self.state.behavior.lock().unwrap() = behavior;
    }

    /// Waits (30 s at most) until a message has been read to its final dot and held.
    pub async fn wait_held(&self) {
        let wait = async {
            loop {
                let notified = self.state.notify.notified();
                if *self.state.held.lock().unwrap() > 0 {
                    return;
                }
                notified.await;
            }
        };
        tokio::time::timeout(Duration::from_secs(30), wait)
            .await
            .expect("no message held by the sink within 30 s");
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.state.deliveries.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.state.deliveries.lock().unwrap().len()
    }

    /// Waits until at least `n` messages were accepted (bounded by 30 s).
    pub async fn wait_for(&self, n: usize) -> Vec<Delivery> {
        self.wait_for_within(n, Duration::from_secs(30)).await
    }

    /// Waits until at least `n` messages were accepted, at most `limit`.
    pub async fn wait_for_within(&self, n: usize, limit: Duration) -> Vec<Delivery> {
        let wait = async {
            loop {
                let notified = self.state.notify.notified();
                if self.count() >= n {
                    return;
                }
                notified.await;
            }
        };
        tokio::time::timeout(limit, wait)
            .await
            .unwrap_or_else(|_| panic!("sink got {} of {n} messages", self.count()));
        self.deliveries()
    }
}

async fn serve(tcp: TcpStream, state: Arc<State>) -> std::io::Result<()> {
    let mut tcp = Stream::Plain(tcp);
    let behavior = state.behavior.lock().unwrap().clone();
    if behavior.silent {
        let mut buf = [0u8; 1024];
        while tcp.read(&mut buf).await? > 0 {}
        return Ok(());
    }
    tcp.write_all(b"220 sink ESMTP\r\n").await?;
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 65536];
    let mut current = Delivery {
        tls: false,
        mail: String::new(),
        rcpts: vec![],
        data: vec![],
        auth_user: None,
        used_bdat: false,
    };
    let mut auth_user: Option<String> = None;
    loop {
        // Take one line.
        let line = loop {
            if let Some(pos) = pending.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = pending.drain(..=pos).collect();
                break String::from_utf8_lossy(&line).trim_end().to_owned();
            }
            let n = tcp.read(&mut buf).await?;
            if n == 0 {
                return Ok(());
            }
            pending.extend_from_slice(&buf[..n]);
        };
        let upper = line.to_ascii_uppercase();
        let behavior = state.behavior.lock().unwrap().clone();
        if behavior.silent {
            // Silent from now on, on connections already open too (a cached one goes quiet).
            while tcp.read(&mut buf).await? > 0 {}
            return Ok(());
        }
        let reply: String = if upper == "STARTTLS" && behavior.tls.is_some() && !tcp.is_tls() {
            // One write, so that injected bytes arrive with the 220 as an attacker sends them.
            let mut go_ahead = b"220 2.0.0 go ahead\r\n".to_vec();
            go_ahead
                .extend_from_slice(behavior.starttls_inject.as_deref().unwrap_or("").as_bytes());
            tcp.write_all(&go_ahead).await?;
            let Stream::Plain(plain) = std::mem::replace(&mut tcp, Stream::Closed) else {
                return Ok(());
            };
            let acceptor = tokio_rustls::TlsAcceptor::from(behavior.tls.clone().unwrap());
            let Ok(tls) = acceptor.accept(plain).await else {
                return Ok(());
            };
            tcp = Stream::Tls(Box::new(tokio_rustls::TlsStream::Server(tls)));
            pending.clear();
            continue;
        } else if upper.starts_with("EHLO") {
            let mut r =
                String::from("250-sink\r\n250-PIPELINING\r\n250-DSN\r\n250-SIZE 100000000\r\n");
            if behavior.tls.is_some() && !tcp.is_tls() {
                r.push_str("250-STARTTLS\r\n");
            }
            if behavior.chunking {
                r.push_str("250-CHUNKING\r\n");
            }
            if behavior.auth.is_some() {
                r.push_str("250-AUTH PLAIN\r\n");
            }
            r.push_str("250 8BITMIME\r\n");
            r
        } else if upper.starts_with("AUTH PLAIN ") {
            use base64::Engine as _;
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(line[11..].trim())
                .unwrap_or_default();
            let parts: Vec<&[u8]> = decoded.split(|&b| b == 0).collect();
            match (&behavior.auth, parts.as_slice()) {
                (Some((user, pass)), [_, u, p])
                    if u == &user.as_bytes() && p == &pass.as_bytes() =>
                {
                    auth_user = Some(user.clone());
                    "235 2.7.0 ok\r\n".into()
                }
                _ => "535 5.7.8 bad credentials\r\n".into(),
            }
        } else if upper.starts_with("MAIL") {
            if behavior.auth.is_some() && auth_user.is_none() {
                "530 5.7.0 auth first\r\n".into()
            } else {
                current.mail = line.clone();
                current.rcpts.clear();
                behavior
                    .mail_reply
                    .map_or("250 2.1.0 ok\r\n".into(), |r| format!("{r}\r\n"))
            }
        } else if upper.starts_with("RCPT") {
            match &behavior.rcpt_reply {
                Some((key, r)) if line.contains(key.as_str()) => format!("{r}\r\n"),
                _ => {
                    current.rcpts.push(line.clone());
                    "250 2.1.5 ok\r\n".into()
                }
            }
        } else if upper == "DATA" {
            tcp.write_all(b"354 go\r\n").await?;
            let mut receiver = DataReceiver::new();
            let mut scratch = Vec::new();
            receiver.ingest(&mut b"\r\n".iter(), &mut scratch);
            let mut data = Vec::new();
            let mut done = {
                let mut iter = pending.iter();
                let done = receiver.ingest(&mut iter, &mut data);
                let left = iter.as_slice().to_vec();
                pending = left;
                done
            };
            while !done {
                let n = tcp.read(&mut buf).await?;
                if n == 0 {
                    return Ok(());
                }
                let mut iter = buf[..n].iter();
                done = receiver.ingest(&mut iter, &mut data);
                pending.extend_from_slice(iter.as_slice());
            }
            current.data = data;
            current.used_bdat = false;
            current.tls = tcp.is_tls();
            match behavior.end_of_data {
                EndOfData::Reply => {}
                EndOfData::Cut => return Ok(()),
                EndOfData::Hold => {
                    *state.held.lock().unwrap() += 1;
                    state.notify.notify_waiters();
                    while tcp.read(&mut buf).await? > 0 {}
                    return Ok(());
                }
            }
            finish(&state, &behavior, &mut current, &auth_user)
        } else if upper.starts_with("BDAT") {
            let words: Vec<&str> = line.split_whitespace().collect();
            let size: usize = words.get(1).and_then(|s| s.parse().ok()).unwrap_or(0);
            let last = words.get(2).is_some_and(|w| w.eq_ignore_ascii_case("LAST"));
            while pending.len() < size {
                let n = tcp.read(&mut buf).await?;
                if n == 0 {
                    return Ok(());
                }
                pending.extend_from_slice(&buf[..n]);
            }
            current.data.extend(pending.drain(..size));
            current.used_bdat = true;
            current.tls = tcp.is_tls();
            if last {
                finish(&state, &behavior, &mut current, &auth_user)
            } else {
                "250 2.0.0 chunk ok\r\n".into()
            }
        } else if upper == "RSET" {
            current.mail.clear();
            current.rcpts.clear();
            current.data.clear();
            "250 2.0.0 ok\r\n".into()
        } else if upper == "QUIT" {
            tcp.write_all(b"221 2.0.0 bye\r\n").await?;
            return Ok(());
        } else if upper == "NOOP" {
            "250 2.0.0 ok\r\n".into()
        } else {
            "502 5.5.1 unknown\r\n".into()
        };
        tcp.write_all(reply.as_bytes()).await?;
    }
}

fn finish(
    state: &State,
    behavior: &Behavior,
    current: &mut Delivery,
    auth_user: &Option<String>,
) -> String {
    let delivery = Delivery {
        tls: current.tls,
        mail: std::mem::take(&mut current.mail),
        rcpts: std::mem::take(&mut current.rcpts),
        data: std::mem::take(&mut current.data),
        auth_user: auth_user.clone(),
        used_bdat: current.used_bdat,
    };
    match &behavior.data_reply {
        Some(reply) => format!("{reply}\r\n"),
        None => {
            state.deliveries.lock().unwrap().push(delivery);
            state.notify.notify_waiters();
            "250 2.0.0 Ok: queued\r\n".into()
        }
    }
}
