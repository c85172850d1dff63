//! AUTH PLAIN and LOGIN (RFC 4954, RFC 4616), submission mode only and only under TLS.
//!
//! Sentinelle keeps no password: it checks the credentials by authenticating to the upstream
//! submission server with them, keeps that authenticated connection to relay the session's
//! mail, and holds the credentials in memory (zeroed on drop) only to reconnect during this
//! session. Failures are slowed down (the delay grows with each one) and counted; past the
//! limit the session is closed.

use base64::Engine as _;
use smtp_proto::{AUTH_LOGIN, AUTH_PLAIN};
use zeroize::Zeroizing;

use super::reply;
use super::session::{Flow, Session, State};
use crate::action::upstream::{Connection, Credentials};
use crate::envelope::Mode;

/// Where an AUTH exchange is.
pub(super) enum Sasl {
    /// PLAIN, waiting for the response to an empty challenge.
    Plain,
    /// LOGIN, waiting for the user name.
    LoginUser,
    /// LOGIN, waiting for the password of this user.
    LoginPassword(String),
}

const USERNAME_CHALLENGE: &str = "VXNlcm5hbWU6"; // "Username:"
const PASSWORD_CHALLENGE: &str = "UGFzc3dvcmQ6"; // "Password:"

fn decode(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
        .map(Zeroizing::new)
}

/// Splits a PLAIN response: authzid NUL authcid NUL password; authzid must be empty or authcid.
fn split_plain(decoded: &[u8]) -> Option<Credentials> {
    let mut parts = decoded.split(|&b| b == 0);
    let authzid = parts.next()?;
    let user = std::str::from_utf8(parts.next()?).ok()?;
    let password = std::str::from_utf8(parts.next()?).ok()?;
    if parts.next().is_some()
        || user.is_empty()
        || (!authzid.is_empty() && authzid != user.as_bytes())
    {
        return None;
    }
    Some(Credentials {
        username: user.to_owned(),
        password: Zeroizing::new(password.to_owned()),
    })
}

use super::transport::Transport;

impl<S: Transport> Session<S> {
    pub(super) async fn auth(&mut self, mechanism: u64, initial: String) -> Flow {
        let initial = Zeroizing::new(initial);
        if self.ctx.listener.mode != Mode::Submission {
            return self.error(&reply::AUTH_NOT_OFFERED);
        }
        if !self.stream.is_tls() {
            return self.error(&reply::TLS_REQUIRED_FOR_AUTH);
        }
        if self.facts.authenticated_as.is_some() {
            return self.error(&reply::ALREADY_AUTHENTICATED);
        }
        if self.tx.envelope.is_some() || !self.greeted {
            return self.error(&reply::BAD_SEQUENCE);
        }
        match mechanism {
            AUTH_PLAIN if initial.is_empty() => {
                self.state = State::Sasl(Sasl::Plain);
                self.reply(&reply::auth_challenge(""));
                Flow::Continue
            }
            AUTH_PLAIN => self.plain_response(initial.as_str()).await,
            AUTH_LOGIN if initial.is_empty() => {
                self.state = State::Sasl(Sasl::LoginUser);
                self.reply(&reply::auth_challenge(USERNAME_CHALLENGE));
                Flow::Continue
            }
            AUTH_LOGIN => self.login_user(initial.as_str()),
            _ => self.error(&reply::AUTH_MECHANISM_UNSUPPORTED),
        }
    }

    /// A line received while an AUTH exchange waits for a response.
    pub(super) async fn sasl_line(&mut self, line: &[u8]) -> Flow {
        let state = std::mem::replace(&mut self.state, State::Command);
        let text = Zeroizing::new(String::from_utf8_lossy(line).trim_end().to_owned());
        if text.as_str() == "*" {
            return self.error(&reply::AUTH_CANCELLED);
        }
        match state {
            State::Sasl(Sasl::Plain) => self.plain_response(&text).await,
            State::Sasl(Sasl::LoginUser) => self.login_user(&text),
            State::Sasl(Sasl::LoginPassword(user)) => {
                match decode(&text).and_then(|p| String::from_utf8(p.to_vec()).ok()) {
                    Some(password) => {
                        let credentials = Credentials {
                            username: user,
                            password: Zeroizing::new(password),
                        };
                        self.verify(credentials).await
                    }
                    None => self.error(&reply::SYNTAX_ERROR),
                }
            }
            _ => Flow::Continue,
        }
    }

    async fn plain_response(&mut self, text: &str) -> Flow {
        let text = if text == "=" { "" } else { text };
        match decode(text).as_deref().and_then(|d| split_plain(d)) {
            Some(credentials) => self.verify(credentials).await,
            None => self.error(&reply::SYNTAX_ERROR),
        }
    }

    fn login_user(&mut self, text: &str) -> Flow {
        match decode(text).and_then(|u| String::from_utf8(u.to_vec()).ok()) {
            Some(user) if !user.is_empty() => {
                self.state = State::Sasl(Sasl::LoginPassword(user));
                self.reply(&reply::auth_challenge(PASSWORD_CHALLENGE));
                Flow::Continue
            }
            _ => self.error(&reply::SYNTAX_ERROR),
        }
    }

    /// Checks the credentials against the upstream submission server.
    async fn verify(&mut self, credentials: Credentials) -> Flow {
        let Some(target) = self.ctx.auth_target.clone() else {
            self.reply(&reply::AUTH_TEMPORARY_FAILURE);
            return Flow::Continue;
        };
        let answer = match Connection::open(&target).await {
            Ok(mut conn) => match conn.authenticate(&credentials).await {
                Ok(answer) => Some((answer, conn)),
                Err(err) => {
                    tracing::warn!(error = %err, "upstream failed during AUTH");
                    None
                }
            },
            Err(err) => {
                tracing::warn!(error = %err, "upstream unavailable for AUTH");
                None
            }
        };
        match answer {
            Some((answer, conn)) if answer.code == 235 => {
                tracing::info!(account = %credentials.username, "authenticated by the upstream");
                self.facts.authenticated_as = Some(credentials.username.clone());
                self.upstream.credentials = Some(credentials);
                self.upstream.connection = Some(conn);
                self.reply(&reply::AUTH_OK);
                Flow::Continue
            }
            Some((answer, conn)) if answer.code >= 500 => {
                conn.quit().await;
                self.auth_failed().await
            }
            Some((_, conn)) => {
                conn.quit().await;
                self.reply(&reply::AUTH_TEMPORARY_FAILURE);
                Flow::Continue
            }
            None => {
                self.reply(&reply::AUTH_TEMPORARY_FAILURE);
                Flow::Continue
            }
        }
    }

    /// Slows the client down, counts the failure, and closes past the limit.
    async fn auth_failed(&mut self) -> Flow {
        self.auth_failures += 1;
        self.ctx.metrics.auth_failed();
        let limits = &self.ctx.config.limits;
        tracing::warn!(failures = self.auth_failures, "authentication failed");
        tokio::time::sleep(limits.auth_failure_delay * self.auth_failures).await;
        if self.auth_failures >= limits.max_auth_failures {
            self.reply(&reply::AUTH_FAILED);
            self.reply(&reply::TOO_MANY_AUTH_FAILURES);
            return Flow::Close;
        }
        self.reply(&reply::AUTH_FAILED);
        Flow::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_response_is_split_and_checked() {
        let creds = split_plain(b"\0marc\0secret").unwrap();
        assert_eq!(creds.username, "marc");
        assert_eq!(creds.password.as_str(), "secret");
        assert!(split_plain(b"marc\0marc\0secret").is_some());
        assert!(split_plain(b"other\0marc\0secret").is_none());
        assert!(split_plain(b"\0\0secret").is_none());
        assert!(split_plain(b"\0marc").is_none());
        assert!(split_plain(b"\0marc\0a\0b").is_none());
    }

    #[test]
    fn credentials_debug_hides_the_password() {
        let creds = split_plain(b"\0marc\0secret").unwrap();
        assert!(!format!("{creds:?}").contains("secret"));
    }
}
