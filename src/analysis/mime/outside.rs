//! The text of a multipart body outside its parts (issue 10, class 5): the preamble before
//! the first boundary and the epilogue after the closing one (RFC 2046 5.1.1). MIME says
//! to ignore them, but many mail programs show them, so they are scanned. mail-parser does
//! not keep them: they are cut out of the raw body here, by the part's offsets.

use mail_parser::{Message, MessagePart, MimeHeaders};

use crate::analysis::extract::decode_text;

/// The preamble and the epilogue of the multipart `part` of `message`, when they hold more
/// than whitespace.
pub fn texts(message: &Message<'_>, part: &MessagePart<'_>) -> (Option<String>, Option<String>) {
    let Some(boundary) = part.content_type().and_then(|t| t.attribute("boundary")) else {
        return (None, None);
    };
    // Part offsets index the whole buffer (the field), not the message's own slice.
    let Some(body) = message
        .raw_message
        .get(part.offset_body as usize..part.offset_end as usize)
    else {
        return (None, None);
    };
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let preamble = delimiter_line(body, delimiter, 0).map(|at| &body[..at]);
    let epilogue = close_end(body, delimiter).map(|at| &body[at..]);
    let keep = |bytes: &[u8]| {
        let text = decode_text(bytes);
        (!text.trim().is_empty()).then_some(text)
    };
    (preamble.and_then(keep), epilogue.and_then(keep))
}

/// The offset of the first line of `body` at or after `from` that starts with `delimiter`.
fn delimiter_line(body: &[u8], delimiter: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(found) = memchr::memmem::find(body.get(at..)?, delimiter) {
        let start = at + found;
        if start == 0 || body.get(start - 1) == Some(&b'\n') {
            return Some(start);
        }
        at = start + delimiter.len();
    }
    None
}

/// Where the epilogue starts: after the line of the closing delimiter (`--boundary--`).
fn close_end(body: &[u8], delimiter: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        let start = delimiter_line(body, delimiter, at)?;
        let after = start + delimiter.len();
        if body.get(after..after + 2) == Some(b"--") {
            let line_end =
                memchr::memchr(b'\n', body.get(after..)?).map_or(body.len(), |n| after + n + 1);
            return Some(line_end);
        }
        at = after;
    }
}

#[cfg(test)]
mod tests {
    use mail_parser::MessageParser;

    #[test]
    fn preamble_and_epilogue_are_cut_out() {
        let raw = b"Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\nAvant: NAM TREG 5401 0114\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello --b not a line\r\n--b--\r\nApres: diabete\r\n";
        let message = MessageParser::new().parse(&raw[..]).unwrap();
        let (preamble, epilogue) = super::texts(&message, &message.parts[0]);
        assert_eq!(
            preamble.as_deref().map(str::trim),
            Some("Avant: NAM TREG 5401 0114")
        );
        assert_eq!(epilogue.as_deref().map(str::trim), Some("Apres: diabete"));
    }

    #[test]
    fn blank_preamble_and_no_epilogue() {
        let raw = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n";
        let message = MessageParser::new().parse(&raw[..]).unwrap();
        assert_eq!(super::texts(&message, &message.parts[0]), (None, None));
    }
}
