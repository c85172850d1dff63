//! What a session runs over: a byte stream that may be upgraded to TLS. The server's
//! connections are [`Stream`]s (TCP, or TLS over TCP); tests and the fuzz target drive a
//! session over an in-memory [`DuplexStream`], which offers no STARTTLS.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, DuplexStream};

use crate::stream::Stream;

/// What TLS established about the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsPeer {
    /// The negotiated version ("TLSv1.3").
    pub version: Option<&'static str>,
    /// The subject of the client's certificate, when it presented one.
    pub subject: Option<String>,
}

/// A client connection a session can run over.
pub trait Transport: AsyncRead + AsyncWrite + Unpin + Send + 'static {
    /// True once TLS is active.
    fn is_tls(&self) -> bool;

    /// What TLS established, once it is active.
    fn tls_peer(&self) -> Option<TlsPeer>;

    /// Performs the server side of a STARTTLS handshake within `limit`; false when it failed
    /// (the session then closes) or this transport cannot carry TLS.
    fn start_tls(
        &mut self,
        config: Arc<rustls::ServerConfig>,
        limit: Duration,
    ) -> impl Future<Output = bool> + Send;
}

impl Transport for Stream {
    fn is_tls(&self) -> bool {
        Stream::is_tls(self)
    }

    fn tls_peer(&self) -> Option<TlsPeer> {
        let Stream::Tls(tls) = self else {
            return None;
        };
        let (_, conn) = tls.get_ref();
        Some(TlsPeer {
            version: crate::tls::version_name(conn.protocol_version()),
            subject: conn
                .peer_certificates()
                .and_then(|certs| certs.first())
                .and_then(crate::tls::subject),
        })
    }

    async fn start_tls(&mut self, config: Arc<rustls::ServerConfig>, limit: Duration) -> bool {
        let Stream::Plain(tcp) = std::mem::replace(self, Stream::Closed) else {
            return false;
        };
        let acceptor = tokio_rustls::TlsAcceptor::from(config);
        match tokio::time::timeout(limit, acceptor.accept(tcp)).await {
            Ok(Ok(tls)) => {
                *self = Stream::Tls(Box::new(tokio_rustls::TlsStream::Server(tls)));
                true
            }
            _ => false,
        }
    }
}

impl Transport for DuplexStream {
    fn is_tls(&self) -> bool {
        false
    }

    fn tls_peer(&self) -> Option<TlsPeer> {
        None
    }

    async fn start_tls(&mut self, _config: Arc<rustls::ServerConfig>, _limit: Duration) -> bool {
        false
    }
}
