//! Every reply Sentinelle writes to an SMTP client, and the only place client-facing text lives.
//!
//! Texts are French first, then English. SMTP reply text is 7-bit ASCII (RFC 5321 §4.2,
//! RFC 6531 §3.7.4.1 keeps non-ASCII for SMTPUTF8 sessions only), so the French is written
//! without diacritics here; the notifications and the console carry full French.
//! Errors from other modules become replies in this file and nowhere else.

pub mod refusal;

use std::borrow::Cow;
use std::fmt::Write as _;

/// One SMTP reply: a code, an optional enhanced status code (RFC 3463) and one or more lines.
#[derive(Clone, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit reply code.
    pub code: u16,
    /// The enhanced status code (class, subject, detail), absent on greeting and 354.
    pub enhanced: Option<[u8; 3]>,
    /// The text; `\n` separates lines of a multi-line reply.
    pub text: Cow<'static, str>,
}

impl std::fmt::Debug for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Reply texts never carry message content, so printing them is safe.
        write!(f, "{}", self.first_line())
    }
}

/// Whether a reply, or a combination of replies, means success, a retry or a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Grade {
    /// 2xx or 3xx.
    Positive,
    /// 4xx: the client keeps the message and retries.
    Transient,
    /// 5xx: the client returns the message to its sender.
    Permanent,
}

impl Reply {
    /// A reply with an enhanced status code.
    pub const fn new(code: u16, enhanced: [u8; 3], text: &'static str) -> Self {
        Reply {
            code,
            enhanced: Some(enhanced),
            text: Cow::Borrowed(text),
        }
    }

    /// A reply with a text built at run time.
    pub fn owned(code: u16, enhanced: [u8; 3], text: String) -> Self {
        Reply {
            code,
            enhanced: Some(enhanced),
            text: Cow::Owned(text),
        }
    }

    /// Grade of this reply's code.
    pub fn grade(&self) -> Grade {
        match self.code {
            200..=399 => Grade::Positive,
            400..=499 => Grade::Transient,
            _ => Grade::Permanent,
        }
    }

    /// True for 2xx and 3xx.
    pub fn is_positive(&self) -> bool {
        self.grade() == Grade::Positive
    }

    /// This refusal with the incident reference as its last line.
    pub fn with_reference(&self, reference: &str) -> Reply {
        Reply::owned(
            self.code,
            self.enhanced.unwrap_or([5, 7, 1]),
            format!(
                "{}\nReference de l'incident / Incident reference: {}",
                self.text,
                sanitise(reference)
            ),
        )
    }

    /// The first line, as it appears on the wire without CRLF (for logs and tests).
    pub fn first_line(&self) -> String {
        let line = self.text.lines().next().unwrap_or("");
        match self.enhanced {
            Some([a, b, c]) => format!("{} {a}.{b}.{c} {line}", self.code),
            None => format!("{} {line}", self.code),
        }
    }

    /// Appends the wire form (every line CRLF-terminated, continuation lines with `-`).
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let mut lines: Vec<&str> = self.text.lines().collect();
        if lines.is_empty() {
            lines.push("");
        }
        let last = lines.len() - 1;
        let mut wire = String::with_capacity(self.text.len() + 16 * lines.len());
        for (index, line) in lines.iter().enumerate() {
            let sep = if index == last { ' ' } else { '-' };
            let _ = write!(wire, "{}{sep}", self.code);
            if let Some([a, b, c]) = self.enhanced {
                let _ = write!(wire, "{a}.{b}.{c} ");
            }
            wire.push_str(line);
            wire.push_str("\r\n");
        }
        out.extend_from_slice(wire.as_bytes());
    }
}

/// The greeting, sent when a session opens.
pub fn greeting(hostname: &str) -> Reply {
    Reply {
        code: 220,
        enhanced: None,
        text: Cow::Owned(format!("{hostname} ESMTP Sentinelle")),
    }
}

/// The EHLO reply: the hostname line, then one line per capability.
pub fn ehlo(hostname: &str, client: &str, capabilities: &[String]) -> Reply {
    let mut text = format!("{hostname} bonjour / hello {client}");
    for cap in capabilities {
        text.push('\n');
        text.push_str(cap);
    }
    Reply {
        code: 250,
        enhanced: None,
        text: Cow::Owned(text),
    }
}

/// The HELO reply.
pub fn helo(hostname: &str) -> Reply {
    Reply {
        code: 250,
        enhanced: None,
        text: Cow::Owned(hostname.to_owned()),
    }
}

/// 354 after DATA.
pub fn start_data() -> Reply {
    Reply {
        code: 354,
        enhanced: None,
        text: Cow::Borrowed(
            "Envoyez le message, terminez par <CRLF>.<CRLF> / Send message, end with <CRLF>.<CRLF>",
        ),
    }
}

/// 220 before the TLS handshake of STARTTLS.
pub fn start_tls() -> Reply {
    Reply::new(220, [2, 0, 0], "Pret pour TLS / Ready to start TLS")
}

/// 334 with a base64 challenge, during AUTH.
pub fn auth_challenge(challenge: &'static str) -> Reply {
    Reply {
        code: 334,
        enhanced: None,
        text: Cow::Borrowed(challenge),
    }
}

/// A BDAT chunk that is not the last one was received.
pub fn chunk_received(octets: usize) -> Reply {
    Reply::owned(
        250,
        [2, 0, 0],
        format!("{octets} octets recus / {octets} octets received"),
    )
}

/// The message was relayed; the upstream's own text is kept for tracing.
pub fn relayed(upstream_text: &str) -> Reply {
    Reply::owned(
        250,
        [2, 0, 0],
        format!(
            "Message transmis / Message relayed ({})",
            sanitise(upstream_text)
        ),
    )
}

/// The upstream refused; its code is passed on to the client with its text.
pub fn upstream_refused(code: u16, enhanced: [u8; 3], upstream_text: &str) -> Reply {
    let enhanced = if enhanced == [0, 0, 0] {
        [(code / 100) as u8, 0, 0]
    } else {
        enhanced
    };
    Reply::owned(
        code,
        enhanced,
        format!(
            "Refuse par le serveur suivant / Refused by the next hop: {}",
            sanitise(upstream_text)
        ),
    )
}

/// Keeps a foreign text printable ASCII on one line and short, so it can be echoed safely.
pub fn sanitise(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    first
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(200)
        .collect()
}

pub const OK: Reply = Reply::new(250, [2, 0, 0], "OK");
pub const SENDER_OK: Reply = Reply::new(250, [2, 1, 0], "Expediteur accepte / Sender OK");
pub const RECIPIENT_OK: Reply = Reply::new(250, [2, 1, 5], "Destinataire accepte / Recipient OK");
pub const RESET: Reply = Reply::new(250, [2, 0, 0], "Transaction annulee / Reset OK");
pub const BYE: Reply = Reply::new(221, [2, 0, 0], "Au revoir / Bye");
pub const AUTH_OK: Reply = Reply::new(
    235,
    [2, 7, 0],
    "Authentification reussie / Authentication successful",
);
pub const VRFY_DISABLED: Reply = Reply::new(
    252,
    [2, 5, 2],
    "Verification non offerte / Cannot VRFY user, but will accept message",
);

pub const SHUTTING_DOWN: Reply = Reply::new(
    421,
    [4, 3, 2],
    "Service en cours d'arret, reessayez plus tard / Service shutting down, try again later",
);
pub const TOO_MANY_SESSIONS: Reply = Reply::new(
    421,
    [4, 7, 0],
    "Trop de connexions, reessayez plus tard / Too many connections, try again later",
);
pub const TIMEOUT: Reply = Reply::new(
    421,
    [4, 4, 2],
    "Delai d'attente depasse, connexion fermee / Timeout exceeded, closing connection",
);
pub const TRANSFER_TOO_SLOW: Reply = Reply::new(
    421,
    [4, 4, 2],
    "Transfert du message trop lent ou trop long, connexion fermee / Message transfer too slow or too long, closing connection",
);
pub const TOO_MANY_AUTH_FAILURES: Reply = Reply::new(
    421,
    [4, 7, 0],
    "Trop d'echecs d'authentification, connexion fermee / Too many authentication failures, closing connection",
);
pub const TOO_MANY_ERRORS: Reply = Reply::new(
    421,
    [4, 7, 0],
    "Trop d'erreurs, connexion fermee / Too many errors, closing connection",
);

pub const UNKNOWN_COMMAND: Reply =
    Reply::new(500, [5, 5, 1], "Commande inconnue / Unrecognised command");
pub const LINE_TOO_LONG: Reply = Reply::new(
    500,
    [5, 5, 2],
    "Ligne de commande trop longue / Command line too long",
);
pub const SYNTAX_ERROR: Reply = Reply::new(
    501,
    [5, 5, 4],
    "Erreur de syntaxe dans les parametres / Syntax error in parameters",
);
pub const BAD_SENDER_ADDRESS: Reply = Reply::new(
    501,
    [5, 1, 7],
    "Adresse d'expediteur invalide / Invalid sender address",
);
pub const BAD_RECIPIENT_ADDRESS: Reply = Reply::new(
    501,
    [5, 1, 3],
    "Adresse de destinataire invalide / Invalid recipient address",
);
pub const ROUTED_RECIPIENT: Reply = Reply::new(
    553,
    [5, 1, 3],
    "Adresse refusee: routage explicite interdit (%, !, @ entre guillemets, route source) / Recipient address refused: explicit routing is not allowed (%, !, quoted @, source route)",
);
pub const UNSUPPORTED_PARAMETER: Reply = Reply::new(
    555,
    [5, 5, 4],
    "Parametre non reconnu / Unsupported MAIL or RCPT parameter",
);
pub const NOT_IMPLEMENTED: Reply = Reply::new(
    502,
    [5, 5, 1],
    "Commande non offerte / Command not implemented",
);
pub const BAD_SEQUENCE: Reply = Reply::new(
    503,
    [5, 5, 1],
    "Commande hors sequence / Bad sequence of commands",
);
pub const NEED_HELO: Reply = Reply::new(503, [5, 5, 1], "Envoyez EHLO d'abord / Send EHLO first");
pub const NEED_MAIL: Reply = Reply::new(
    503,
    [5, 5, 1],
    "Envoyez MAIL FROM d'abord / Need MAIL command first",
);
pub const NEED_RCPT: Reply = Reply::new(
    503,
    [5, 5, 1],
    "Aucun destinataire valide / Need RCPT command first",
);
pub const NESTED_MAIL: Reply = Reply::new(
    503,
    [5, 5, 1],
    "Transaction deja ouverte / Nested MAIL command",
);
pub const TLS_ALREADY_ACTIVE: Reply =
    Reply::new(503, [5, 5, 1], "TLS deja actif / TLS already active");
pub const TLS_UNAVAILABLE: Reply =
    Reply::new(454, [4, 7, 0], "TLS non disponible / TLS not available");
pub const MIXED_DATA_BDAT: Reply = Reply::new(
    503,
    [5, 5, 1],
    "Ne pas melanger DATA et BDAT / Do not mix DATA and BDAT",
);

pub const TOO_BIG: Reply = Reply::new(
    552,
    [5, 3, 4],
    "Message trop volumineux / Message size exceeds the fixed limit",
);
pub const TOO_MANY_RECIPIENTS: Reply = Reply::new(
    452,
    [4, 5, 3],
    "Trop de destinataires / Too many recipients",
);
pub const HEADER_LINE_TOO_LONG: Reply = Reply::new(
    552,
    [5, 3, 4],
    "Ligne d'en-tete trop longue / Header line too long",
);
pub const BARE_NEWLINE: Reply = Reply::new(
    521,
    [5, 5, 2],
    "CR ou LF isole refuse (RFC 5321 2.3.8), connexion fermee / Bare CR or LF received, closing connection",
);

pub const RELAY_DENIED: Reply = Reply::new(
    550,
    [5, 7, 1],
    "Relais refuse: client non autorise / Relay access denied: client not trusted",
);
pub const AUTH_REQUIRED: Reply = Reply::new(
    530,
    [5, 7, 0],
    "Authentification requise / Authentication required",
);
pub const TLS_REQUIRED_FOR_AUTH: Reply = Reply::new(
    538,
    [5, 7, 11],
    "Chiffrement requis: faites STARTTLS d'abord / Encryption required: issue STARTTLS first",
);
pub const AUTH_FAILED: Reply = Reply::new(
    535,
    [5, 7, 8],
    "Identifiants refuses / Authentication credentials invalid",
);
pub const AUTH_TEMPORARY_FAILURE: Reply = Reply::new(
    454,
    [4, 7, 0],
    "Verification des identifiants impossible pour le moment / Temporary authentication failure",
);
pub const AUTH_CANCELLED: Reply = Reply::new(
    501,
    [5, 7, 0],
    "Authentification annulee / Authentication cancelled",
);
pub const AUTH_MECHANISM_UNSUPPORTED: Reply = Reply::new(
    504,
    [5, 5, 4],
    "Mecanisme non offert (PLAIN ou LOGIN) / Unrecognised authentication mechanism (use PLAIN or LOGIN)",
);
pub const ALREADY_AUTHENTICATED: Reply =
    Reply::new(503, [5, 5, 1], "Deja authentifie / Already authenticated");
pub const AUTH_NOT_OFFERED: Reply = Reply::new(
    503,
    [5, 5, 1],
    "Authentification non offerte sur ce port / Authentication not offered on this port",
);
pub const SENDER_NOT_ACCOUNT: Reply = Reply::new(
    550,
    [5, 7, 1],
    "Expediteur refuse: utilisez l'adresse de votre compte corporatif (DIR04 art. 6 (2)) / Sender refused: use your authenticated corporate account's address",
);
pub const HEADER_FROM_NOT_ACCOUNT: Reply = Reply::new(
    550,
    [5, 7, 1],
    "Message refuse: les en-tetes From et Sender doivent etre l'adresse de votre compte corporatif (DIR04 art. 6 (2))\nMessage refused: the From and Sender headers must be your authenticated corporate account's address",
);
pub const SEVERAL_FROM_FIELDS: Reply = Reply::new(
    550,
    [5, 7, 1],
    "Message refuse: un seul en-tete From et au plus un Sender, a l'adresse de votre compte corporatif (DIR04 art. 6 (2))\nMessage refused: more than one From or Sender header field (DIR04 art. 6 (2)); send one From, your authenticated corporate account's address",
);

pub const UPSTREAM_UNAVAILABLE: Reply = Reply::new(
    451,
    [4, 4, 1],
    "Serveur suivant injoignable, reessayez plus tard / Next hop unreachable, try again later",
);
pub const UPSTREAM_FAILED: Reply = Reply::new(
    451,
    [4, 4, 2],
    "Connexion au serveur suivant interrompue, reessayez plus tard / Next hop connection failed, try again later",
);
pub const INCIDENT_STORE_UNAVAILABLE: Reply = Reply::new(
    451,
    [4, 3, 0],
    "Journal des incidents indisponible, reessayez plus tard / Incident log unavailable, try again later",
);
pub const LOCAL_ERROR: Reply = Reply::new(
    451,
    [4, 3, 0],
    "Erreur locale temporaire, reessayez plus tard / Temporary local error, try again later",
);

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The reply as written on the wire.
    pub(in crate::smtp::reply) fn wire(reply: &Reply) -> String {
        let mut out = Vec::new();
        reply.write_to(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn single_line_has_enhanced_code() {
        assert_eq!(
            wire(&SENDER_OK),
            "250 2.1.0 Expediteur accepte / Sender OK\r\n"
        );
    }

    #[test]
    fn multi_line_uses_continuations_and_repeats_the_enhanced_code() {
        let text = wire(&HEADER_FROM_NOT_ACCOUNT);
        let lines: Vec<&str> = text.split_terminator("\r\n").collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("550-5.7.1 Message refuse"));
        assert!(lines[1].starts_with("550 5.7.1 Message refused"));
    }

    #[test]
    fn every_static_text_is_ascii() {
        for reply in [
            SENDER_OK,
            SHUTTING_DOWN,
            BARE_NEWLINE,
            SENDER_NOT_ACCOUNT,
            HEADER_FROM_NOT_ACCOUNT,
            SEVERAL_FROM_FIELDS,
            ROUTED_RECIPIENT,
            TRANSFER_TOO_SLOW,
            UPSTREAM_UNAVAILABLE,
        ] {
            assert!(wire(&reply).is_ascii(), "{reply:?}");
        }
    }

    #[test]
    fn upstream_text_is_sanitised() {
        let reply = upstream_refused(550, [5, 1, 1], "no such user\r\n250 injected\u{7}é");
        assert_eq!(
            reply.first_line(),
            "550 5.1.1 Refuse par le serveur suivant / Refused by the next hop: no such user"
        );
        let reply = upstream_refused(554, [0, 0, 0], "nope");
        assert_eq!(reply.enhanced, Some([5, 0, 0]));
    }

    #[test]
    fn severity_follows_the_code() {
        assert_eq!(OK.grade(), Grade::Positive);
        assert_eq!(UPSTREAM_FAILED.grade(), Grade::Transient);
        assert_eq!(RELAY_DENIED.grade(), Grade::Permanent);
    }
}
