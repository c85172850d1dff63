//! The MIME walk: every part of a message as text to scan, or as an "unscannable" entry with
//! its reason. Parsed with mail-parser (transfer encodings, charsets, encoded words); HTML
//! becomes text; nested message/rfc822 parts are walked with their own subject. Attachments
//! are recognised by their content, not their name or declared type.
//!
//! Part paths follow IMAP section numbers: "1", "2.1"; the subject is "subject" (or
//! "2.subject" for a forwarded message in part 2).

use std::time::{Duration, Instant};

use mail_parser::{Message, MessageParser, MimeHeaders, PartType};

use super::encryption::{self, Layer, Parsed, Scheme};
use super::extract::{self, Budget, Piece};

/// Where something was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Location {
    /// Part path ("1", "2.1", "subject").
    pub part: String,
    /// The attachment's file name, when it has one (shown to reviewers, never logged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
}

/// A piece of text to scan.
pub struct TextPart {
    /// Where it comes from.
    pub location: Location,
    /// The decoded text.
    pub text: String,
}

/// Something that could not be read, and why (the policy treats it as a risk).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unscannable {
    /// Where.
    pub location: Location,
    /// Why, in a few words.
    pub reason: String,
    /// Whether it may hide patient data (an encrypted archive, a limit reached) rather than
    /// being content no one could read as text (an image).
    pub risk: bool,
}

/// The walk's limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Deepest MIME nesting walked (multipart and message/rfc822 levels).
    pub max_mime_depth: usize,
    /// Most parts walked per message.
    pub max_parts: usize,
    /// Most bytes expanded per message (decoded text and decompressed archive entries).
    pub max_expanded_bytes: usize,
    /// Deepest archive nesting read (a zip in a zip in a zip is 3).
    pub max_archive_depth: usize,
    /// Largest decompressed-to-compressed ratio of an archive entry (zip bombs).
    pub max_expansion_ratio: usize,
    /// Give up (with an unscannable entry) this long after the walk started.
    pub time_limit: Option<Duration>,
    /// Threads that extract the attachments of one large message (1: none besides the
    /// caller's). Parallelism shortens the analysis of big messages, not the total work.
    pub threads: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_mime_depth: 20,
            max_parts: 10_000,
            max_expanded_bytes: 200 * 1024 * 1024,
            max_archive_depth: 3,
            max_expansion_ratio: 250,
            time_limit: Some(Duration::from_secs(5)),
            threads: 2,
        }
    }
}

/// The walk's result.
#[derive(Default)]
pub struct Extracted {
    /// Texts to scan.
    pub texts: Vec<TextPart>,
    /// What could not be read.
    pub unscannable: Vec<Unscannable>,
    /// Structured clinical records recognised without text (DICOM), with the evidence's shape.
    pub records: Vec<(Location, &'static str)>,
    /// Encrypted parts (OpenPGP, S/MIME).
    pub layers: Vec<Layer>,
}

struct Walk<'l, 'm> {
    limits: &'l Limits,
    out: Extracted,
    parts: usize,
    budget: Budget<'l>,
    stopped: bool,
    /// Attachments to extract once the walk is done (possibly in parallel), in order.
    binaries: Vec<(Location, &'m [u8])>,
}

/// Walks `raw` and returns its texts and unscannable parts.
pub fn extract(raw: &[u8], limits: &Limits) -> Extracted {
    let deadline = limits
        .time_limit
        .and_then(|t| Instant::now().checked_add(t));
    let parsed = MessageParser::new().parse(raw);
    let mut walk = Walk {
        limits,
        out: Extracted::default(),
        parts: 0,
        budget: Budget::new(limits, deadline),
        stopped: false,
        binaries: Vec::new(),
    };
    match &parsed {
        Some(message) => walk.message(message, "", 0),
        None => walk.skip(location("1", None), "message is not parseable MIME"),
    }
    let binaries = std::mem::take(&mut walk.binaries);
    let budget = &walk.budget;
    let extracted = super::parallel::map(
        &binaries,
        limits.threads,
        |(_, bytes)| bytes.len(),
        |(location, bytes)| {
            let mut pieces = Vec::new();
            extract::content(bytes, location.clone(), 0, budget, &mut pieces);
            pieces
        },
    );
    for pieces in extracted {
        walk.pieces(pieces);
    }
    walk.out
}

fn location(part: &str, filename: Option<&str>) -> Location {
    Location {
        part: part.to_owned(),
        filename: filename.map(str::to_owned),
    }
}

fn child_path(path: &str, index: usize) -> String {
    if path.is_empty() {
        (index + 1).to_string()
    } else {
        format!("{path}.{}", index + 1)
    }
}

impl<'m> Walk<'_, 'm> {
    /// Something not read that may hide patient data.
    fn skip(&mut self, location: Location, reason: &str) {
        self.out.unscannable.push(Unscannable {
            location,
            reason: reason.to_owned(),
            risk: true,
        });
    }

    /// Something not read (or read imperfectly) that hides nothing of its own.
    fn note(&mut self, location: Location, reason: &str) {
        self.out.unscannable.push(Unscannable {
            location,
            reason: reason.to_owned(),
            risk: false,
        });
    }

    fn crypto(&mut self, location: Location, scheme: Scheme, parsed: Parsed) {
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

    /// A text part; an armored OpenPGP message in it is a layer, the rest is scanned.
    fn text_part(&mut self, location: Location, text: String) {
        let Some((before, block, after)) = encryption::armored_block(&text) else {
            return self.text(location, text);
        };
        let parsed = encryption::openpgp_message(block.as_bytes());
        self.crypto(location.clone(), Scheme::OpenPgp, parsed);
        let rest = format!("{before}\n{after}");
        if !rest.trim().is_empty() {
            self.text(location, rest);
        }
    }

    fn text(&mut self, location: Location, text: String) {
        if !self.budget.reserve(text.len()) {
            self.skip(location, "decoded text over the size limit");
            self.stopped = true;
            return;
        }
        self.out.texts.push(TextPart { location, text });
    }

    fn message(&mut self, message: &'m Message<'m>, path: &str, depth: usize) {
        if let Some(subject) = message.subject() {
            let part = if path.is_empty() {
                "subject".to_owned()
            } else {
                format!("{path}.subject")
            };
            self.text(location(&part, None), subject.to_owned());
        }
        self.part(message, 0, path, depth);
    }

    fn part(&mut self, message: &'m Message<'m>, id: usize, path: &str, depth: usize) {
        let here = if path.is_empty() {
            "1".to_owned()
        } else {
            path.to_owned()
        };
        if self.stopped {
            return;
        }
        if self.budget.expired() {
            self.skip(location(&here, None), "analysis time limit reached");
            self.stopped = true;
            return;
        }
        self.parts += 1;
        if self.parts > self.limits.max_parts {
            self.skip(location(&here, None), "too many MIME parts");
            self.stopped = true;
            return;
        }
        if depth > self.limits.max_mime_depth {
            self.skip(location(&here, None), "MIME nesting deeper than the limit");
            return;
        }
        let Some(part) = message.parts.get(id) else {
            return;
        };
        let filename = part.attachment_name();
        if part.is_encoding_problem {
            self.note(
                location(&here, filename),
                "corrupt transfer encoding (scanned as decoded)",
            );
        }
        match &part.body {
            PartType::Multipart(children) => {
                for (index, child) in children.iter().enumerate() {
                    self.part(
                        message,
                        *child as usize,
                        &child_path(path, index),
                        depth + 1,
                    );
                }
            }
            PartType::Text(text) => self.text_part(location(&here, filename), text.to_string()),
            PartType::Html(html) => {
                let text = super::text::html_to_text(html);
                self.text(location(&here, filename), text);
            }
            PartType::Binary(bytes) | PartType::InlineBinary(bytes) => {
                self.binary(location(&here, filename), bytes)
            }
            PartType::Message(nested) => self.message(nested, &here, depth + 1),
        }
    }

    fn binary(&mut self, location: Location, bytes: &'m [u8]) {
        self.binaries.push((location, bytes));
    }

    fn pieces(&mut self, pieces: Vec<Piece>) {
        for piece in pieces {
            match piece {
                // Every extracted text was counted against the budget when it was expanded.
                Piece::Text(location, text) => self.out.texts.push(TextPart { location, text }),
                Piece::Unscannable(location, reason) => self.skip(location, &reason),
                Piece::Record(location, sample) => self.out.records.push((location, sample)),
                Piece::Crypto(location, scheme, parsed) => self.crypto(location, scheme, parsed),
                Piece::Skipped(location, reason) => self.note(location, &reason),
            }
        }
    }
}

#[cfg(test)]
mod tests;
