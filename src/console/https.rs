//! The admin listener over HTTPS (`[console] tls = true`, the `[tls]` certificate): a
//! listener for `axum::serve` that completes TLS handshakes off the accept loop (a slow or
//! silent client holds only its own handshake, for at most the configured time, and at
//! most [`HANDSHAKES`] run at once), and [`Peer`], what each request knows of its
//! connection: the client's address and the subject of its verified client certificate.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, mpsc};
use tokio_rustls::server::TlsStream;

/// The connection a request came on, as handlers extract it (`ConnectInfo<Peer>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    /// The client's address.
    pub address: SocketAddr,
    /// The subject of the client certificate rustls verified against `[console] client_ca`
    /// (RFC 4514, as the relay listener compares them); none over plain HTTP or without one.
    pub subject: Option<String>,
}

impl Peer {
    /// A peer without a client certificate.
    pub fn plain(address: SocketAddr) -> Peer {
        Peer {
            address,
            subject: None,
        }
    }
}

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, TcpListener>> for Peer {
    fn connect_info(stream: axum::serve::IncomingStream<'_, TcpListener>) -> Peer {
        Peer::plain(*stream.remote_addr())
    }
}

impl axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, TlsListener>> for Peer {
    fn connect_info(stream: axum::serve::IncomingStream<'_, TlsListener>) -> Peer {
        // rustls only hands over a chain it verified (the verifier allows none at all).
        let subject = stream
            .io()
            .get_ref()
            .1
            .peer_certificates()
            .and_then(|chain| chain.first())
            .and_then(crate::tls::subject);
        Peer {
            address: *stream.remote_addr(),
            subject,
        }
    }
}

/// Handshakes in progress at once.
pub const HANDSHAKES: usize = 64;

/// Accepted TLS connections, as `axum::serve` takes them.
pub struct TlsListener {
    ready: mpsc::Receiver<(TlsStream<TcpStream>, SocketAddr)>,
    local: SocketAddr,
}

impl TlsListener {
    /// Accepts on `tcp` and completes each handshake within `limit`.
    pub fn new(
        tcp: TcpListener,
        config: Arc<rustls::ServerConfig>,
        limit: Duration,
    ) -> std::io::Result<TlsListener> {
        let local = tcp.local_addr()?;
        let (done, ready) = mpsc::channel(HANDSHAKES);
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        let slots = Arc::new(Semaphore::new(HANDSHAKES));
        tokio::spawn(async move {
            while !done.is_closed() {
                let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
                    return;
                };
                let (stream, peer) = match tcp.accept().await {
                    Ok(accepted) => accepted,
                    Err(err) => {
                        tracing::warn!(error = %err, "admin listener: accept failed");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let (acceptor, done) = (acceptor.clone(), done.clone());
                tokio::spawn(async move {
                    match tokio::time::timeout(limit, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = done.send((tls, peer)).await;
                        }
                        _ => tracing::info!(%peer, "admin listener: TLS handshake failed"),
                    }
                    drop(slot);
                });
            }
        });
        Ok(TlsListener { ready, local })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(accepted) => accepted,
            // The accept task ended (the runtime is stopping): nothing more comes.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<SocketAddr> {
        Ok(self.local)
    }
}
