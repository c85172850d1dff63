//! How an Office Open XML spreadsheet's cells show to a reader, so that a sheet is read as
//! its rows are seen:
//! - a text cell (`t="s"`) holds an index into the shared strings part
//!   (`xl/sharedStrings.xml`); it is read as that string, in its row, next to its
//!   neighbours (a name beside its date of birth);
//! - a cell holding a date stores a serial number of days (`<c s="3"><v>19725</v></c>`)
//!   shown through its style's number format (`1954-01-01`). The styles part says which
//!   cell styles (`cellXfs`) show a date: the built-in date formats and any custom format
//!   with a day or year code. Serial numbers in those cells are written as ISO dates, so a
//!   date of birth reads as a date.

use std::cell::Cell;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// What a workbook's cells refer to: its date styles and shared strings.
#[derive(Debug, Default)]
pub struct Workbook {
    /// Which cell styles show a date.
    pub dates: DateStyles,
    /// The shared strings, by index.
    pub strings: Vec<String>,
    /// Which shared strings a cell has shown.
    shown: Vec<Cell<bool>>,
}

/// How a cell's value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// As written.
    Plain,
    /// A serial number shown as a date.
    Date,
    /// An index into the shared strings.
    Shared,
}

impl Workbook {
    /// A workbook with these date styles and shared strings.
    pub fn new(dates: DateStyles, strings: Vec<String>) -> Workbook {
        let shown = vec![Cell::new(false); strings.len()];
        Workbook {
            dates,
            strings,
            shown,
        }
    }

    /// The shared strings no cell showed (read too: a reader of the file may see them).
    pub fn unshown(&self) -> impl Iterator<Item = &str> {
        let shown = self.shown.iter().map(Cell::get);
        self.strings
            .iter()
            .zip(shown)
            .filter(|(_, s)| !s)
            .map(|(t, _)| t.as_str())
    }

    /// How the cell that `cell` (a `<c>` start tag) opens shows its value.
    pub fn show(&self, cell: &BytesStart<'_>) -> Show {
        if attr(cell, "t").as_deref() == Some("s") {
            Show::Shared
        } else if numeric_style(cell).is_some_and(|style| self.dates.is_date(style)) {
            Show::Date
        } else {
            Show::Plain
        }
    }

    /// The shared string a cell's value `index` names.
    pub fn shared(&self, index: &str) -> Option<&str> {
        let index: usize = index.trim().parse().ok()?;
        self.shown.get(index)?.set(true);
        self.strings.get(index).map(String::as_str)
    }
}

/// The strings of a shared strings part, in order: each `<si>`'s text runs joined, the
/// phonetic guides (`<rPh>`, not shown in a cell) left out.
pub fn shared_strings(xml: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(xml);
    let mut reader = Reader::from_str(&text);
    let (mut strings, mut current, mut phonetic) = (Vec::new(), String::new(), false);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "rPh" => phonetic = false,
                "si" => strings.push(std::mem::take(&mut current)),
                _ => {}
            },
            Ok(Event::Text(t)) if !phonetic => match quick_xml::escape::unescape(&t) {
                Ok(c) => current.push_str(&c),
                Err(_) => current.push_str(&t),
            },
            Ok(Event::GeneralRef(r)) if !phonetic => {
                let name: &str = &r;
                if let Ok(c) = quick_xml::escape::unescape(&format!("&{name};")) {
                    current.push_str(&c);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    strings
}

/// Which cell styles show a date, from `xl/styles.xml`.
#[derive(Debug, Default)]
pub struct DateStyles(Vec<bool>);

impl DateStyles {
    /// Reads the number formats and cell styles of a styles part.
    pub fn parse(xml: &[u8]) -> DateStyles {
        let text = String::from_utf8_lossy(xml);
        let mut reader = Reader::from_str(&text);
        let mut custom: Vec<(u32, bool)> = Vec::new();
        let mut styles = Vec::new();
        let mut in_cell_xfs = false;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    "numFmt" => {
                        if let (Some(id), Some(code)) =
                            (number(&e, "numFmtId"), attr(&e, "formatCode"))
                        {
                            custom.push((id, is_date_code(&code)));
                        }
                    }
                    "cellXfs" => in_cell_xfs = true,
                    "xf" if in_cell_xfs => {
                        let id = number(&e, "numFmtId").unwrap_or(0);
                        let date = custom
                            .iter()
                            .find(|(c, _)| *c == id)
                            .map_or_else(|| builtin_date(id), |(_, d)| *d);
                        styles.push(date);
                    }
                    _ => {}
                },
                Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
        DateStyles(styles)
    }

    /// True when cell style `index` shows a date.
    pub fn is_date(&self, index: usize) -> bool {
        self.0.get(index).copied().unwrap_or(false)
    }
}

/// The date a serial number stands for (the 1900 date system), as `YYYY-MM-DD`.
pub fn serial_date(value: &str) -> Option<String> {
    let serial: f64 = value.trim().parse().ok()?;
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Day 0 is 1899-12-30 once Excel's phantom 1900-02-29 is behind.
    let day = time::Date::from_julian_day(2_415_019 + serial.floor() as i32).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        day.year(),
        u8::from(day.month()),
        day.day()
    ))
}

/// The style index of a `<c>` cell, when it holds a number (no `t`, or `t="n"`).
pub fn numeric_style(cell: &BytesStart<'_>) -> Option<usize> {
    match attr(cell, "t").as_deref() {
        None | Some("n") => number(cell, "s").map(|s| s as usize),
        Some(_) => None,
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| {
            let raw = &a.value;
            quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |v| v.into_owned())
        })
}

fn number(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name)?.parse().ok()
}

/// The built-in number formats that show a date (ECMA-376 18.8.30).
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=17 | 22 | 27..=36 | 50..=58)
}

/// A custom format code shows a date when, outside quoted text and `[...]` sections, it
/// has a day or year code.
fn is_date_code(code: &str) -> bool {
    let (mut quoted, mut bracket) = (false, false);
    code.chars().any(|c| {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ => {}
        }
        !quoted && !bracket && matches!(c.to_ascii_lowercase(), 'd' | 'y')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_styles_and_serials_are_read_as_a_reader_sees_them() {
        let styles = br#"<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="&quot;Dossier &quot;0"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"#;
        let styles = DateStyles::parse(styles);
        assert_eq!(
            (0..5).map(|i| styles.is_date(i)).collect::<Vec<_>>(),
            [false, true, true, false, false]
        );
        assert_eq!(serial_date("19725").as_deref(), Some("1954-01-01"));
        assert_eq!(serial_date("45658.5").as_deref(), Some("2025-01-01"));
        assert_eq!(serial_date("abc"), None);
        assert_eq!(serial_date("-3"), None);
        assert_eq!(serial_date("1e12"), None);
    }

    #[test]
    fn a_date_cell_reads_as_a_date_and_other_numbers_stay_numbers() {
        let styles = DateStyles::parse(
            br#"<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#,
        );
        let sheet = br#"<worksheet><sheetData><row><c r="A1" s="1"><v>19725</v></c><c r="B1"><v>19725</v></c><c r="C1" s="1" t="s"><v>3</v></c></row></sheetData></worksheet>"#;
        let book = Workbook::new(
            styles,
            shared_strings(
                b"<sst><si><t>Nom</t></si><si><r><t>Lalo</t></r><r><t>nde</t></r><rPh><t>x</t></rPh></si><si><t>Seul</t></si></sst>",
            ),
        );
        let mut text = String::new();
        super::super::office::xml_text(sheet, Some(&book), usize::MAX, &mut text).unwrap();
        assert_eq!(text, "1954-01-01\t\t19725\t\t3\t\t\n");
        let sheet =
            br#"<row><c t="s"><v>1</v></c><c t="s"><v>0</v></c><c t="s"><v>9</v></c></row>"#;
        text.clear();
        super::super::office::xml_text(sheet, Some(&book), usize::MAX, &mut text).unwrap();
        assert_eq!(text, "Lalonde\t\tNom\t\t9\t\t\n");
        assert_eq!(book.unshown().collect::<Vec<_>>(), ["Seul"]);
        assert!(super::super::office::xml_text(sheet, Some(&book), 4, &mut text).is_err());
    }
}
