//! Encryption layers met during the walk: OpenPGP and CMS structures found (a layer, valid or
//! not), and parts that declare a layer (multipart/encrypted, application/pkcs7-mime) but
//! hold none, which claim a protection they do not have.

use mail_parser::{MessagePart, MimeHeaders};

use super::super::encryption::{self, Layer, Parsed, Scheme};
use super::{Location, Walk};

impl Walk<'_, '_> {
    pub(super) fn crypto(&mut self, location: Location, scheme: Scheme, parsed: Parsed) {
        self.crypto_found.push(location.part.clone());
        let (algorithm, invalid) = match parsed {
            Parsed::Encrypted(algorithm) => (Some(algorithm), None),
            Parsed::Invalid(reason) => (None, Some(reason)),
            Parsed::Opaque => {
                return self.skip(location, "signed or compressed data: content not read");
            }
            Parsed::Signature => return,
        };
        self.out.layers.push(Layer {
            location,
            scheme,
            algorithm,
            invalid,
        });
    }

    /// A part that declares an encryption layer but holds none claims a protection it does
    /// not have: that is invalid encryption, not "none" (issue 10).
    pub(super) fn unfulfilled_claims(&mut self) {
        for (path, claim, scheme) in std::mem::take(&mut self.claims) {
            // The top part's children are "1", "2"...: every part is inside it.
            let prefix = format!("{path}.");
            let fulfilled = self
                .crypto_found
                .iter()
                .any(|part| path.is_empty() || *part == path || part.starts_with(&prefix));
            if !fulfilled {
                self.out.layers.push(Layer {
                    location: claim,
                    scheme,
                    algorithm: None,
                    invalid: Some("a part declared encrypted that holds no encryption"),
                });
            }
        }
    }

    /// A text part; an armored OpenPGP message in it is a layer, the rest is scanned.
    pub(super) fn text_part(&mut self, location: Location, text: String) {
        let Some((before, block, after)) = encryption::armored_block(&text) else {
            return self.text(location, text);
        };
        // An armored "PGP MESSAGE" that is not encrypted claims a layer it does not have.
        let parsed = match encryption::openpgp_message(block.as_bytes()) {
            Parsed::Opaque => Parsed::Invalid("armored OpenPGP message that holds no encryption"),
            parsed => parsed,
        };
        self.crypto(location.clone(), Scheme::OpenPgp, parsed);
        let rest = format!("{before}\n{after}");
        if !rest.trim().is_empty() {
            self.text(location, rest);
        }
    }
}

/// True when the part's Content-Type says it is encrypted: multipart/encrypted (RFC 1847),
/// or S/MIME enveloped data (RFC 8551: application/pkcs7-mime without smime-type, or with
/// an enveloped type).
pub(super) fn declared_encryption(part: &MessagePart<'_>) -> Option<Scheme> {
    let content_type = part.content_type()?;
    let subtype = content_type.subtype().unwrap_or_default();
    let c_type = content_type.ctype();
    if c_type.eq_ignore_ascii_case("multipart") {
        return subtype
            .eq_ignore_ascii_case("encrypted")
            .then_some(Scheme::OpenPgp);
    }
    let pkcs7 = c_type.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("pkcs7-mime")
            || subtype.eq_ignore_ascii_case("x-pkcs7-mime"));
    let enveloped = content_type
        .attribute("smime-type")
        .is_none_or(|t| t.to_ascii_lowercase().contains("enveloped"));
    (pkcs7 && enveloped).then_some(Scheme::Smime)
}
