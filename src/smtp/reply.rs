//! Every reply Sentinelle writes to an SMTP client, and the only place client-facing text lives.
//!
//! Texts are French first, then English. SMTP reply text is 7-bit ASCII (RFC 5321 §4.2,
//! RFC 6531 §3.7.4.1 keeps non-ASCII for SMTPUTF8 sessions only), so the French is written
//! without diacritics here; the notifications and the console carry full French.
//! Errors from other modules become replies in this file and nowhere else.

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
pub enum Severity {
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

    /// Severity of this reply's code.
    pub fn severity(&self) -> Severity {
        match self.code {
            200..=399 => Severity::Positive,
            400..=499 => Severity::Transient,
            _ => Severity::Permanent,
        }
    }

    /// True for 2xx and 3xx.
    pub fn is_positive(&self) -> bool {
        self.severity() == Severity::Positive
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

/// The words of one kind of DIR04 refusal: the rule, what it forbids, what to do instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The rule, as cited to the physician.
    pub rule: &'static str,
    /// What was refused, in French.
    pub fr: &'static str,
    /// What to do instead, in French.
    pub todo_fr: &'static str,
    /// What was refused, in English.
    pub en: &'static str,
    /// What to do instead, in English.
    pub todo_en: &'static str,
}

pub const AUTO_FORWARD: Refusal = Refusal {
    rule: "DIR04 art. 6 (5)",
    fr: "transfert automatique hors de la plateforme corporative interdit",
    todo_fr: "retirez la regle de transfert de votre boite",
    en: "automatic forwarding outside the corporate platform is forbidden",
    todo_en: "remove the forwarding rule from your mailbox",
};
pub const WEBMAIL: Refusal = Refusal {
    rule: "DIR04 art. 6 (4)",
    fr: "renseignements confidentiels vers une messagerie publique",
    todo_fr: "utilisez l'adresse corporative du destinataire ou retirez les renseignements du patient",
    en: "confidential information to a public webmail service",
    todo_en: "use the recipient's corporate address or remove the patient data",
};
pub const UNENCRYPTED_EXTERNAL: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "renseignements confidentiels vers l'externe sans chiffrement approuve",
    todo_fr: "ajoutez [chiffre] a l'objet apres avoir obtenu le certificat OpenPGP du destinataire, ou retirez les renseignements du patient",
    en: "confidential information to an outside recipient without approved encryption",
    todo_en: "ask the recipient for an OpenPGP certificate and add [secure] to the subject, or remove the patient data",
};
pub const WEAK_ENCRYPTION: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "chiffrement non approuve ou invalide",
    todo_fr: "chiffrez avec OpenPGP (protection d'integrite) ou S/MIME AES, ou ajoutez [chiffre] a l'objet",
    en: "encryption that is not approved, or broken",
    todo_en: "encrypt with OpenPGP (integrity-protected) or S/MIME with AES, or add [secure] to the subject",
};
pub const RESTRICTED_SYSTEM: Refusal = Refusal {
    rule: "orientation MSSS, DIR04 art. 7",
    fr: "ce systeme ne doit plus recevoir de renseignements confidentiels",
    todo_fr: "communiquez avec votre centre de services",
    en: "this system may no longer receive confidential information",
    todo_en: "contact your service centre",
};
pub const UNSCANNABLE: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "contenu impossible a analyser (archive ou document protege, limite atteinte), traite comme confidentiel",
    todo_fr: "envoyez les documents sans mot de passe et ajoutez [chiffre] a l'objet",
    en: "content that could not be analysed (protected archive or document, limit reached), treated as confidential",
    todo_en: "send the documents without a password and add [secure] to the subject",
};
pub const UNSCANNABLE_PROTECTED: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "document ou archive protege par mot de passe ou chiffre, impossible a analyser, traite comme confidentiel",
    todo_fr: "envoyez le document sans mot de passe et ajoutez [chiffre] a l'objet (le courriel sera chiffre si le destinataire a un certificat)",
    en: "password-protected or encrypted document or archive, which could not be analysed, treated as confidential",
    todo_en: "send the document without a password and add [secure] to the subject (the mail is encrypted if the recipient has a certificate)",
};
pub const UNSCANNABLE_LIMIT: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "message trop gros ou trop complexe pour etre analyse (limite atteinte), traite comme confidentiel",
    todo_fr: "envoyez les pieces jointes en plusieurs messages plus petits, sans archives imbriquees",
    en: "message too large or too complex to analyse (a limit was reached), treated as confidential",
    todo_en: "send the attachments in several smaller messages, without nested archives",
};
pub const UNSCANNABLE_FORMAT: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "format de fichier que Sentinelle ne lit pas (7z, rar, gzip, ancien Office, donnees signees opaques), traite comme confidentiel",
    todo_fr: "envoyez le document en PDF, docx, xlsx ou zip, ou un message signe en signature detachee",
    en: "file format Sentinelle does not read (7z, rar, gzip, legacy Office, opaque signed data), treated as confidential",
    todo_en: "send the document as PDF, docx, xlsx or zip, or a signed message with a detached signature",
};
pub const UNSCANNABLE_IMAGE: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "image medicale DICOM sans elements patient: l'image peut porter des donnees incrustees, traitee comme confidentielle",
    todo_fr: "anonymisez l'image (annotations incrustees comprises) avec l'outil de l'etablissement, ou ajoutez [chiffre] a l'objet",
    en: "DICOM medical image without patient elements: the image may carry burned-in patient data, treated as confidential",
    todo_en: "de-identify the image (burned-in annotations included) with the establishment's tool, or add [secure] to the subject",
};
pub const UNSCANNABLE_CORRUPT: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "piece jointe corrompue ou tronquee, impossible a analyser, traitee comme confidentielle",
    todo_fr: "verifiez le fichier et joignez-le de nouveau",
    en: "corrupt or truncated attachment, which could not be analysed, treated as confidential",
    todo_en: "check the file and attach it again",
};

/// The refusal that tells the true reason a part could not be read (`reason` as the
/// analysis words it); the general text when the reason is none of the known kinds.
pub fn unscannable(reason: &str) -> &'static Refusal {
    let has = |words: &[&str]| words.iter().any(|w| reason.contains(w));
    if has(&["dicom"]) {
        &UNSCANNABLE_IMAGE
    } else if has(&["password", "encrypted"]) {
        &UNSCANNABLE_PROTECTED
    } else if has(&["limit", "too many", "deeper"]) {
        &UNSCANNABLE_LIMIT
    } else if has(&["not supported", "legacy", "signed or compressed"]) {
        &UNSCANNABLE_FORMAT
    } else if has(&["corrupt", "truncated", "not parseable", "parser failure"]) {
        &UNSCANNABLE_CORRUPT
    } else {
        &UNSCANNABLE
    }
}
pub const ENCRYPTION_UNAVAILABLE: Refusal = Refusal {
    rule: "DIR04 art. 6 (3)",
    fr: "chiffrement demande mais aucun certificat OpenPGP valide pour ce destinataire",
    todo_fr: "demandez au destinataire son certificat OpenPGP pour le centre de services",
    en: "encryption was asked for but no valid OpenPGP certificate is held for this recipient",
    todo_en: "ask the recipient for an OpenPGP certificate for the service centre",
};
pub const FORBIDDEN_RECIPIENT: Refusal = Refusal {
    rule: "politique de l'etablissement",
    fr: "destinataire interdit pour ce message",
    todo_fr: "communiquez avec votre centre de services",
    en: "recipient not allowed for this message by the establishment's policy",
    todo_en: "contact your service centre",
};

/// Most recipients named per refusal line (the rest are counted).
const NAMED: usize = 5;

fn named(recipients: &[String], more: &str) -> String {
    let mut list = recipients
        .iter()
        .take(NAMED)
        .map(|r| sanitise(r))
        .collect::<Vec<_>>()
        .join(", ");
    if recipients.len() > NAMED {
        let _ = write!(list, " (+{} {more})", recipients.len() - NAMED);
    }
    list
}

/// Per-recipient mode: the message went to `delivered` recipients, not to `refused`, whose
/// sender gets a delivery status notification.
pub fn partly_relayed(delivered: usize, refused: &[&str]) -> Reply {
    let refused: Vec<String> = refused.iter().map(|r| (*r).to_owned()).collect();
    Reply::owned(
        250,
        [2, 0, 0],
        format!(
            "Message remis a {delivered} destinataire(s), refuse pour {} (DIR04, avis de non-remise envoye)\nMessage delivered to {delivered} recipient(s), refused for {} (DIR04, delivery status notification sent)",
            named(&refused, "autres"),
            named(&refused, "more")
        ),
    )
}

/// A DIR04 refusal (550 5.7.1): for each kind, the rule, the refused recipients and what to
/// do, in French then in English. `reference` is the incident reference, when one exists.
/// No message content ever enters this text: only rules and the envelope's addresses.
pub fn refused(kinds: &[(&Refusal, Vec<String>)], reference: Option<&str>) -> Reply {
    let mut text = String::new();
    for (refusal, recipients) in kinds {
        let _ = writeln!(
            text,
            "Message refuse ({}): {}: {}",
            refusal.rule,
            refusal.fr,
            named(recipients, "autres")
        );
        let _ = writeln!(text, "Que faire: {}", refusal.todo_fr);
    }
    for (refusal, recipients) in kinds {
        let _ = writeln!(
            text,
            "Message refused ({}): {}: {}",
            refusal.rule,
            refusal.en,
            named(recipients, "more")
        );
        let _ = writeln!(text, "What to do: {}", refusal.todo_en);
    }
    if let Some(reference) = reference {
        let _ = writeln!(
            text,
            "Reference de l'incident / Incident reference: {}",
            sanitise(reference)
        );
    }
    Reply::owned(550, [5, 7, 1], text.trim_end().to_owned())
}

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
mod tests {
    use super::*;

    fn wire(reply: &Reply) -> String {
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
    fn refusals_name_rule_recipients_and_remedy_in_french_then_english() {
        let many: Vec<String> = (0..8).map(|i| format!("p{i}@gmail.com")).collect();
        let reply = refused(
            &[
                (&WEBMAIL, many),
                (&UNENCRYPTED_EXTERNAL, vec!["y@clinique.example".into()]),
            ],
            Some("INC-2026-000001"),
        );
        let wire = wire(&reply);
        assert!(wire.is_ascii());
        assert!(wire.lines().all(|l| l.len() <= 512));
        assert!(wire.starts_with("550-5.7.1 Message refuse (DIR04 art. 6 (4))"));
        let french = wire.find("Que faire").unwrap();
        let english = wire.find("What to do").unwrap();
        assert!(french < english);
        assert!(wire.contains("p4@gmail.com (+3 autres)"));
        assert!(!wire.contains("p5@gmail.com"));
        assert!(wire.contains("y@clinique.example"));
        assert!(wire.ends_with(
            "550 5.7.1 Reference de l'incident / Incident reference: INC-2026-000001\r\n"
        ));
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
        assert_eq!(OK.severity(), Severity::Positive);
        assert_eq!(UPSTREAM_FAILED.severity(), Severity::Transient);
        assert_eq!(RELAY_DENIED.severity(), Severity::Permanent);
    }
}
