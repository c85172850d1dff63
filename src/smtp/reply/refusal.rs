//! The words of every DIR04 refusal, French first then English: what was refused, under
//! which rule, and what to do instead. The policy says why (a [`Category`]); this catalogue
//! says it to the physician. No message content ever enters these texts: only rules and the
//! envelope's addresses.

use std::fmt::Write as _;

use super::{Reply, sanitise};
use crate::policy::Category;

/// The words of a refusal of `category` (for unscannable content, the general text; see
/// [`unscannable`] for the text that names the true reason).
pub fn of(category: Category) -> &'static Refusal {
    match category {
        Category::AutoForward => &AUTO_FORWARD,
        Category::ConfidentialToPublicWebmail => &WEBMAIL,
        Category::ConfidentialUnencryptedExternal => &UNENCRYPTED_EXTERNAL,
        Category::WeakEncryption => &WEAK_ENCRYPTION,
        Category::RestrictedSystem => &RESTRICTED_SYSTEM,
        Category::UnscannableContent => &UNSCANNABLE,
        Category::EncryptionUnavailable => &ENCRYPTION_UNAVAILABLE,
        Category::ForbiddenRecipient => &FORBIDDEN_RECIPIENT,
        Category::SenderNotCorporate => &SENDER_NOT_CORPORATE,
    }
}

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
    rule: Category::AutoForward.rule(),
    fr: "transfert automatique hors de la plateforme corporative interdit",
    todo_fr: "retirez la regle de transfert de votre boite",
    en: "automatic forwarding outside the corporate platform is forbidden",
    todo_en: "remove the forwarding rule from your mailbox",
};
pub const WEBMAIL: Refusal = Refusal {
    rule: Category::ConfidentialToPublicWebmail.rule(),
    fr: "renseignements confidentiels vers une messagerie publique",
    todo_fr: "utilisez l'adresse corporative du destinataire ou retirez les renseignements du patient",
    en: "confidential information to a public webmail service",
    todo_en: "use the recipient's corporate address or remove the patient data",
};
pub const UNENCRYPTED_EXTERNAL: Refusal = Refusal {
    rule: Category::ConfidentialUnencryptedExternal.rule(),
    fr: "renseignements confidentiels vers l'externe sans chiffrement approuve",
    todo_fr: "ajoutez [chiffre] a l'objet apres avoir obtenu le certificat OpenPGP du destinataire, ou retirez les renseignements du patient",
    en: "confidential information to an outside recipient without approved encryption",
    todo_en: "ask the recipient for an OpenPGP certificate and add [secure] to the subject, or remove the patient data",
};
pub const WEAK_ENCRYPTION: Refusal = Refusal {
    rule: Category::WeakEncryption.rule(),
    fr: "chiffrement non approuve ou invalide",
    todo_fr: "chiffrez avec OpenPGP (protection d'integrite) ou S/MIME AES, ou ajoutez [chiffre] a l'objet",
    en: "encryption that is not approved, or broken",
    todo_en: "encrypt with OpenPGP (integrity-protected) or S/MIME with AES, or add [secure] to the subject",
};
pub const RESTRICTED_SYSTEM: Refusal = Refusal {
    rule: Category::RestrictedSystem.rule(),
    fr: "ce systeme ne doit plus recevoir de renseignements confidentiels",
    todo_fr: "communiquez avec votre centre de services",
    en: "this system may no longer receive confidential information",
    todo_en: "contact your service centre",
};
pub const UNSCANNABLE: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "contenu impossible a analyser (archive ou document protege, limite atteinte), traite comme confidentiel",
    todo_fr: "envoyez les documents sans mot de passe et ajoutez [chiffre] a l'objet",
    en: "content that could not be analysed (protected archive or document, limit reached), treated as confidential",
    todo_en: "send the documents without a password and add [secure] to the subject",
};
pub const UNSCANNABLE_PROTECTED: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "document ou archive protege par mot de passe ou chiffre, impossible a analyser, traite comme confidentiel",
    todo_fr: "envoyez le document sans mot de passe et ajoutez [chiffre] a l'objet (le courriel sera chiffre si le destinataire a un certificat)",
    en: "password-protected or encrypted document or archive, which could not be analysed, treated as confidential",
    todo_en: "send the document without a password and add [secure] to the subject (the mail is encrypted if the recipient has a certificate)",
};
pub const UNSCANNABLE_LIMIT: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "message trop gros ou trop complexe pour etre analyse (limite atteinte), traite comme confidentiel",
    todo_fr: "envoyez les pieces jointes en plusieurs messages plus petits, sans archives imbriquees",
    en: "message too large or too complex to analyse (a limit was reached), treated as confidential",
    todo_en: "send the attachments in several smaller messages, without nested archives",
};
pub const UNSCANNABLE_FORMAT: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "format de fichier que Sentinelle ne lit pas (7z, rar, gzip, ancien Office, donnees signees opaques), traite comme confidentiel",
    todo_fr: "envoyez le document en PDF, docx, xlsx ou zip, ou un message signe en signature detachee",
    en: "file format Sentinelle does not read (7z, rar, gzip, legacy Office, opaque signed data), treated as confidential",
    todo_en: "send the document as PDF, docx, xlsx or zip, or a signed message with a detached signature",
};
pub const UNSCANNABLE_IMAGE: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "image medicale DICOM sans elements patient: l'image peut porter des donnees incrustees, traitee comme confidentielle",
    todo_fr: "anonymisez l'image (annotations incrustees comprises) avec l'outil de l'etablissement, ou ajoutez [chiffre] a l'objet",
    en: "DICOM medical image without patient elements: the image may carry burned-in patient data, treated as confidential",
    todo_en: "de-identify the image (burned-in annotations included) with the establishment's tool, or add [secure] to the subject",
};
pub const UNSCANNABLE_CORRUPT: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "piece jointe corrompue ou tronquee, impossible a analyser, traitee comme confidentielle",
    todo_fr: "verifiez le fichier et joignez-le de nouveau",
    en: "corrupt or truncated attachment, which could not be analysed, treated as confidential",
    todo_en: "check the file and attach it again",
};

/// The refusal that tells the true reason a part could not be read (`reason` as the
/// analysis words it); the general text when the reason is none of the known kinds.
pub fn unscannable(reason: &str) -> &'static Refusal {
    let has = |words: &[&str]| words.iter().any(|w| reason.contains(w));
    if reason.starts_with("image:") {
        image(reason, has)
    } else if has(&["dicom"]) {
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

/// The refusal for an image that OCR did not read.
fn image(reason: &str, has: impl Fn(&[&str]) -> bool) -> &'static Refusal {
    if has(&["OCR unavailable", "OCR turned off"]) {
        &UNSCANNABLE_IMAGE_NO_OCR
    } else if has(&["limit", "budget", "too large", "more pages"]) {
        &UNSCANNABLE_IMAGE_LIMIT
    } else if has(&["corrupt"]) || reason.contains("not readable") {
        &UNSCANNABLE_CORRUPT
    } else {
        &UNSCANNABLE_IMAGE_UNREAD
    }
}
pub const UNSCANNABLE_IMAGE_NO_OCR: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "image que Sentinelle ne peut pas lire: la reconnaissance de texte (OCR) n'est pas disponible ou pas activee sur ce serveur, traitee comme confidentielle",
    todo_fr: "envoyez le contenu en texte (courriel, PDF texte, docx) ou ajoutez [chiffre] a l'objet, et signalez-le a votre centre de services",
    en: "image Sentinelle cannot read: text recognition (OCR) is not available or not turned on on this server, treated as confidential",
    todo_en: "send the content as text (mail body, text PDF, docx) or add [secure] to the subject, and tell your service centre",
};
pub const UNSCANNABLE_IMAGE_LIMIT: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "trop d'images, ou images trop grandes, pour etre lues (limite de la reconnaissance de texte atteinte), traitees comme confidentielles",
    todo_fr: "envoyez moins d'images par message, ou le document en texte",
    en: "too many images, or images too large, to be read (a text recognition limit was reached), treated as confidential",
    todo_en: "send fewer images per message, or the document as text",
};
pub const UNSCANNABLE_IMAGE_UNREAD: Refusal = Refusal {
    rule: Category::UnscannableContent.rule(),
    fr: "image que la reconnaissance de texte n'a pas pu lire, traitee comme confidentielle",
    todo_fr: "envoyez le contenu en texte ou ajoutez [chiffre] a l'objet",
    en: "image that text recognition could not read, treated as confidential",
    todo_en: "send the content as text or add [secure] to the subject",
};
pub const ENCRYPTION_UNAVAILABLE: Refusal = Refusal {
    rule: Category::EncryptionUnavailable.rule(),
    fr: "chiffrement demande mais aucun certificat OpenPGP valide pour ce destinataire",
    todo_fr: "demandez au destinataire son certificat OpenPGP pour le centre de services",
    en: "encryption was asked for but no valid OpenPGP certificate is held for this recipient",
    todo_en: "ask the recipient for an OpenPGP certificate for the service centre",
};
pub const SENDER_NOT_CORPORATE: Refusal = Refusal {
    rule: Category::SenderNotCorporate.rule(),
    fr: "l'expediteur doit etre l'adresse de votre compte corporatif",
    todo_fr: "envoyez depuis votre compte corporatif",
    en: "the sender must be your authenticated corporate account's address",
    todo_en: "send from your corporate account",
};
pub const FORBIDDEN_RECIPIENT: Refusal = Refusal {
    rule: Category::ForbiddenRecipient.rule(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smtp::reply::tests::wire;

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
}
