//! The MIME walk: every part of a message as text to scan, or as an "unscannable" entry with
//! its reason. Parsed with mail-parser (transfer encodings, charsets, encoded words); HTML
//! becomes text; nested message/rfc822 parts are walked with their own subject. Attachments
//! are recognised by their content, not their name or declared type.
//!
//! Part paths follow IMAP section numbers: "1", "2.1"; the subject is "subject" (or
//! "2.subject" for a forwarded message in part 2).

use std::time::{Duration, Instant};

use mail_parser::{Encoding, Message, MessageParser, MessagePart, MimeHeaders, PartType};

use super::encryption::{Layer, Scheme};
use super::extract::{self, Budget, Piece};
use super::{charset, visible};

mod heads;
mod layers;
mod outside;

use heads::Head;
use layers::declared_encryption;

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
    /// What a reader sees around the body, scanned with it for context (header fields,
    /// file names): the text's first bytes, as (end offset, location) in order. Text past
    /// the last end is at `location`.
    pub heads: Vec<(usize, Location)>,
}

impl TextPart {
    /// A text with no header fields in front of it.
    pub(crate) fn new(location: Location, text: String) -> TextPart {
        TextPart {
            location,
            text,
            heads: Vec::new(),
        }
    }
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
    /// How many parts or entries of the same part had this reason (a hostile archive has
    /// thousands): one entry stands for them all, at the first one's location.
    pub count: usize,
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
    /// Images smaller than this many pixels (logos, signatures, tracking pixels) cannot hold
    /// a readable identifier: they are not read.
    pub image_min_pixels: u64,
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
            image_min_pixels: 4096,
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
    /// Images to be read by OCR.
    pub images: Vec<extract::picture::Image>,
}

struct Walk<'l, 'm> {
    limits: &'l Limits,
    out: Extracted,
    parts: usize,
    budget: Budget<'l>,
    stopped: bool,
    /// Attachments to extract once the walk is done (possibly in parallel), in order.
    binaries: Vec<(Location, &'m [u8])>,
    /// One per message walked (the top one and each nested message/rfc822).
    heads: Vec<Head>,
    /// The message being walked (an index into `heads`).
    current: Option<usize>,
    /// Parts that declare an encryption layer (multipart/encrypted, application/pkcs7-mime).
    claims: Vec<(String, Location, Scheme)>,
    /// Where OpenPGP or CMS structures were found, whatever they held.
    crypto_found: Vec<String>,
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
        heads: Vec::new(),
        current: None,
        claims: Vec::new(),
        crypto_found: Vec::new(),
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
    walk.join_heads();
    walk.unfulfilled_claims();
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
            count: 1,
        });
    }

    /// Something not read (or read imperfectly) that hides nothing of its own.
    fn note(&mut self, location: Location, reason: &str) {
        self.out.unscannable.push(Unscannable {
            location,
            reason: reason.to_owned(),
            risk: false,
            count: 1,
        });
    }

    /// A body text of the message being walked.
    fn text(&mut self, location: Location, text: String) {
        if !self.budget.reserve(text.len()) {
            self.skip(location, "decoded text over the size limit");
            self.stopped = true;
            return;
        }
        if let Some(head) = self.current.and_then(|h| self.heads.get_mut(h))
            && head.body.is_none()
        {
            head.body = Some(self.out.texts.len());
        }
        self.out.texts.push(TextPart::new(location, text));
    }

    fn message(&mut self, message: &'m Message<'m>, path: &str, depth: usize) {
        let here = self.heads.len();
        self.heads.push(Head {
            segments: visible::fields(message.headers(), &message.raw_message, path),
            body: None,
        });
        let outer = self.current.replace(here);
        self.part(message, 0, path, depth);
        self.current = outer;
    }

    /// A text part as shown, and, when its declared charset cannot be what a reader sees,
    /// every other plausible decoding of its bytes.
    fn text_with_alternatives(
        &mut self,
        message: &'m Message<'m>,
        part: &MessagePart<'m>,
        location: Location,
        shown: &str,
        html: bool,
    ) {
        let label = part.content_type().and_then(|t| t.attribute("charset"));
        let alternatives = if charset::suspect(shown, label) {
            body_bytes(message, part)
                .filter(|bytes| charset::implausible(shown, bytes, label))
                .map(|bytes| charset::alternatives(&bytes, shown))
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let as_text = |t: &str| {
            if html {
                super::text::html_to_text(t)
            } else {
                t.to_owned()
            }
        };
        self.text_part(location.clone(), as_text(shown));
        for alternative in alternatives {
            self.text_part(location.clone(), as_text(&alternative));
        }
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
        self.head(location(&here, filename), visible::part_names(part));
        if let Some(scheme) = declared_encryption(part) {
            self.claims
                .push((path.to_owned(), location(&here, filename), scheme));
        }
        if part.is_encoding_problem {
            self.note(
                location(&here, filename),
                "corrupt transfer encoding (scanned as decoded)",
            );
        }
        match &part.body {
            PartType::Multipart(children) => {
                let (preamble, epilogue) = outside::texts(message, part);
                if let Some(text) = preamble {
                    self.text(location(&format!("{here}.preamble"), None), text);
                }
                for (index, child) in children.iter().enumerate() {
                    self.part(
                        message,
                        *child as usize,
                        &child_path(path, index),
                        depth + 1,
                    );
                }
                if let Some(text) = epilogue {
                    self.text(location(&format!("{here}.epilogue"), None), text);
                }
            }
            // A text/rtf part (Outlook's, a renewal written in WordPad) is read as the
            // document it is, not as its control words.
            PartType::Text(text) if extract::is_rtf(text.trim_start().as_bytes()) => self.text(
                location(&here, filename),
                extract::rtf_text(text.as_bytes()),
            ),
            PartType::Text(text) => {
                self.text_with_alternatives(message, part, location(&here, filename), text, false)
            }
            PartType::Html(html) => {
                self.text_with_alternatives(message, part, location(&here, filename), html, true)
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
                Piece::Text(location, text) => self.out.texts.push(TextPart::new(location, text)),
                Piece::Unscannable(location, reason) => self.skip(location, &reason),
                Piece::Record(location, sample) => self.out.records.push((location, sample)),
                Piece::Crypto(location, scheme, parsed) => self.crypto(location, scheme, parsed),
                Piece::Skipped(location, reason) => self.note(location, &reason),
                Piece::Image(image) => self.out.images.push(image),
            }
        }
    }
}

/// The bytes of a leaf part's body once its transfer encoding is undone (the charset not
/// applied), or `None` when its offsets do not fall in the message.
fn body_bytes(message: &Message<'_>, part: &MessagePart<'_>) -> Option<Vec<u8>> {
    // Part offsets index the whole buffer (the field), not the message's own slice.
    let raw = message
        .raw_message
        .get(part.offset_body as usize..part.offset_end as usize)?;
    match part.encoding {
        Encoding::Base64 => mail_parser::decoders::base64::base64_decode(raw),
        Encoding::QuotedPrintable => {
            mail_parser::decoders::quoted_printable::quoted_printable_decode(raw)
        }
        Encoding::None => Some(raw.to_vec()),
    }
}

#[cfg(test)]
mod tests;
