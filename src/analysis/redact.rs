//! The only place an identifier becomes printable text: a sample that shows its shape but
//! never its value. Digits are masked except the last two; letters are kept (a NAM's four
//! letters, a label such as "no de dossier"); separators become spaces. A compact NAM-shaped
//! value is grouped 4-4-4 as on the card: `TREG54010114` gives `TREG •••• ••14`.

const MASK: char = '•';

/// The redacted sample of a matched value.
pub fn sample(value: &str) -> String {
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let keep_from = digits.saturating_sub(2);
    let mut seen = 0;
    let mut out = String::with_capacity(value.len() * 3);
    for c in value.chars() {
        if c.is_ascii_digit() {
            out.push(if seen >= keep_from { c } else { MASK });
            seen += 1;
        } else if c == '-' || c.is_whitespace() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    let compact_nam = value.len() == 12
        && value.bytes().take(4).all(|b| b.is_ascii_alphabetic())
        && value.bytes().skip(4).all(|b| b.is_ascii_digit());
    if compact_nam {
        let chars: Vec<char> = out.chars().collect();
        let group = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
        return format!("{} {} {}", group(0..4), group(4..8), group(8..12));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_two_digits_survive() {
        assert_eq!(sample("TREG54010114"), "TREG •••• ••14");
        assert_eq!(sample("treg 5401 0114"), "treg •••• ••14");
        assert_eq!(sample("130-692-544"), "••• ••• •44");
        assert_eq!(sample("no de dossier: 1234567"), "no de dossier: •••••67");
    }

    #[test]
    fn no_run_of_three_digits_is_ever_printed() {
        for value in ["TREG54010114", "130692544", "9698658215", "MRN 00012345"] {
            let s = sample(value);
            let longest = s
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(longest <= 2, "{value} -> {s}");
        }
    }
}
