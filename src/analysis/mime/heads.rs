//! What a reader sees of a message besides its body (header fields, file names), gathered
//! during the walk and put in front of the message's first body text, so that a name in the
//! subject and clinical words in the body are read together.

use super::{Location, TextPart, Walk};

/// What a reader sees of one message besides its body: header fields and file names, to be
/// put in front of its first body text (or scanned alone when it has none).
#[derive(Default)]
pub(super) struct Head {
    pub(super) segments: Vec<(Location, String)>,
    /// The index of the message's first body text in `Extracted::texts`.
    pub(super) body: Option<usize>,
}

impl Walk<'_, '_> {
    /// Something a reader sees of the message being walked besides its body.
    pub(super) fn head(&mut self, location: Location, text: String) {
        if text.trim().is_empty() {
            return;
        }
        if let Some(head) = self.current.and_then(|h| self.heads.get_mut(h)) {
            head.segments.push((location, text));
        }
    }

    /// Puts each message's head in front of its first body text, so that a name in the
    /// subject and clinical words in the body are read together; a message without body
    /// text has its head scanned alone.
    pub(super) fn join_heads(&mut self) {
        for head in std::mem::take(&mut self.heads) {
            let Some((first, _)) = head.segments.first() else {
                continue;
            };
            let first = first.clone();
            let size: usize = head.segments.iter().map(|(_, t)| t.len() + 1).sum();
            if !self.budget.reserve(size) {
                self.skip(first, "decoded text over the size limit");
                continue;
            }
            let mut text = String::with_capacity(size);
            let mut heads = Vec::with_capacity(head.segments.len());
            for (location, segment) in head.segments {
                text.push_str(segment.trim_end());
                text.push('\n');
                heads.push((text.len(), location));
            }
            match head.body.and_then(|i| self.out.texts.get_mut(i)) {
                Some(body) => {
                    text.push_str(&body.text);
                    body.text = text;
                    body.heads = heads;
                }
                None => self.out.texts.push(TextPart {
                    location: first,
                    text,
                    heads,
                }),
            }
        }
    }
}
