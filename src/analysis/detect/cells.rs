//! Delimited exports (CSV with `;` or `,`, tab-separated text, pipe tables): the header's
//! labels name their columns, so each row's cell under a birth-date label is a date of
//! birth and its cell under a file-number label a record number, even in a one-row export
//! ("Patient;DDN;No dossier" then one patient). Columns are matched by cell index, which
//! is what makes one row enough; [`super::table`] reads undelimited layouts (OCR, screens),
//! where a column of several rows is needed instead. A file-number column counts only in a
//! table of people (a name or patient column beside it, or an "MRN" label).

use regex::Regex;

/// How many rows below its header a delimited table is read.
const MAX_ROWS: usize = 200;

/// A header cell longer than this is text, not a column label.
const MAX_LABEL: usize = 40;

/// What delimited tables give, as [`super::table::Rows`] holds it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// Dates of birth, with whether the header has a name column.
    pub dobs: Vec<(usize, usize, bool)>,
    /// Record numbers, with whether the header has a patient column.
    pub records: Vec<(usize, usize, bool)>,
    /// How many rows the table had (its lines need not be read as headers again).
    pub rows: usize,
}

/// The compiled patterns.
#[derive(Debug, Clone)]
pub struct Cells {
    /// A whole cell that is a date with a birth year, numeric or written.
    birth_date: Regex,
    /// A whole cell that is a file number.
    record: Regex,
}

impl Cells {
    /// Compiles the patterns (constants: a failure is a programming error, caught by tests).
    pub fn new(months: &str) -> Result<Cells, regex::Error> {
        let year = "(?:19[0-9]{2}|20[01][0-9])";
        Ok(Cells {
            birth_date: Regex::new(&format!(
                r"(?i)^[ ]*(?:{year}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}|[0-9]{{1,2}}[-/.][0-9]{{1,2}}[-/.]{year}|[0-9]{{1,2}}(?:er)? (?:{months})\.? {year}|(?:{months})\.? [0-9]{{1,2}},? {year})[ ]*$"
            ))?,
            record: Regex::new(r"^[ ]*[A-Z]{0,2}[0-9]{2,4}-?[0-9]{3,7}[ ]*$")?,
        })
    }

    /// Reads the delimited table whose header is `header` (a line of `text` starting at
    /// byte `start`); `rows` are the lines below it (start offset, line). `is_dob`,
    /// `is_record`, `is_name` and `is_patient` tell what a header cell labels.
    pub fn read<'t>(
        &self,
        header: &str,
        rows: impl Iterator<Item = (usize, &'t str)>,
        labels: &Labels<'_>,
    ) -> Found {
        let mut found = Found::default();
        let Some(delimiter) = [';', '\t', '|', ',']
            .into_iter()
            .find(|&d| header.split(d).filter(|c| !c.trim().is_empty()).count() >= 2)
        else {
            return found;
        };
        let heads: Vec<&str> = header.split(delimiter).collect();
        // A header's cells are labels, not a sentence's clauses split at its commas, nor a
        // labelled value ("DDN 1950-01-01": the detectors read that one).
        let short =
            |h: &&str| h.trim().len() <= MAX_LABEL && !h.bytes().any(|b| b.is_ascii_digit());
        let column = |test: &dyn Fn(&str) -> bool| heads.iter().position(|h| short(h) && test(h));
        let dob = column(labels.dob);
        let record = column(labels.record);
        if dob.is_none() && record.is_none() {
            return found;
        }
        let named = heads.iter().any(|h| (labels.name)(h));
        let patients = heads.iter().any(|h| (labels.patient)(h));
        // A "Dossier" column is a patient's beside a name or patient column, or when its
        // label only patients have; else a supplier's or a case's.
        let record = record.filter(|&i| {
            named || patients || heads.get(i).is_some_and(|h| (labels.patient_record)(h))
        });
        for (start, line) in rows.take(MAX_ROWS) {
            // The table ends where a line has another number of cells (a trailing
            // delimiter aside).
            let cells = line.split(delimiter).count();
            if cells + 1 < heads.len() || cells > heads.len() + 1 {
                break;
            }
            found.rows += 1;
            let mut offset = start;
            for (index, cell) in line.split(delimiter).enumerate() {
                // A quoted cell ("1984-04-25") is read without its quotes and spaces.
                let quote = |c: char| c == ' ' || c == '"';
                let value = cell.trim_matches(quote);
                let from = offset + (cell.len() - cell.trim_start_matches(quote).len());
                let range = (from, from + value.len());
                if Some(index) == dob && self.birth_date.is_match(value) {
                    found.dobs.push((range.0, range.1, named));
                }
                if Some(index) == record && self.record.is_match(value) {
                    found.records.push((range.0, range.1, patients));
                }
                offset += cell.len() + delimiter.len_utf8();
            }
        }
        found
    }
}

/// True when the label at `span` may fill a header's cell: at most [`MAX_LABEL`] bytes
/// (spaces aside) between it and the delimiters or line ends around it. A cheap test
/// that [`Cells::read`] would pass, so that prose mentioning a label costs no table read.
pub fn in_short_cell(text: &str, span: &std::ops::Range<usize>) -> bool {
    let bytes = text.as_bytes();
    let edge = |b: u8| matches!(b, b';' | b'\t' | b'|' | b',' | b'\n' | b'\r');
    let mut content = span.len();
    // A header line is short (table.rs reads none over 300 bytes): so is the walk.
    let before = bytes[..span.start]
        .iter()
        .rev()
        .take(300)
        .take_while(|&&b| !edge(b));
    let after = bytes[span.end..]
        .iter()
        .take(300)
        .take_while(|&&b| !edge(b));
    for &b in before.chain(after) {
        content += usize::from(b != b' ');
        if content > MAX_LABEL {
            return false;
        }
    }
    true
}

/// What a header cell labels.
pub struct Labels<'a> {
    /// A birth-date label.
    pub dob: &'a dyn Fn(&str) -> bool,
    /// A file-number label.
    pub record: &'a dyn Fn(&str) -> bool,
    /// A name label.
    pub name: &'a dyn Fn(&str) -> bool,
    /// A patient label.
    pub patient: &'a dyn Fn(&str) -> bool,
    /// A file-number label only patients have ("MRN").
    pub patient_record: &'a dyn Fn(&str) -> bool,
}

#[cfg(test)]
mod tests {
    use super::in_short_cell;

    #[test]
    fn a_label_in_prose_fills_no_short_cell() {
        let cell = |text: &str, label: &str| {
            let start = text.find(label).unwrap_or_default();
            in_short_cell(text, &(start..start + label.len()))
        };
        assert!(cell("Nom;Prenom;DDN;Dossier\n", "DDN"));
        assert!(cell(
            "Nom\t  date de naissance  \tDossier",
            "date de naissance"
        ));
        assert!(cell("dossier", "dossier"));
        assert!(!cell(
            "Le comité a revu le dossier du fournisseur avant la réunion, puis",
            "dossier"
        ));
        assert!(!cell(&format!("{}dossier", " x".repeat(40)), "dossier"));
    }
}
