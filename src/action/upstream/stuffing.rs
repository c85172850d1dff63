//! Dot-stuffing of a message sent with DATA, fast (whole runs copied at once).

/// Dot-stuffing for DATA (RFC 5321 §4.5.2), across chunk boundaries, then the terminator.
/// The input has CRLF line endings only (bare CR and LF are refused on input).
#[derive(Debug)]
pub(super) struct DotStuffer {
    at_line_start: bool,
    last: u8,
}

impl Default for DotStuffer {
    fn default() -> Self {
        DotStuffer {
            at_line_start: true,
            last: b'\n',
        }
    }
}

impl DotStuffer {
    /// Appends `chunk` to `out`, doubling every dot that starts a line. Whole runs between
    /// line-start dots are copied at once (memchr), so a 1 MB message costs a few memcpys.
    pub(super) fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        let mut rest = chunk;
        if self.at_line_start && rest.first() == Some(&b'.') {
            out.push(b'.');
        }
        while let Some(pos) = memchr::memmem::find(rest, b"\n.") {
            let (head, tail) = rest.split_at(pos + 1);
            out.extend_from_slice(head);
            out.push(b'.');
            rest = tail;
        }
        out.extend_from_slice(rest);
        if let Some(&last) = chunk.last() {
            let before = chunk
                .len()
                .checked_sub(2)
                .and_then(|i| chunk.get(i))
                .copied();
            self.at_line_start = last == b'\n' && before.unwrap_or(self.last) == b'\r';
            self.last = last;
        }
    }

    pub(super) fn finish(&mut self, out: &mut Vec<u8>) {
        if !(self.last == b'\n' && self.at_line_start) {
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b".\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stuff(parts: &[&[u8]]) -> Vec<u8> {
        let mut stuffer = DotStuffer::default();
        let mut out = Vec::new();
        for part in parts {
            stuffer.push(part, &mut out);
        }
        stuffer.finish(&mut out);
        out
    }

    #[test]
    fn dots_at_line_start_are_doubled_across_chunks() {
        assert_eq!(
            stuff(&[b".a\r\n", b".b\r", b"\n.", b"c\r\n"]),
            b"..a\r\n..b\r\n..c\r\n.\r\n"
        );
    }

    /// The byte-at-a-time definition of dot-stuffing, to check the fast one against.
    fn reference(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut line_start = true;
        for (i, &b) in data.iter().enumerate() {
            if line_start && b == b'.' {
                out.push(b'.');
            }
            out.push(b);
            line_start = b == b'\n' && i > 0 && data[i - 1] == b'\r';
        }
        if !data.is_empty() && !data.ends_with(b"\r\n") {
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b".\r\n");
        out
    }

    #[test]
    fn fast_stuffing_matches_the_reference_for_every_chunking() {
        let alphabet: &[&[u8]] = &[b"\r\n", b".", b"a", b"..", b"\r\n.\r\n", b"x."];
        let mut seed = 0x2545_f491_u32;
        for _ in 0..2000 {
            let mut data = Vec::new();
            for _ in 0..(seed % 12) {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                data.extend_from_slice(alphabet[(seed % alphabet.len() as u32) as usize]);
            }
            let split = (seed as usize) % (data.len() + 1);
            let (a, b) = data.split_at(split);
            assert_eq!(
                stuff(&[a, b]),
                reference(&data),
                "{:?}",
                String::from_utf8_lossy(&data)
            );
            let singles: Vec<&[u8]> = data.chunks(1).collect();
            assert_eq!(stuff(&singles), reference(&data));
        }
    }

    #[test]
    fn missing_final_crlf_is_added() {
        assert_eq!(stuff(&[b"abc"]), b"abc\r\n.\r\n");
        assert_eq!(stuff(&[b""]), b".\r\n");
    }
}
