//! Built-in detectors that are not one identifier pattern:
//! - `person_clinical_context`: a person identified in a clinical context, i.e. a date of
//!   birth (or an age) with clinical words close by, and a name (LRSSS s. 2: a name or date
//!   of birth becomes health information when attached to health information);
//!   A date of birth or a name in a table's rows counts too (see [`super::table`]);
//! - `structured_clinical_record`: HL7 v2 with a PID segment, FHIR resources about a patient
//!   (JSON or XML), CDA documents with a recordTarget.
//!
//! All over folded text; nothing here keeps a value, only the shape of the evidence.

use regex::Regex;

use super::Confidence;
use super::context::{Kind, Mention, Words};
use super::patterns::floor_boundary;
use super::table::{Rows, Tables};

/// Id of the person-in-clinical-context detector.
pub const PERSON: &str = "person_clinical_context";
/// Id of the structured-record detector.
pub const STRUCTURED: &str = "structured_clinical_record";

const MONTHS: &str = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|janv|fevr|avr|juill|juil|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec";

/// How far before an age a name must stand ("Mme Lalonde Therese, 79 ans").
const AGE_NAME_REACH: usize = 60;

/// How far into a FHIR Patient resource its person fields are looked for.
const FHIR_REACH: usize = 4096;

/// The compiled built-in patterns.
#[derive(Debug, Clone)]
pub struct Clinical {
    /// Date-of-birth and age patterns: located by the engine's pattern search.
    dob: String,
    age: String,
    name: Regex,
    /// A name after a patient label that starts its line or cell ("Patient : GOSSELIN, Felix").
    labelled: Regex,
    hl7_pid: Regex,
    fhir_json: Regex,
    fhir_reference: Regex,
    fhir_person: Regex,
    fhir_xml: Regex,
    cda: Regex,
    tables: Tables,
}

/// One built-in finding in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sign {
    /// Detector id.
    pub detector: &'static str,
    /// Confidence.
    pub confidence: Confidence,
    /// A description of the evidence's shape (never a value).
    pub sample: String,
    /// A key that tells distinct occurrences apart (a hash-free position key).
    pub key: String,
    /// Where the evidence starts in the text (byte offset).
    pub at: usize,
}

impl Clinical {
    /// Compiles the built-in patterns. They are constants: a failure is a programming error
    /// caught by the unit tests, reported as a regex error rather than a panic.
    pub fn new() -> Result<Clinical, regex::Error> {
        // Between a written date's parts: a space or a dash ("09-SEP-1979"), or the line
        // break of a scanned letter's wrapped line ("ne le 24\nfevrier 1990").
        let sep = r"(?:[ -]|\r?\n)";
        let date = format!(
            r"(?:[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}|[0-9]{{1,2}}[-/.][0-9]{{1,2}}[-/.][0-9]{{2,4}}|[0-9]{{1,2}}(?:er)?{sep}(?:{MONTHS})\.?{sep}[0-9]{{4}}|(?:{MONTHS})\.?{sep}[0-9]{{1,2}},?{sep}[0-9]{{4}})"
        );
        // A bare date after a name is a birth date only if its year is one (events of this
        // decade are not).
        let birth_year = "(?:19[0-9]{2}|20[01][0-9])";
        // A birth date as EMRs export it, yyyymmdd, only right after a birth-date label
        // ("DDN 19490822").
        let compact = format!("{birth_year}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])");
        Ok(Clinical {
            dob: format!(
                r"(?i)(?-u:\b)(?:date de naissance|ddn|d\.d\.n\.?|nee? le|nee? en|ne\(e\) le|ne\(e\)|nee?\(e\) le|naissance|date of birth|dob|d\.o\.b\.?|birth ?date|born(?: on)?)[ :.,;|\t]{{0,8}}(?:le )?(?:{date}|{compact}(?-u:\b))|\((?:{birth_year}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}|[0-9]{{1,2}}[-/.][0-9]{{1,2}}[-/.]{birth_year}|[0-9]{{1,2}}(?:er)? [a-z]{{3,9}}\.? {birth_year})\)"
            ),
            age: r"(?i)(?:(?-u:\b)(?:agee? de [0-9]{1,3} ans|age ?: ?[0-9]{1,3}|[0-9]{1,3} ans(?-u:\b)|[0-9]{1,3}[ -]years?[ -]old|[0-9]{1,3} ?(?:yo|y/o|y\.o\.)|aged [0-9]{1,3})|\([0-9]{1,3} ?(?:ans|[mfh])\))".to_owned(),
            // (The last form of `dob` is a bare date in parentheses, years before 2020 only;
            // it counts right after a name ("Roger Cyr (1943-09-17)", "ROY, Hugo (25 juillet
            // 1961)"), which [`Clinical::named_before`] checks: the automaton that finds
            // every pattern in one pass stays small.)
            // Case matters: a name is capitalised (or in capitals).
            name: Regex::new(
                r"(?-u:\b)(?:(?:M\.|Mme|Mlle|Monsieur|Madame|Mr\.?|Mrs\.?|Ms\.?|Miss)[ ]+[A-Z][A-Za-z'-]+(?:[ ]+[A-Z][A-Za-z'-]+)?|(?i:patiente?|usagere?|nom(?: du patient| de l'usager| de la patiente)?|patient name|name|enfant|child)[ ]*:[ ]*[A-Z][A-Za-z'-]+(?:,?[ ]+[A-Z][A-Za-z'-]+)+|[A-Z][a-z]+(?:-[A-Z][a-z]+)?[ ]+(?:[A-Z]')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2,}(?:-[A-Z]{2,})?,?[ ]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)",
            )?,
            labelled: Regex::new(
                r"(?i:patiente?|usagere?|nom du patient|nom de l'usager|nom de la patiente|patient name)[ ]*[:;|\t][ \t]*([A-Z][A-Za-z'-]+(?:,?[ ]+[A-Z][A-Za-z'-]+)+)",
            )?,
            hl7_pid: Regex::new(r"(?:^|[\r\n])PID\|([^\r\n]*)")?,
            fhir_json: Regex::new(
                r#""resourceType"\s*:\s*"(Patient|Immunization|Observation|DiagnosticReport|Condition|MedicationRequest|MedicationStatement|Encounter|Procedure|AllergyIntolerance|CarePlan|DocumentReference)""#,
            )?,
            fhir_reference: Regex::new(r#"(?:"reference"\s*:\s*"|<reference value=")Patient/"#)?,
            fhir_person: Regex::new(
                r#""(?:name|identifier|birthDate|telecom|address)"\s*:|<(?:name|identifier|birthDate|telecom|address)[\s>/]"#,
            )?,
            fhir_xml: Regex::new(
                r#"<(Patient|Immunization|Observation|DiagnosticReport|Condition|Encounter)\s+xmlns="http://hl7\.org/fhir""#,
            )?,
            cda: Regex::new(r"<ClinicalDocument[\s>][\s\S]*<recordTarget[\s>]")?,
            tables: Tables::new(MONTHS)?,
        })
    }

    /// The patterns whose presence anywhere in a text makes [`Clinical::person`] worth
    /// running: a date of birth, an age. They join the engine's single-pass pattern set.
    pub fn triggers(&self) -> [&str; 2] {
        [self.dob.as_str(), self.age.as_str()]
    }

    /// The dates of birth and listed names of `text`'s tables.
    pub fn tables(&self, text: &str) -> Rows {
        self.tables.rows(text)
    }

    /// True when someone's name (not a dummy's) stands in `text[from..to]` (clamped).
    pub fn named(&self, text: &str, from: usize, to: usize) -> bool {
        let lo = floor_boundary(text, from);
        let hi = floor_boundary(text, to.min(text.len()));
        text.get(lo..hi).is_some_and(|around| {
            self.name
                .find_iter(around)
                .any(|name| !placeholder_name(name.as_str()))
        })
    }

    /// True when what was found at `at` is a bare value in parentheses that does not follow
    /// a name (the only form that needs one: "(1943-09-17)" or "(H2975594)" alone is any
    /// date or number).
    pub fn unnamed_in_parentheses(&self, text: &str, at: usize) -> bool {
        if text.as_bytes().get(at) != Some(&b'(') {
            return false;
        }
        let before = text
            .get(floor_boundary(text, at.saturating_sub(48))..at)
            .unwrap_or("");
        let Some(before) = before.strip_suffix(' ') else {
            return true;
        };
        // The name is the last two to four words ("Roger Cyr", "Mme Rita Roy").
        let starts = before
            .rmatch_indices(' ')
            .map(|(i, _)| i + 1)
            .skip(1)
            .take(3);
        !starts.chain(std::iter::once(0)).any(|start| {
            let words = &before[start..];
            self.name.find(words).is_some_and(|name| {
                name.start() == 0 && name.end() == words.len() && !placeholder_name(words)
            })
        })
    }

    /// True when the name right before `at` is a clinician's ("Dre Anne Roy (1234567)": a
    /// licence or permit number, not a patient's record).
    pub fn clinician_before(text: &str, at: usize) -> bool {
        let before = text
            .get(floor_boundary(text, at.saturating_sub(48))..at)
            .unwrap_or("");
        before.split_whitespace().rev().take(4).any(|word| {
            let word = word.trim_matches(|c: char| c == '.' || c == ',');
            ["dr", "dre", "docteur", "docteure", "inf", "pharm", "md"]
                .iter()
                .any(|title| word.eq_ignore_ascii_case(title))
        })
    }

    /// The names written after a patient label in `text` (dummy ones left out).
    pub fn labelled(&self, text: &str) -> Vec<(usize, usize)> {
        // (The label's start is checked here rather than in the pattern, which keeps the
        // pattern's literal prefix: a fast search.)
        let starts_cell = |at: usize| {
            let before = text.get(..at).unwrap_or("").trim_end_matches(' ');
            before.is_empty() || before.ends_with(['\n', '\t', '|'])
        };
        self.labelled
            .captures_iter(text)
            .filter(|c| c.get(0).is_some_and(|label| starts_cell(label.start())))
            .filter_map(|c| c.get(1))
            .filter(|name| !placeholder_name(name.as_str()))
            .map(|name| (name.start(), name.end()))
            .collect()
    }

    /// A person in a clinical context: the dates of birth `dobs` (with whether a table
    /// names their person), ages `ages`, listed names `listed` and names after a patient
    /// label `labelled` found in `text`, judged
    /// with the context words `hits` (which cover `window` bytes around each).
    #[allow(clippy::too_many_arguments)]
    pub fn person(
        &self,
        text: &str,
        dobs: &[(usize, usize, bool)],
        listed: &[(usize, usize)],
        labelled: &[(usize, usize)],
        ages: &[(usize, usize)],
        words: &Words,
        hits: &[Mention],
        window: usize,
    ) -> Vec<Sign> {
        let mut found = Vec::new();
        let clinical_near = |from: usize, to: usize, kind: Kind| {
            let near = Words::near(hits, from.saturating_sub(window), to + window);
            words.any(near, kind)
        };
        let name_within = |from: usize, to: usize| self.named(text, from, to);
        for &(start, end, in_named_table) in dobs {
            let strong = clinical_near(start, end, Kind::Strong);
            let named = in_named_table || name_within(start.saturating_sub(window), end + window);
            // A named person's date of birth next to a health word is health information;
            // a date of birth without a name needs strong clinical words. Celebration words
            // ("anniversaire", "retraite") with a single clinical word leave it medium.
            let near = Words::near(hits, start.saturating_sub(window), end + window);
            let celebrated = words.any(near, Kind::Anti) && words.distinct(near, Kind::Strong) < 2;
            let (confidence, sample) = if named && (strong || clinical_near(start, end, Kind::Weak))
            {
                let confidence = if celebrated {
                    Confidence::Medium
                } else {
                    Confidence::High
                };
                (confidence, "nom + date de naissance + contexte clinique")
            } else if strong {
                (Confidence::Medium, "date de naissance + contexte clinique")
            } else {
                continue;
            };
            found.push(Sign {
                detector: PERSON,
                confidence,
                sample: sample.to_owned(),
                key: text
                    .get(start..end)
                    .unwrap_or("")
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect(),
                at: start,
            });
        }
        // A name with health words near it: high with strong ones, medium with weak ones.
        let graded = |start: usize, end: usize| {
            if clinical_near(start, end, Kind::Strong) {
                Some(Confidence::High)
            } else if clinical_near(start, end, Kind::Weak) {
                Some(Confidence::Medium)
            } else {
                None
            }
        };
        for &(start, end) in listed {
            // A title-case heading made of health words ("Diabetes Care") is no one's name.
            let inside = Words::near(hits, start, end.saturating_sub(1));
            let dummy = text.get(start..end).is_none_or(placeholder_name)
                || words.any(inside, Kind::Strong)
                || words.any(inside, Kind::Weak);
            let Some(confidence) = graded(start, end).filter(|_| !dummy) else {
                continue;
            };
            found.push(Sign {
                detector: PERSON,
                confidence,
                sample: "liste de patients : nom + contexte clinique".to_owned(),
                key: format!("listed@{start}"),
                at: start,
            });
        }
        // A patient named by a label, amid health words: two distinct ones besides the label
        // (itself a clinical word, "patient" or "usager") make it health information about
        // them; one leaves a doubt.
        for &(start, end) in labelled {
            let near = Words::near(hits, start.saturating_sub(window), end + window);
            let confidence = match words.distinct(near, Kind::Strong) {
                0 | 1 => continue,
                2 => Confidence::Medium,
                _ => Confidence::High,
            };
            found.push(Sign {
                detector: PERSON,
                confidence,
                sample: "patient nomme + contexte clinique".to_owned(),
                key: format!("labelled@{start}"),
                at: start,
            });
        }
        if found.is_empty() {
            for &(start, end) in ages {
                // The name stands just before the age ("Mme Lalonde, 79 ans").
                if !name_within(start.saturating_sub(AGE_NAME_REACH), start) {
                    continue;
                }
                let Some(confidence) = graded(start, end) else {
                    continue;
                };
                found.push(Sign {
                    detector: PERSON,
                    confidence,
                    sample: "nom + age + contexte clinique".to_owned(),
                    key: format!("age@{start}"),
                    at: start,
                });
            }
        }
        found
    }

    /// Structured clinical records in `text`.
    pub fn structured(&self, text: &str) -> Vec<Sign> {
        let mut found = Vec::new();
        let mut push = |sample: &str, key: String, at: usize| {
            found.push(Sign {
                detector: STRUCTURED,
                confidence: Confidence::High,
                sample: sample.to_owned(),
                key,
                at,
            });
        };
        if text.contains("MSH|") {
            for pid in self.hl7_pid.captures_iter(text) {
                let fields: Vec<&str> = pid.get(1).map_or("", |m| m.as_str()).split('|').collect();
                // PID-3 (the identifier of a repetition) or PID-5 (the family name) filled in;
                // a template's "^^^^MR" names an identifier type, not a patient.
                let filled = |i: usize| {
                    fields.get(i).is_some_and(|f| {
                        f.split('~').any(|repetition| {
                            repetition
                                .split('^')
                                .next()
                                .is_some_and(|first| first.chars().any(char::is_alphanumeric))
                        })
                    })
                };
                if filled(2) || filled(4) {
                    let at = pid.get(0).map_or(0, |m| m.start());
                    push("HL7 v2 PID", format!("pid@{at}"), at);
                }
            }
        }
        // A Patient resource, or a resource that references a patient (JSON or XML).
        for (regex, format) in [(&self.fhir_json, "JSON"), (&self.fhir_xml, "XML")] {
            for resource in regex.captures_iter(text) {
                let kind = resource.get(1).map_or("", |m| m.as_str());
                let at = resource.get(0).map_or(0, |m| m.start());
                // Judged by content, whatever its id (a real record may well be "example"):
                // a Patient that names, identifies or dates a person, or any resource that
                // points at a patient.
                let about = if kind == "Patient" {
                    let body = text.get(at..).map_or("", |rest| {
                        rest.get(..floor_boundary(rest, rest.len().min(FHIR_REACH)))
                            .unwrap_or(rest)
                    });
                    self.fhir_person.is_match(body)
                } else {
                    self.fhir_reference.is_match(text)
                };
                if about {
                    push(&format!("FHIR {kind} ({format})"), format!("fhir@{at}"), at);
                }
            }
        }
        if text.contains("ClinicalDocument") && self.cda.is_match(text) {
            push(
                "CDA recordTarget",
                "cda".to_owned(),
                text.find("ClinicalDocument").unwrap_or(0),
            );
        }
        found
    }
}

/// Words that name no one: the dummy patients of training and test environments ("PATIENT,
/// Test", "Doe, John", "Usager Exemple"), the field labels a name match may run into on a
/// form's line ("Nom : PATIENT, Test DDN : ..."), and the menu bar of every application a
/// screenshot shows ("Fichier Edition Affichage", "File Edit View").
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "test", "tests", "patient", "patiente", "usager", "usagere", "exemple", "example", "sample",
    "demo", "fictif", "fictive", "formation", "training", "doe", "john", "jane", "inconnu",
    "inconnue", "unknown", "xxx", "ddn", "dob", "nam", "no", "sexe", "sex", "age",
    // A form's field names standing for the name ("NOM, Prenom", "Last name, First name").
    "nom", "prenom", "prenoms", "name", "surname", "lastname", "firstname", "last", "first",
    "given", "family",
    "fichier", "edition", "affichage", "outils", "fenetre", "aide", "dossier", "file", "edit",
    "view", "tools", "window", "help", "chart", "format", "insertion", "insert",
];

/// Labels and titles a name match may start with.
#[rustfmt::skip]
const NAME_PREFIXES: &[&str] = &[
    "nom", "name", "du", "de", "la", "l'usager", "patient", "m.", "mme", "mlle", "monsieur",
    "madame", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "enfant", "child",
];

/// True when the years ending at `end` are not one person's age: a length of service ("25
/// ans de service", "30 years of experience": a staff member's anniversary) or an age
/// threshold ("65 ans et plus", "18 years and older": a criterion, a programme's public).
pub fn not_an_age(text: &str, end: usize) -> bool {
    const NOT_ONE_AGE: &[&str] = &[
        " et plus",
        " ou plus",
        " et moins",
        " ou moins",
        " et +",
        " and older",
        " and over",
        " or older",
        " or over",
        " and up",
        " and under",
        " de service",
        " de carriere",
        " d'experience",
        " d'anciennete",
        " de pratique",
        " de metier",
        " de loyaux",
        " de benevolat",
        " of service",
        " of experience",
        " of practice",
    ];
    // The words may wrap to the next line ("25 ans de\nservice"): whitespace is one space.
    let mut after = Vec::with_capacity(24);
    for &byte in text
        .as_bytes()
        .get(end..)
        .unwrap_or_default()
        .iter()
        .take(24)
    {
        let byte = if byte.is_ascii_whitespace() {
            b' '
        } else {
            byte
        };
        if !(byte == b' ' && after.last() == Some(&b' ')) {
            after.push(byte);
        }
    }
    NOT_ONE_AGE.iter().any(|t| {
        after
            .get(..t.len())
            .is_some_and(|a| a.eq_ignore_ascii_case(t.as_bytes()))
    })
}

/// True when a name match (its label or title aside) is only placeholder words.
fn placeholder_name(name: &str) -> bool {
    let name = name.rsplit(':').next().unwrap_or(name);
    let words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let start = words
        .iter()
        .take_while(|w| NAME_PREFIXES.contains(&w.as_str()))
        .count()
        .min(words.len().saturating_sub(1));
    words[start..]
        .iter()
        .all(|w| NOT_NAMES.contains(&w.as_str()))
}
