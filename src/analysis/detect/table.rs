//! Patients in tables and lists, as spreadsheets, text exports, EMR screens and scanned
//! lists show them: the label that names a column ("DDN", "Date of birth", "Patient") is on
//! a header line and the values are on the lines below it, one per row. Read as a table:
//! - a date-of-birth column: below a header line holding a birth-date label (and no date of
//!   its own), each row's date with a birth year is a date of birth; the row names a person
//!   when the table has a name column ("Nom", "Name", "Patient", "Usager") or the row a name
//!   in list form;
//! - a patient column: below a patient label, names in the form EMRs list them, surname
//!   first ("LACROIX, Monique", or "Arsenault, Emilie" alone in its cell) or a given name
//!   and a surname alone in their cell ("Jeanne Ouellet"), at least [`MIN_LISTED`] of them;
//! - a record-number column: below a header line holding a file-number label ("Dossier",
//!   "MRN") under a patient label, each row's number standing alone in its cell is a medical
//!   record number, as if labelled (at least two rows: one number below a word is anything).
//!
//! OCR of a screen reads column by column, so "below" means the next [`REACH_LINES`] lines,
//! not the same column. Found here: where the evidence lies; judged with the context words
//! by the clinical detector like any other date of birth or name.

use regex::Regex;

use super::cells::{self, Cells, Labels};
use super::column_labels::{
    DOB_LABELS, NAME_LABELS, PATIENT_LABELS, PATIENT_WORDS, RECORD_LABELS, cased, column_label,
    labelled_otherwise,
};

/// A label's place in the text.
type Span = std::ops::Range<usize>;
/// How many lines below its header a table's rows are looked for.
const REACH_LINES: usize = 60;

/// How many listed names make a list of patients (fewer may be a greeting: "Merci, Marie").
pub const MIN_LISTED: usize = 3;

/// A table's header line is short: a longer line is a paragraph that names a label.
const MAX_HEADER: usize = 300;

/// The compiled patterns.
#[derive(Debug, Clone)]
pub struct Tables {
    dob_label: Regex,
    name_label: Regex,
    patient_label: Regex,
    record_label: Regex,
    /// The file-number labels only a patient's file has (not "Dossier": a supplier has one).
    patient_record_label: Regex,
    /// A number alone in its cell: what a file-number column holds.
    record: Regex,
    date: Regex,
    /// Surname in capitals, then given name: anywhere in a row.
    listed_caps: Regex,
    /// Surname, then given name, both capitalised: the whole cell.
    listed_cell: Regex,
    /// Given name, then surname: the whole cell (a screen's patient column).
    listed_given: Regex,
    /// Given name, then surname, between a row's bed number and an age: a census or a
    /// handover sheet read as text ("28 Gilles Tremblay 41 Fracture").
    listed_row: Regex,
    cells: Cells,
}

/// What the tables of one text hold.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Rows {
    /// Dates of birth in a table's rows, with whether the table names the person.
    pub dobs: Vec<(usize, usize, bool)>,
    /// Names listed below a patient label (at least [`MIN_LISTED`] under one label).
    pub listed: Vec<(usize, usize)>,
    /// Numbers in a file-number column of a table of patients, with whether a patient
    /// label heads the table (rather than a name column or an "MRN" label alone).
    pub records: Vec<(usize, usize, bool)>,
}

impl Tables {
    /// Compiles the patterns (constants: a failure is a programming error, caught by tests).
    pub fn new(months: &str) -> Result<Tables, regex::Error> {
        let date = r"(?:(?:19[0-9]{2}|20[0-2][0-9])[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:19[0-9]{2}|20[0-2][0-9]))";
        let given = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?";
        Ok(Tables {
            dob_label: Regex::new(&cased(DOB_LABELS))?,
            name_label: Regex::new(&cased(&[NAME_LABELS, PATIENT_WORDS].concat()))?,
            patient_label: Regex::new(&cased(&[PATIENT_WORDS, PATIENT_LABELS].concat()))?,
            record_label: Regex::new(&cased(RECORD_LABELS))?,
            patient_record_label: Regex::new(r"(?i)^(?:mrn|medical record)")?,
            // Hospitals write file numbers plain, with a letter prefix or split by a dash
            // ("1357604", "H059440", "43-18484").
            record: Regex::new(
                r"(?m)(?:^|[\t |;,])([A-Z]{0,2}[0-9]{2,4}-?[0-9]{3,7})(?:[\t |;,]|\r?$)",
            )?,
            date: Regex::new(&format!(r"(?-u:\b){date}(?-u:\b)"))?,
            // "LACROIX, Monique", "LEBLANC, JACQUELINE", "SIMARD Mathis"; or a title and a
            // name ("Mme Nicole Dube").
            listed_caps: Regex::new(&format!(
                r"(?-u:\b)(?:[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+)?, (?:{given}|[A-Z]{{2,}}(?:-[A-Z]{{2,}})?)|[A-Z]{{2}}[A-Z'-]+ {given}|(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?) {given} (?:[A-Z]')?[A-Z][A-Za-z-]+)(?-u:\b)"
            ))?,
            listed_cell: Regex::new(&format!(
                r"(?m)(?:^|\t|  |\||;)[ ]*((?:[A-Z]')?[A-Z][a-z]+(?:[- ][A-Z][a-z]+)?, {given})[ ]*(?:\t|  |\||;|\r?$)"
            ))?,
            cells: Cells::new(months)?,
            // (OCR puts rules and brackets between the cells: "116 Nathalie Caron ___|16 |".)
            listed_row: Regex::new(&format!(
                r"(?m)^[ (\[|]*[0-9]{{1,4}}(?:-?[A-Z])?[ |]+({given} (?:[A-Z]')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ |_\[{{(]+[0-9]{{1,3}}(?:[ |]|\r?$)"
            ))?,
            listed_given: Regex::new(&format!(
                r"(?m)(?:^|\t|  |\||;)[ ]*({given} (?:[A-Z]')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ ]*(?:\t|  |\||;|\r?$)"
            ))?,
        })
    }

    /// The dates of birth and listed names of `text`'s tables.
    pub fn rows(&self, text: &str) -> Rows {
        let mut rows = Rows::default();
        // Each label regex scans the text once; most texts have none and stop here,
        // without a line index.
        let spans =
            |regex: &Regex| -> Vec<Span> { regex.find_iter(text).map(|m| m.range()).collect() };
        let dobs = spans(&self.dob_label);
        let patients = spans(&self.patient_label);
        let records = spans(&self.record_label);
        // Labels that cannot head a column are dropped before any line is indexed: a
        // file-number label must read as a column's, a delimited header's must fill a
        // short cell (prose says "le dossier" thousands of times).
        let columns: Vec<Span> = records
            .iter()
            .filter(|m| column_label(text, m.start))
            .cloned()
            .collect();
        let headers: Vec<Span> = dobs
            .iter()
            .chain(&records)
            .filter(|m| cells::in_short_cell(text, m))
            .cloned()
            .collect();
        let (dob, patient, record) = (!dobs.is_empty(), !patients.is_empty(), !columns.is_empty());
        if !(dob || patient || record || !headers.is_empty()) || !text.contains('\n') {
            return rows;
        }
        let lines = Lines::new(text);
        if dob {
            rows.dobs = self.dob_column(text, &lines, &dobs);
        }
        if patient {
            rows.listed = self.patient_column(text, &lines, &patients);
        }
        if record {
            // The lines holding a patient label (a long text may hold thousands of
            // file-number labels, each asking whether one stands above it).
            let patient_lines: Vec<usize> = patients.iter().map(|m| lines.index(m.start)).collect();
            rows.records = self.record_column(text, &lines, &columns, &patient_lines);
        }
        if !headers.is_empty() {
            let headers = headers.iter().map(|m| lines.index(m.start));
            self.delimited(text, &lines, headers, &mut rows);
        }
        rows
    }

    /// Adds what delimited tables (CSV, TSV) say by column, one row being enough there.
    #[inline(never)]
    fn delimited(
        &self,
        text: &str,
        lines: &Lines,
        headers: impl Iterator<Item = usize>,
        rows: &mut Rows,
    ) {
        let dob = |cell: &str| self.dob_label.is_match(cell);
        let record = |cell: &str| self.record_label.is_match(cell);
        let name = |cell: &str| self.name_label.is_match(cell);
        let patient = |cell: &str| self.patient_label.is_match(cell);
        let patient_record = |cell: &str| self.patient_record_label.is_match(cell.trim());
        let labels = Labels {
            dob: &dob,
            record: &record,
            name: &name,
            patient: &patient,
            patient_record: &patient_record,
        };
        let mut done = 0;
        let mut starts: Vec<usize> = headers.collect();
        starts.sort_unstable();
        starts.dedup();
        for header in starts {
            if header < done {
                continue;
            }
            let line = lines.get(text, header);
            let delimited = |b: &u8| matches!(b, b';' | b'\t' | b'|' | b',');
            if line.len() > MAX_HEADER || !text.as_bytes()[line.clone()].iter().any(delimited) {
                continue;
            }
            let below = (header + 1..lines.count()).map(|row| {
                let row = lines.get(text, row);
                (row.start, &text[row])
            });
            let found = self.cells.read(&text[line], below, &labels);
            done = header + 1 + found.rows;
            rows.dobs.extend(found.dobs);
            rows.records.extend(found.records);
        }
        for list in [&mut rows.dobs, &mut rows.records] {
            list.sort_unstable();
            list.dedup_by_key(|&mut (start, _, _)| start);
        }
    }

    #[inline(never)]
    fn dob_column(&self, text: &str, lines: &Lines, labels: &[Span]) -> Vec<(usize, usize, bool)> {
        let mut found = Vec::new();
        let mut done = 0;
        for label in labels {
            let header = lines.index(label.start);
            let line = lines.get(text, header);
            // A label with its value on its line is a labelled date, not a header.
            if header < done || self.date.is_match(&text[label.end..line.end]) {
                continue;
            }
            let region = lines.span(header.saturating_sub(REACH_LINES), header + 1);
            let mut named = self.name_label.is_match(&text[region]);
            let mut dates = Vec::new();
            for row in header + 1..lines.count().min(header + 1 + REACH_LINES) {
                let row = lines.get(text, row);
                let cells = &text[row.clone()];
                if let Some(date) = self.date.find(cells) {
                    named |= self.listed_caps.is_match(cells) || self.listed_cell.is_match(cells);
                    dates.push((row.start + date.start(), row.start + date.end()));
                }
            }
            done = header + 1 + REACH_LINES;
            // One date below a label may be anything; a column of them is a table.
            if dates.len() >= 2 {
                found.extend(dates.into_iter().map(|(start, end)| (start, end, named)));
            }
        }
        found
    }

    #[inline(never)]
    fn patient_column(&self, text: &str, lines: &Lines, labels: &[Span]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut done = 0;
        for label in labels {
            let header = lines.index(label.start);
            if header < done {
                continue;
            }
            let below = lines.span(header, header + 1 + REACH_LINES);
            let below = &text[below.start..below.end];
            let offset = below.as_ptr() as usize - text.as_ptr() as usize;
            let mut names: Vec<(usize, usize)> = self
                .listed_caps
                .find_iter(below)
                .map(|m| (offset + m.start(), offset + m.end()))
                .chain(self.listed_cell.captures_iter(below).filter_map(|c| {
                    let m = c.get(1)?;
                    Some((offset + m.start(), offset + m.end()))
                }))
                .chain(self.listed_row.captures_iter(below).filter_map(|c| {
                    let m = c.get(1)?;
                    Some((offset + m.start(), offset + m.end()))
                }))
                .chain(self.given_run(text, lines, header))
                .collect();
            names.sort_unstable();
            names.dedup();
            // Each label's rows are read once: the next label looked at is past them (or,
            // when this one heads no list, half-way down), so the work stays linear.
            if names.len() >= MIN_LISTED {
                found.extend(names);
                done = header + 1 + REACH_LINES;
            } else {
                done = header + 1 + REACH_LINES / 2;
            }
        }
        found
    }

    /// `labels`: the file-number labels that read as a column's; `patients`: the lines
    /// holding a patient label, in order.
    #[inline(never)]
    fn record_column(
        &self,
        text: &str,
        lines: &Lines,
        labels: &[Span],
        patients: &[usize],
    ) -> Vec<(usize, usize, bool)> {
        let mut found = Vec::new();
        let mut done = 0;
        for label in labels {
            let header = lines.index(label.start);
            let line = lines.get(text, header);
            // A label with its number on its line is a labelled number (a detector's rule).
            if header < done
                || line.len() > MAX_HEADER
                || self.record.is_match(&text[label.end..line.end])
            {
                continue;
            }
            // A table of patients: a patient label above, a name column beside this one
            // ("Lit Nom Age Dossier Dx"), or a label only patients have ("MRN").
            let patients_only = self.patient_record_label.is_match(&text[label.clone()]);
            let above = patients.partition_point(|&l| l < header.saturating_sub(REACH_LINES));
            let headed = patients.get(above).is_some_and(|&l| l <= header);
            if !(headed || patients_only || self.name_label.is_match(&text[line.clone()])) {
                continue;
            }
            let mut numbers = Vec::new();
            for row in header + 1..lines.count().min(header + 1 + REACH_LINES) {
                let row = lines.get(text, row);
                let cells = &text[row.clone()];
                if let Some(number) = self.record.captures(cells).and_then(|c| c.get(1)) {
                    if labelled_otherwise(&cells[..number.start()]) {
                        continue;
                    }
                    let at = row.start + number.start();
                    numbers.push((at, row.start + number.end(), headed));
                }
            }
            done = header + 1 + REACH_LINES;
            if numbers.len() >= 2 {
                found.extend(numbers);
            }
        }
        found
    }

    /// Names in given-name-first form are a column only when they fill the rows right below
    /// the header, one per row (blank lines aside), at least [`MIN_LISTED`] of them: a screen's
    /// title-case buttons and labels ("Enregistrer Annuler") seldom stand that way.
    #[inline(never)]
    fn given_run(&self, text: &str, lines: &Lines, header: usize) -> Vec<(usize, usize)> {
        let mut run = Vec::new();
        for row in header + 1..lines.count().min(header + 1 + REACH_LINES) {
            let row = lines.get(text, row);
            let cells = &text[row.clone()];
            if cells.trim().is_empty() {
                continue;
            }
            let Some(name) = self.listed_given.captures(cells).and_then(|c| c.get(1)) else {
                break;
            };
            run.push((row.start + name.start(), row.start + name.end()));
        }
        if run.len() < MIN_LISTED {
            run.clear();
        }
        run
    }
}

/// The line starts of a text, to go from a byte offset to its line and back.
struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines {
            starts,
            len: text.len(),
        }
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// The line holding byte `at`.
    fn index(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    /// Lines `from..to` (clamped) as one byte range.
    fn span(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(from).copied().unwrap_or(self.len);
        let end = self.starts.get(to).copied().unwrap_or(self.len);
        start..end.max(start)
    }

    /// Line `index`'s byte range, without its line end.
    fn get(&self, text: &str, index: usize) -> std::ops::Range<usize> {
        let range = self.span(index, index + 1);
        let line = &text[range.clone()];
        range.start..range.start + line.trim_end_matches(['\n', '\r']).len()
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
