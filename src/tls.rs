//! TLS with rustls (ring provider, TLS 1.2 and 1.3 only): the server configuration for
//! STARTTLS and implicit TLS, optional client-certificate verification (relay mode, the console), the
//! throwaway certificate of a first run, and the client configuration towards the upstream.

use std::path::Path;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::server::WebPkiClientVerifier;
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, ServerConfig, SignatureScheme};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};

use crate::config::{RelayConfig, SmtpUpstream, TlsConfig};

/// What can go wrong setting TLS up.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A PEM file is missing or unreadable.
    #[error("cannot read {path}: {reason}")]
    Pem {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The throwaway certificate could not be generated or written.
    #[error("cannot generate a self-signed certificate into {path}: {reason}")]
    Generate {
        /// Where it was to be written.
        path: String,
        /// Why.
        reason: String,
    },
    /// rustls refused the material.
    #[error("TLS configuration refused: {0}")]
    Rustls(#[from] rustls::Error),
    /// The client CA could not be used.
    #[error("client certificate verifier: {0}")]
    Verifier(String),
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

const VERSIONS: &[&rustls::SupportedProtocolVersion] =
    &[&rustls::version::TLS13, &rustls::version::TLS12];

/// Writes a throwaway self-signed certificate and key if both files are absent.
/// Returns true when it generated them.
pub fn ensure_certificate(tls: &TlsConfig, hostname: &str) -> Result<bool, TlsError> {
    if !tls.generate_if_missing || tls.cert.exists() || tls.key.exists() {
        return Ok(false);
    }
    let fail = |reason: String| TlsError::Generate {
        path: tls.cert.display().to_string(),
        reason,
    };
    let names = vec![hostname.to_owned(), "localhost".to_owned()];
    let certified = rcgen::generate_simple_self_signed(names).map_err(|e| fail(e.to_string()))?;
    for path in [&tls.cert, &tls.key] {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| fail(e.to_string()))?;
        }
    }
    std::fs::write(&tls.cert, certified.cert.pem()).map_err(|e| fail(e.to_string()))?;
    write_private(&tls.key, certified.signing_key.serialize_pem().as_bytes())
        .map_err(|e| fail(e.to_string()))?;
    Ok(true)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(bytes)
}

fn read_certs(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let pem_err = |reason: String| TlsError::Pem {
        path: path.display().to_string(),
        reason,
    };
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| pem_err(e.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pem_err(e.to_string()))?;
    if certs.is_empty() {
        return Err(pem_err("no certificate in the file".into()));
    }
    Ok(certs)
}

fn read_roots(path: &Path) -> Result<RootCertStore, TlsError> {
    let mut roots = RootCertStore::empty();
    for cert in read_certs(path)? {
        roots.add(cert).map_err(|e| TlsError::Pem {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    Ok(roots)
}

/// The server configuration shared by every TLS listener.
pub fn server_config(tls: &TlsConfig, relay: &RelayConfig) -> Result<Arc<ServerConfig>, TlsError> {
    server_config_with(tls, relay.client_ca.as_deref())
}

/// The server configuration of the certificate in `tls`, asking for (optional) client
/// certificates signed by `client_ca` when one is given: clients without one go on, judged
/// by their network or their password.
pub fn server_config_with(
    tls: &TlsConfig,
    client_ca: Option<&Path>,
) -> Result<Arc<ServerConfig>, TlsError> {
    let certs = read_certs(&tls.cert)?;
    let key = PrivateKeyDer::from_pem_file(&tls.key).map_err(|e| TlsError::Pem {
        path: tls.key.display().to_string(),
        reason: e.to_string(),
    })?;
    let builder =
        ServerConfig::builder_with_provider(provider()).with_protocol_versions(VERSIONS)?;
    let builder = match client_ca {
        Some(ca) => {
            let verifier =
                WebPkiClientVerifier::builder_with_provider(Arc::new(read_roots(ca)?), provider())
                    .allow_unauthenticated()
                    .build()
                    .map_err(|e| TlsError::Verifier(e.to_string()))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    Ok(Arc::new(builder.with_single_cert(certs, key)?))
}

/// The subject of a (verified) peer certificate, RFC 4514 style ("CN=exchange01, O=CHUM").
pub fn subject(cert: &CertificateDer<'_>) -> Option<String> {
    let (_, parsed) = x509_parser::parse_x509_certificate(cert.as_ref()).ok()?;
    Some(parsed.subject().to_string())
}

/// A printable TLS version name.
pub fn version_name(version: Option<rustls::ProtocolVersion>) -> Option<&'static str> {
    match version? {
        rustls::ProtocolVersion::TLSv1_3 => Some("TLSv1.3"),
        rustls::ProtocolVersion::TLSv1_2 => Some("TLSv1.2"),
        _ => Some("TLS"),
    }
}

/// The client configuration towards an upstream SMTP server.
pub fn client_config(upstream: &SmtpUpstream) -> Result<Arc<ClientConfig>, TlsError> {
    let builder =
        ClientConfig::builder_with_provider(provider()).with_protocol_versions(VERSIONS)?;
    let config = if upstream.dangerous_accept_invalid_certs {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(DangerousAcceptAny(provider())))
            .with_no_client_auth()
    } else {
        let roots = match &upstream.ca_file {
            Some(path) => read_roots(path)?,
            None => {
                let mut roots = RootCertStore::empty();
                let found = rustls_native_certs::load_native_certs();
                roots.add_parsable_certificates(found.certs);
                roots
            }
        };
        builder.with_root_certificates(roots).with_no_client_auth()
    };
    Ok(Arc::new(config))
}

/// The name to verify in the upstream's certificate.
pub fn upstream_name(upstream: &SmtpUpstream) -> Result<ServerName<'static>, TlsError> {
    let name = upstream.server_name.as_deref().unwrap_or(&upstream.host);
    ServerName::try_from(name.to_owned()).map_err(|e| TlsError::Pem {
        path: name.to_owned(),
        reason: e.to_string(),
    })
}

/// Accepts any upstream certificate. Only reachable through `dangerous_accept_invalid_certs`.
#[derive(Debug)]
struct DangerousAcceptAny(Arc<CryptoProvider>);

impl ServerCertVerifier for DangerousAcceptAny {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_generates_a_usable_certificate_once() {
        let dir = tempfile::tempdir().unwrap();
        let tls = TlsConfig {
            cert: dir.path().join("tls/cert.pem"),
            key: dir.path().join("tls/key.pem"),
            generate_if_missing: true,
        };
        assert!(ensure_certificate(&tls, "sentinelle.localhost").unwrap());
        assert!(!ensure_certificate(&tls, "sentinelle.localhost").unwrap());
        let relay = RelayConfig {
            trusted_networks: vec![],
            client_ca: None,
            trusted_client_subjects: vec![],
            upstream: None,
        };
        server_config(&tls, &relay).unwrap();
        let certs = read_certs(&tls.cert).unwrap();
        assert!(subject(&certs[0]).is_some());
    }

    #[test]
    fn missing_files_are_a_clear_error() {
        let tls = TlsConfig {
            cert: "/nonexistent/cert.pem".into(),
            key: "/nonexistent/key.pem".into(),
            generate_if_missing: false,
        };
        let relay = RelayConfig {
            trusted_networks: vec![],
            client_ca: None,
            trusted_client_subjects: vec![],
            upstream: None,
        };
        let err = server_config(&tls, &relay).unwrap_err();
        assert!(err.to_string().contains("/nonexistent/cert.pem"));
    }
}
