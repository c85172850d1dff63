//! The forward-path of RCPT TO and the reverse-path of MAIL FROM as the client wrote them, and
//! the routing forms refused in a forward-path.
//!
//! smtp-proto hands over the address unquoted (`"jean dupont"@x` becomes `jean dupont@x`) and
//! with any source route dropped, which is neither the address to relay nor the one to judge:
//! the path is read again here from the command line, exactly as received. Next hops honour
//! routing inside an address (Postfix: `allow_percent_hack`, `swap_bangpath`,
//! `resolve_dequoted_address`), so `user%gmail.com@ssss.gouv.qc.ca` may leave for gmail.com
//! while its domain says internal: such recipients are refused outright rather than
//! classified by a guess at their effective destination.

/// An explicit routing form in a forward-path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routing {
    /// `<@relay:user@domain>` (RFC 5321 §4.1.2 and appendix C, obsolete).
    SourceRoute,
    /// `user%gmail.com@domain` (the "percent hack").
    Percent,
    /// `gmail.com!user@domain` (UUCP bang path).
    BangPath,
    /// `"user@gmail.com"@domain`: an `@` inside the quoted local part.
    QuotedAt,
}

impl Routing {
    /// The name used in logs.
    pub fn as_str(self) -> &'static str {
        match self {
            Routing::SourceRoute => "source_route",
            Routing::Percent => "percent_hack",
            Routing::BangPath => "bang_path",
            Routing::QuotedAt => "quoted_at",
        }
    }
}

/// Walks `path` byte by byte, telling `visit` each byte's position and whether it is inside
/// a quoted string (the quotes and backslash escapes themselves count as quoted). Stops when
/// `visit` returns false; returns the position it stopped at.
fn walk(path: &[u8], mut visit: impl FnMut(usize, u8, bool) -> bool) -> Option<usize> {
    let mut in_quote = false;
    let mut escaped = false;
    for (pos, &byte) in path.iter().enumerate() {
        let quoted = in_quote || byte == b'"';
        if !visit(pos, byte, quoted) {
            return Some(pos);
        }
        if escaped {
            escaped = false;
        } else if in_quote && byte == b'\\' {
            escaped = true;
        } else if byte == b'"' {
            in_quote = !in_quote;
        }
    }
    None
}

/// The forward-path of a RCPT TO line, between its angle brackets, as received (quotes and
/// escapes kept). `None` when it cannot be found or holds a control character (a CR there
/// would be a command injection towards the upstream).
pub fn forward_path(line: &[u8]) -> Option<&str> {
    let open = memchr::memchr(b'<', line)?;
    let rest = line.get(open + 1..)?;
    let close = walk(rest, |_, byte, quoted| quoted || byte != b'>')?;
    let path = rest.get(..close)?;
    if path.iter().any(|&b| b < 0x20 || b == 0x7f) {
        return None;
    }
    std::str::from_utf8(path).ok()
}

/// `path` without its source route (`@a,@b:user@domain` is `user@domain`): RFC 5321 §4.1.2
/// lets a relay drop it, and no next hop should follow one.
pub fn without_source_route(path: &str) -> &str {
    if !path.starts_with('@') {
        return path;
    }
    let colon = walk(path.as_bytes(), |_, byte, quoted| quoted || byte != b':');
    colon.and_then(|at| path.get(at + 1..)).unwrap_or(path)
}

/// The routing form in `path`, if any. Any `%` or `!` counts, quoted or not, in the local
/// part or elsewhere: none is needed by a real corporate or outside address.
pub fn routing(path: &str) -> Option<Routing> {
    let bytes = path.as_bytes();
    if bytes.first() == Some(&b'@') {
        return Some(Routing::SourceRoute);
    }
    if path.contains('%') {
        return Some(Routing::Percent);
    }
    if path.contains('!') {
        return Some(Routing::BangPath);
    }
    let mut last_at = None;
    let mut quoted_at = false;
    walk(bytes, |pos, byte, quoted| {
        if byte == b'@' {
            if quoted {
                quoted_at = true;
            } else {
                last_at = Some(pos);
            }
        }
        true
    });
    // An @ in quotes before the domain's @ is in the local part.
    if quoted_at && last_at.is_some() {
        return Some(Routing::QuotedAt);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_is_read_as_written_with_quotes_and_escapes() {
        assert_eq!(
            forward_path(b"RCPT TO:<\"jean dupont\"@ssss.gouv.qc.ca> NOTIFY=NEVER\r\n"),
            Some("\"jean dupont\"@ssss.gouv.qc.ca")
        );
        assert_eq!(
            forward_path(b"RCPT TO:<\"a>\\\"b\"@x.example>\r\n"),
            Some("\"a>\\\"b\"@x.example")
        );
        assert_eq!(
            forward_path(b"rcpt to: <b@x.example>\r\n"),
            Some("b@x.example")
        );
        assert_eq!(
            forward_path(b"RCPT TO:<Postmaster>\r\n"),
            Some("Postmaster")
        );
    }

    #[test]
    fn control_characters_and_unterminated_paths_are_not_paths() {
        assert_eq!(forward_path(b"RCPT TO:<a\r@x.example>\r\n"), None);
        assert_eq!(forward_path(b"RCPT TO:<\"a\x00\"@x.example>\r\n"), None);
        assert_eq!(forward_path(b"RCPT TO:<\"a>@x.example\r\n"), None);
        assert_eq!(forward_path(b"RCPT TO:b@x.example\r\n"), None);
    }

    #[test]
    fn a_source_route_is_dropped_from_a_reverse_path() {
        assert_eq!(
            without_source_route("@a.example,@b.example:u@x.example"),
            "u@x.example"
        );
        assert_eq!(
            without_source_route("\"jean dupont\"@x.example"),
            "\"jean dupont\"@x.example"
        );
        assert_eq!(without_source_route(""), "");
    }

    #[test]
    fn routing_forms_are_recognised() {
        let cases = [
            ("user%gmail.com@ssss.gouv.qc.ca", Some(Routing::Percent)),
            ("\"user%gmail.com\"@ssss.gouv.qc.ca", Some(Routing::Percent)),
            ("gmail.com!user@ssss.gouv.qc.ca", Some(Routing::BangPath)),
            (
                "\"user@gmail.com\"@ssss.gouv.qc.ca",
                Some(Routing::QuotedAt),
            ),
            (
                "\"user\\@gmail.com\"@ssss.gouv.qc.ca",
                Some(Routing::QuotedAt),
            ),
            (
                "@relay.example:user@ssss.gouv.qc.ca",
                Some(Routing::SourceRoute),
            ),
            (
                "@a.example,@b.example:u@x.example",
                Some(Routing::SourceRoute),
            ),
            ("\"jean dupont\"@ssss.gouv.qc.ca", None),
            ("jean.dupont@ssss.gouv.qc.ca", None),
            ("Postmaster", None),
        ];
        for (path, expected) in cases {
            assert_eq!(routing(path), expected, "{path}");
        }
    }
}
