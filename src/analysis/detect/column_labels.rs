//! The words that name a table's columns (birth date, patient, name, file number) and how
//! documents write them, and the words that give a number a label of another kind: what
//! [`super::table`] looks for on a header line and in a row.

/// A birth-date column's label.
pub(super) const DOB_LABELS: &[&str] = &[
    "ddn",
    "d.d.n",
    "date de naissance",
    "naissance",
    "dob",
    "d.o.b",
    "date of birth",
    "birth date",
    "birthdate",
];
/// The words for the people a clinical table lists: a patient column's label, and a name
/// column's too.
pub(super) const PATIENT_WORDS: &[&str] = &[
    "patient",
    "patients",
    "patiente",
    "patientes",
    "usager",
    "usagers",
    "usagere",
    "usageres",
];
/// A patient column's other labels (after [`PATIENT_WORDS`]); a ward's census lists its
/// patients ("Recensement - 4 Nord").
pub(super) const PATIENT_LABELS: &[&str] =
    &["patient name", "nom du patient", "recensement", "census"];
/// A name column's own labels (before [`PATIENT_WORDS`]).
pub(super) const NAME_LABELS: &[&str] = &["nom", "prenom", "name"];
/// A file-number column's label.
pub(super) const RECORD_LABELS: &[&str] = &[
    "dossier",
    "dossiers",
    "mrn",
    "chart no",
    "chart number",
    "chart #",
    "chart",
    "medical record number",
    "medical record no",
    "medical record",
];

/// A whole-word pattern for `words` as documents write them: lower case, capitalised,
/// each word capitalised, or in capitals ("ddn", "Ddn", "DDN"). Spelled out rather than
/// `(?i)`, whose every mix of cases makes the literal search several times slower on
/// texts that hold no label (most of them).
pub(super) fn cased(words: &[&str]) -> String {
    let capital = |word: &str| {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_ascii_uppercase().to_string() + chars.as_str()
        })
    };
    let mut forms: Vec<String> = Vec::new();
    for word in words {
        let title: Vec<String> = word.split(' ').map(capital).collect();
        for form in [
            (*word).to_owned(),
            capital(word),
            title.join(" "),
            word.to_ascii_uppercase(),
        ] {
            let form = regex::escape(&form);
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    format!(r"(?-u:\b)(?:{})(?-u:\b)", forms.join("|"))
}

/// True when the file-number label at `start` reads as a column's: capitalised
/// ("Dossier", "MRN") or after a number word ("No de dossier", "# dossier"). In prose,
/// "le dossier" is a word, and a long text holds thousands of them.
pub(super) fn column_label(text: &str, start: usize) -> bool {
    const NUMBER_WORDS: &[&[u8]] = &[
        b"no ",
        b"no. ",
        b"n\xc2\xb0 ",
        b"no de ",
        b"no. de ",
        b"n\xc2\xb0 de ",
        b"# ",
        b"#",
        b"numero ",
        b"numero de ",
        b"num ",
        b"num. ",
    ];
    let bytes = text.as_bytes();
    if bytes.get(start).is_some_and(u8::is_ascii_uppercase) {
        return true;
    }
    let before = &bytes[start.saturating_sub(12)..start.min(bytes.len())];
    NUMBER_WORDS.iter().any(|word| {
        before.len() >= word.len() && before[before.len() - word.len()..].eq_ignore_ascii_case(word)
    })
}

/// Words that label a number of another kind, right before it in a row: an employee's
/// number in a staff list ("Hélène Roy   matricule 093036"), an extension, a pager.
const OTHER_NUMBER_LABELS: &[&str] = &[
    "matricule",
    "employe",
    "employé",
    "employee",
    "badge",
    "poste",
    "ext",
    "local",
    "pager",
    "téléavertisseur",
    "teleavertisseur",
    "permis",
    "licence",
    "license",
];

/// True when the row's text `before` a number ends with a word that labels it as another
/// kind of number: it is not in the file-number column, it has its own label.
pub(super) fn labelled_otherwise(before: &str) -> bool {
    let word = before
        .trim_end_matches([' ', '\t', ':', '#', '.', '|'])
        .rsplit([' ', '\t', '|', ';', ','])
        .next()
        .unwrap_or("");
    OTHER_NUMBER_LABELS
        .iter()
        .any(|label| word.to_lowercase() == *label)
}
