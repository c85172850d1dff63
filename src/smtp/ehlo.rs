//! EHLO and HELO (RFC 5321 §4.1.1.1): what is offered depends on the mode and on TLS.

use super::reply;
use super::session::{Flow, Session};
use crate::config::ListenerTls;
use crate::envelope::Mode;

use super::transport::Transport;

impl<S: Transport> Session<S> {
    pub(super) fn ehlo(&mut self, host: String, esmtp: bool) -> Flow {
        if host.is_empty() || host.chars().any(|c| c.is_control()) {
            return self.error(&reply::SYNTAX_ERROR);
        }
        self.reset_transaction();
        self.facts.helo = host;
        self.esmtp = esmtp;
        self.greeted = true;
        let hostname = self.ctx.config.hostname.clone();
        if !esmtp {
            self.reply(&reply::helo(&hostname));
            return Flow::Continue;
        }
        let caps = self.capabilities();
        let client = self.facts.client_ip.to_string();
        self.reply(&reply::ehlo(&hostname, &client, &caps));
        Flow::Continue
    }

    fn capabilities(&self) -> Vec<String> {
        let mut caps = vec![
            "PIPELINING".to_owned(),
            format!("SIZE {}", self.ctx.config.limits.max_message_size),
            "8BITMIME".to_owned(),
            "SMTPUTF8".to_owned(),
            "ENHANCEDSTATUSCODES".to_owned(),
            "CHUNKING".to_owned(),
            "DSN".to_owned(),
        ];
        let tls = self.stream.is_tls();
        if !tls && self.ctx.tls.is_some() && self.ctx.listener.tls == ListenerTls::StartTls {
            caps.push("STARTTLS".to_owned());
        }
        // RFC 4954 §4 and DIR04: credentials never travel in clear.
        if tls
            && self.ctx.listener.mode == Mode::Submission
            && self.facts.authenticated_as.is_none()
        {
            caps.push("AUTH PLAIN LOGIN".to_owned());
        }
        caps
    }
}
