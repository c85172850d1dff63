//! A list of incidents as CSV, for `incidents list --csv` and the console's export: one row
//! per incident, the recipients as `address:class:action`. Fields are quoted when they
//! hold a delimiter, and a field a spreadsheet would read as a formula (`=`, `+`, `-`, `@`
//! first) is prefixed with an apostrophe.

use std::fmt::Write as _;

use super::store::Case;

/// The header row.
pub const HEADER: &str =
    "reference,created_at_utc,category,rule,severity,action,status,sender,establishment,recipients";

/// `cases` as CSV, header first, CRLF-free (one `\n` per row).
pub fn csv(cases: &[Case]) -> String {
    let mut out = String::with_capacity(64 + cases.len() * 160);
    out.push_str(HEADER);
    out.push('\n');
    for case in cases {
        let i = &case.incident;
        let recipients: Vec<String> = i
            .draft
            .recipients
            .iter()
            .map(|r| format!("{}:{}:{}", r.address, r.class, r.action))
            .collect();
        let fields = [
            i.reference.as_str(),
            i.created_at.as_str(),
            i.draft.category.as_str(),
            i.draft.rule.as_str(),
            i.draft.severity.as_str(),
            i.draft.action.as_str(),
            case.status.as_str(),
            i.who.envelope_sender.as_str(),
            i.who.establishment.as_deref().unwrap_or(""),
            &recipients.join(" "),
        ];
        let row: Vec<String> = fields.iter().map(|f| field(f)).collect();
        let _ = writeln!(out, "{}", row.join(","));
    }
    out
}

/// One field, quoted when needed, defused when a spreadsheet would compute it.
fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
    }

    #[test]
    fn a_formula_injection_is_defused() {
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@evil"), "'@evil");
        assert_eq!(field("-1"), "'-1");
    }
}
