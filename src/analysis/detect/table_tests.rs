//! Unit tests of [`super`] (table.rs): tables, lists and columns as documents show them.

use super::*;

fn rows(text: &str) -> Rows {
    Tables::new("janvier|mars").unwrap().rows(text)
}

#[test]
fn a_file_number_label_is_a_column_capitalised_or_after_a_number_word() {
    assert!(column_label("Lit Dossier", 4));
    assert!(column_label("No de dossier", 6));
    assert!(column_label("# dossier", 2));
    assert!(!column_label("voir le dossier", 8));
    // So prose that says "dossier" above a list of numbers is no table.
    let prose = "Patient\nle dossier suit\n400 Roy 879379\n402 Dion 1357604\n";
    assert!(rows(prose).records.is_empty());
}

#[test]
fn labels_match_as_documents_case_them_and_as_whole_words() {
    let label = Regex::new(&cased(&["date de naissance", "ddn"])).unwrap();
    for text in [
        "date de naissance",
        "Date de naissance",
        "Date De Naissance",
        "DDN",
        "Ddn",
    ] {
        assert!(label.is_match(text), "{text}");
    }
    assert!(!label.is_match("DdN"));
    assert!(
        !Regex::new(&cased(&["naissance"]))
            .unwrap()
            .is_match("reconnaissance")
    );
}

#[test]
fn a_one_row_export_reads_its_columns_by_their_labels() {
    let csv = "Patient(e);DDN;N\u{b0} de dossier;Admission\nRose Gendron;15 janvier 1992;S13089791;2024-05-27\n";
    let found = rows(csv);
    let cell = |&(s, e, _): &(usize, usize, bool)| &csv[s..e];
    assert_eq!(
        found.dobs.iter().map(cell).collect::<Vec<_>>(),
        ["15 janvier 1992"]
    );
    assert!(found.dobs[0].2, "the header names the person");
    assert_eq!(
        found.records.iter().map(cell).collect::<Vec<_>>(),
        ["S13089791"]
    );
    // Quoted cells, tabs; an admission date in another column is no birth date.
    let tsv = "Patient\tDOB\tChart #\n\"Luc Morin\"\t\"1984-04-25\"\tM01489191\n";
    assert_eq!(rows(tsv).dobs.len(), 1);
    let visits = "Patient;Date de visite\nLuc Morin;2019-04-25\n";
    assert!(rows(visits).dobs.is_empty());
    // A blank template's rows hold nothing.
    let blank = "Nom;Date de naissance (AAAA-MM-JJ);No dossier\n____;;\n";
    assert_eq!(rows(blank), Rows::default());
}

#[test]
fn a_spreadsheet_with_a_birth_date_column_gives_named_dates_of_birth() {
    let text = "Chambre\t\tNom\t\tPrenom\t\tDDN\t\tDiagnostic\t\t\n\
                804-A\t\tLalonde\t\tIsabelle\t\t1935-09-25\t\themorragie\t\t\n\
                227\t\tBenali\t\tJennifer\t\t1974-11-01\t\tbipolaire\t\t\n";
    let found = rows(text);
    assert_eq!(found.dobs.len(), 2);
    assert!(
        found
            .dobs
            .iter()
            .all(|&(s, e, named)| named && text[s..e].contains('-'))
    );
}

#[test]
fn a_screen_read_column_by_column_still_gives_a_table() {
    let text = "Agenda\nPatient\nBRETON, Benoit\nMICHAUD, Roger\nSAINT-ONGE, Francois\n\nDDN\n\n1991-08-18\n1969-05-11\n";
    let found = rows(text);
    assert_eq!(found.dobs.len(), 2);
    assert!(found.dobs.iter().all(|d| d.2));
    assert_eq!(found.listed.len(), 3);
}

#[test]
fn a_labelled_date_a_single_date_or_a_greeting_is_no_table() {
    assert_eq!(
        rows("Nom : Lalonde\nDDN : 1935-09-25\nVu le 2024-01-02\n"),
        Rows::default()
    );
    assert_eq!(rows("Date de naissance\n1935-09-25\n"), Rows::default());
    let letter =
        "Bonjour,\nMerci pour la liste des patients.\nMerci, Marie\nBonne journee, Julie\n";
    assert_eq!(rows(letter), Rows::default());
}

#[test]
fn names_in_list_form_below_a_patient_label_are_listed() {
    let board = "Bed Patient Age/S Chief complaint\nC-23 LACROIX, Monique 60 F Fever\n\
                 C-37 TAYLOR, Linda 58F Fever + cough\nC-36 BOU SALEH, Ryan 66M Headache\n";
    assert_eq!(rows(board).listed.len(), 3);
    let column = "Patient\n\nArsenault, Emilie\nSainte-Marie, Sylvie\nPoulin, Marc\n";
    assert_eq!(rows(column).listed.len(), 3);
    // Two names are not a list.
    assert!(
        rows("Patient\nARSENAULT, Emilie\nPOULIN, Marc\n")
            .listed
            .is_empty()
    );
}

#[test]
fn a_file_number_column_in_a_table_of_patients_gives_record_numbers() {
    let sheet = "Liste des usagers - Unite 4B\nLit\tUsager\tDossier\tDiagnostic\n\
                 400\tCatherine Roy\t879379\tAsthme\n402\tLouis Roy\t1357604\tMPOC\n";
    let found = rows(sheet);
    let numbers: Vec<&str> = found
        .records
        .iter()
        .map(|&(s, e, _)| &sheet[s..e])
        .collect();
    assert_eq!(numbers, ["879379", "1357604"]);
    assert!(found.records.iter().all(|r| r.2));
    // OCR of the same table: single spaces between cells.
    let ocr = "Lit Usager Dossier Diagnostic\n400 Maude Proulx 6646932 Asthme\n\n\
               402 William Thibault 9697106 Fracture de la hanche\n";
    assert_eq!(rows(ocr).records.len(), 2);
}

#[test]
fn a_file_number_column_without_patients_or_with_one_row_is_no_record() {
    // No patient label: a supplier's files.
    let invoices = "Fournisseur\tDossier\tMontant\nAcme\t123456\t40 $\nBeta\t234567\t12 $\n";
    assert!(rows(invoices).records.is_empty());
    // One row without cells, or a labelled number on the header line (the detector's
    // own rule). (One row of a delimited export is read by its column: see `cells`.)
    assert!(rows("Patient Dossier\nRoy 123456\n").records.is_empty());
    assert!(
        rows("Patient Dossier 123456\nRoy 234567\nDion 345678\n")
            .records
            .is_empty()
    );
}

#[test]
fn staff_numbers_under_an_emr_title_are_no_record_column() {
    // A staff schedule on an EMR screen read by OCR: "Dossier patient" heads the screen,
    // and each row's number has its own label.
    let screen = "Dossier patient - EchoDPE\nAccueil Patient Resultats\n\
                  Jean Roy matricule 408775 Jour 07h-15h teleavertisseur 514-555-1713\n\
                  Marie Dion Matricule 043252 Soir 15h-23h poste 45210\n";
    assert!(rows(screen).records.is_empty());
    // Without their label the same numbers are read as the column's.
    let records = screen.replace("matricule ", "").replace("Matricule ", "");
    assert_eq!(rows(&records).records.len(), 2);
}

#[test]
fn a_handover_sheet_lists_its_patients_between_bed_and_age() {
    let sheet = "Rapport de quart\nLit Patient Age Dx\n12 Rosalie Gendron 41 Asthme\n\
                 14 Marcel Paradis ___|67 |Angine\n(7 |Lise Cormier [58 Delirium\n";
    assert_eq!(rows(sheet).listed.len(), 3);
    // A schedule's room, staff name and time are not a patient row.
    let staff = "Horaire patient\nLocal 12 Rosalie Gendron 8 h 30\n";
    assert!(rows(staff).listed.is_empty());
}

#[test]
fn a_ward_census_lists_its_patients_in_every_form_emrs_write_names() {
    let census = "Recensement - unite 2 Ouest\nBergeron, Lucie\n301-A | TALBOT Andre\n\
                  302-B | CARON, SYLVIE\n303-A Mme Rita O'Neil\n";
    assert_eq!(rows(census).listed.len(), 4);
    // A census of beds holds no names.
    assert!(
        rows("Recensement des lits\nUnite 2 Ouest 24\nUnite 3 Est 18\n")
            .listed
            .is_empty()
    );
}

#[test]
fn a_file_number_column_beside_a_name_column_or_under_mrn_is_read() {
    let sheet = "Lit Nom Age Dossier Dx\n301-A Gagnon, Paul 40 H838341 Asthme\n\
                 402-A Lise Morin 67 30-97961 Angine\n";
    let found = rows(sheet);
    let numbers: Vec<&str> = found
        .records
        .iter()
        .map(|&(s, e, _)| &sheet[s..e])
        .collect();
    assert_eq!(numbers, ["H838341", "30-97961"]);
    // Not headed by a patient label: the detector weighs the context.
    assert!(found.records.iter().all(|r| !r.2));
    let or = "Heure MRN Intervention\n08:00 | ROY, Lea 03167781 Hernie\n09:00 | DION, Guy 01358674 Hernie\n";
    assert_eq!(rows(or).records.len(), 2);
    // Phone numbers, dates and bed numbers are not file numbers.
    let beds = "Lit Nom Dossier\n501-A 418-555-0191 2026-02-16\n502-B 819-555-0177 2026-02-17\n";
    assert!(rows(beds).records.is_empty());
}

#[test]
fn given_names_first_make_a_column_only_right_below_the_patient_label() {
    let screen = "Clinic list\nPatient\n\nMicheline Lamontagne\nFrancine Daigle\n\nSylvie Cote\n";
    assert_eq!(rows(screen).listed.len(), 3);
    // A new-patient screen's labels and buttons are no column of names.
    let form = "Nouvel usager\nFichier Edition Affichage Dossier\nNom Prenom\n\
                Allergie Reaction\nEnregistrer Annuler\n";
    assert!(rows(form).listed.is_empty());
    // A signature under a line about test patients is no list either.
    let note = "Test patients are synthetic.\n\nSarah St-Pierre\nQA analyst\nCIUSSS\n";
    assert!(rows(note).listed.is_empty());
}
