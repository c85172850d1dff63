//! What the upstream offered in its EHLO reply.

/// What the upstream offered in its EHLO reply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// RFC 2920.
    pub pipelining: bool,
    /// RFC 3207.
    pub starttls: bool,
    /// RFC 3030 (BDAT).
    pub chunking: bool,
    /// RFC 3461.
    pub dsn: bool,
    /// RFC 1870.
    pub size: bool,
    /// AUTH PLAIN offered.
    pub auth_plain: bool,
}

impl Capabilities {
    pub(super) fn parse(ehlo_text: &str) -> Self {
        let mut caps = Capabilities::default();
        for line in ehlo_text.lines().skip(1) {
            let mut words = line.split_ascii_whitespace();
            let Some(keyword) = words.next() else {
                continue;
            };
            match keyword.to_ascii_uppercase().as_str() {
                "PIPELINING" => caps.pipelining = true,
                "STARTTLS" => caps.starttls = true,
                "CHUNKING" => caps.chunking = true,
                "DSN" => caps.dsn = true,
                "SIZE" => caps.size = true,
                "AUTH" => caps.auth_plain = words.any(|m| m.eq_ignore_ascii_case("PLAIN")),
                _ => {}
            }
        }
        caps
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capabilities_are_read_from_ehlo_lines() {
        let caps = Capabilities::parse(
            "mx hello\nPIPELINING\nSIZE 1000\nAUTH LOGIN PLAIN\nSTARTTLS\nDSN\nCHUNKING",
        );
        assert!(
            caps.pipelining
                && caps.size
                && caps.auth_plain
                && caps.starttls
                && caps.dsn
                && caps.chunking
        );
        assert_eq!(Capabilities::parse("mx hello"), Capabilities::default());
    }
}
