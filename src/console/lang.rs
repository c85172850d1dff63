//! The console's two languages: French first, English on request, remembered in a cookie.
//! Templates say both versions side by side (`l.t("Incidents récents", "Recent
//! incidents")`); the record's words (categories, severities, statuses, classes, actions)
//! are named here.

use axum_extra::extract::CookieJar;

/// The cookie that remembers the language.
pub const COOKIE: &str = "sentinelle_lang";

/// A console language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Français (the default).
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The language the cookie remembers (French without one).
    pub fn of(jar: &CookieJar) -> Lang {
        match jar.get(COOKIE).map(|c| c.value()) {
            Some("en") => Lang::En,
            _ => Lang::Fr,
        }
    }

    /// Its code ("fr", "en").
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The other language, which the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// The other language's name, in itself.
    pub fn other_name(self) -> &'static str {
        match self {
            Lang::Fr => "English",
            Lang::En => "Français",
        }
    }

    /// `fr` or `en`, whichever is this language.
    pub fn t<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// A record word in this language (the word itself when unknown).
    pub fn word(self, word: &str) -> &str {
        WORDS
            .iter()
            .find(|(w, _, _)| *w == word)
            .map_or(word, |(_, fr, en)| self.t(fr, en))
    }
}

/// Why an incident of `category` is one, citing DIR04.
pub fn explain(l: Lang, category: &str) -> &'static str {
    let (fr, en) = match category {
        "auto_forward" => (
            "Art. 6 (5) : le transfert automatique de courriels hors de la plateforme corporative est interdit ; le message a été retenu.",
            "Art. 6 (5): automatic forwarding of mail outside the corporate platform is forbidden; the message was held back.",
        ),
        "confidential_to_public_webmail" => (
            "Art. 6 (4) : aucune donnée confidentielle vers un webmail public (Gmail, Hotmail, Yahoo…), même chiffrée.",
            "Art. 6 (4): no confidential data to public webmail (Gmail, Hotmail, Yahoo…), even encrypted.",
        ),
        "confidential_unencrypted_external" => (
            "Art. 6 (3) : des données confidentielles vers l'extérieur exigent une couche de chiffrement approuvée ; aucune n'était présente ni possible.",
            "Art. 6 (3): confidential data outside the platform needs an approved encryption layer; none was present or possible.",
        ),
        "weak_encryption" => (
            "Art. 6 (3) : la couche de chiffrement trouvée n'est pas approuvée ou ne se lit pas comme un message chiffré.",
            "Art. 6 (3): the encryption layer found is not approved or does not read as an encrypted message.",
        ),
        "restricted_system" => (
            "Le destinataire est un système dont les liens avec la plateforme ont été coupés.",
            "The recipient is a system whose links with the platform were cut.",
        ),
        "unscannable_content" => (
            "Art. 6 (3) : une partie ne pouvait pas être lue ; elle est traitée comme confidentielle pour les destinataires externes.",
            "Art. 6 (3): a part could not be read; it is treated as confidential for outside recipients.",
        ),
        "encryption_unavailable" => (
            "Le chiffrement a été demandé dans l'objet, mais aucun certificat du destinataire n'est détenu.",
            "Encryption was asked in the subject, but no certificate of the recipient is held.",
        ),
        "forbidden_recipient" => (
            "La table de l'établissement refuse cette classe de destinataire pour ce message.",
            "The establishment's table refuses this recipient class for this message.",
        ),
        "sender_not_corporate" => (
            "Art. 6 (2) : l'expéditeur doit être le compte corporatif authentifié.",
            "Art. 6 (2): the sender must be the authenticated corporate account.",
        ),
        "encryption_requested" => (
            "Chiffrement appliqué par la passerelle à la demande du médecin ; rien de confidentiel n'a été trouvé.",
            "Encrypted by the gateway at the physician's request; nothing confidential was found.",
        ),
        _ => (
            "Catégorie inconnue de cette version.",
            "Category unknown to this version.",
        ),
    };
    l.t(fr, en)
}

/// Record words: (word, français, English).
const WORDS: &[(&str, &str, &str)] = &[
    (
        "auto_forward",
        "Transfert automatique vers l'extérieur",
        "Automatic forwarding outside",
    ),
    (
        "confidential_to_public_webmail",
        "Confidentiel vers un webmail public",
        "Confidential to public webmail",
    ),
    (
        "confidential_unencrypted_external",
        "Confidentiel non chiffré vers l'extérieur",
        "Confidential unencrypted outside",
    ),
    (
        "weak_encryption",
        "Chiffrement non approuvé",
        "Unapproved encryption",
    ),
    (
        "restricted_system",
        "Système aux liens coupés",
        "Restricted system",
    ),
    (
        "unscannable_content",
        "Contenu illisible (risque)",
        "Unreadable content (risk)",
    ),
    (
        "encryption_unavailable",
        "Chiffrement demandé, certificat absent",
        "Encryption asked, no certificate",
    ),
    (
        "forbidden_recipient",
        "Destinataire interdit par l'établissement",
        "Recipient forbidden by the establishment",
    ),
    (
        "sender_not_corporate",
        "Expéditeur hors compte corporatif",
        "Sender not the corporate account",
    ),
    (
        "encryption_requested",
        "Chiffrement fait à la demande",
        "Encrypted on request",
    ),
    ("low", "Faible", "Low"),
    ("medium", "Moyenne", "Medium"),
    ("high", "Élevée", "High"),
    ("new", "Nouveau", "New"),
    ("under_review", "En examen", "Under review"),
    ("closed", "Fermé", "Closed"),
    ("refused", "Refusé", "Refused"),
    ("partly_refused", "Refusé en partie", "Partly refused"),
    ("encrypted", "Chiffré", "Encrypted"),
    ("relay", "Relayé", "Relayed"),
    ("relay_encrypted", "Relayé chiffré", "Relayed encrypted"),
    ("refuse", "Refusé", "Refused"),
    ("internal", "Interne", "Internal"),
    ("public_webmail", "Webmail public", "Public webmail"),
    ("external", "Externe", "External"),
    ("approved_system", "Système approuvé", "Approved system"),
    ("none", "Aucun", "None"),
    ("openpgp", "OpenPGP (approuvé)", "OpenPGP (approved)"),
    ("smime", "S/MIME (approuvé)", "S/MIME (approved)"),
    ("weak", "Non approuvé", "Not approved"),
    (
        "invalid",
        "Illisible comme message chiffré",
        "Does not read as encrypted",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_words_in_both_languages() {
        for category in crate::policy::Category::ALL {
            let word = category.as_str();
            assert_ne!(Lang::Fr.word(word), word, "{word}");
            assert_ne!(Lang::En.word(word), word, "{word}");
        }
        for class in crate::policy::Class::ALL {
            assert_ne!(Lang::Fr.word(class.as_str()), class.as_str(), "{class:?}");
        }
        assert_eq!(Lang::En.word("under_review"), "Under review");
        assert_eq!(Lang::Fr.word("unknown_word"), "unknown_word");
    }
}
